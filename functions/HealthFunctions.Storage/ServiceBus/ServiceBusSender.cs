using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.ServiceBus;

/// <summary>
/// Sends to one queue or topic: <c>POST https://{ns}/{entity}/messages</c>, one message with BrokerProperties and
/// one header per application property, or a batch as application/vnd.microsoft.servicebus.json.
/// </summary>
public sealed class ServiceBusSender : IServiceBusSender
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal ServiceBusSender(HttpPipeline pipeline, Uri endpoint, string entityPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityPath);
        if (entityPath.Any(c => c is '?' or '#' or '\\' || char.IsControl(c)))
        {
            throw new ArgumentException($"'{entityPath}' is not a valid queue or topic name.", nameof(entityPath));
        }

        _pipeline = pipeline;
        _endpoint = endpoint;
        EntityPath = entityPath.Trim('/');
    }

    /// <inheritdoc />
    public string EntityPath { get; }

    /// <inheritdoc />
    public async Task SendAsync(ServiceBusOutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var http = CreateMessage();
        var headers = http.Request.Headers;
        foreach (var (name, value) in message.ApplicationProperties)
        {
            headers.SetValue(name, ServiceBusMessageWriter.HeaderValue(name, value));
        }

        headers.SetValue("BrokerProperties", ServiceBusMessageWriter.BrokerProperties(message));
        headers.SetValue(HttpHeader.Names.ContentType, message.ContentType ?? "application/octet-stream");
        http.Request.Content = RequestContent.Create(message.Body);
        await SendAsync(http, "Sending a message", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SendBatchAsync(IReadOnlyList<ServiceBusOutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        using var http = CreateMessage();
        http.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/vnd.microsoft.servicebus.json");
        http.Request.Content = RequestContent.Create(ServiceBusMessageWriter.Batch(messages));
        await SendAsync(http, $"Sending a batch of {messages.Count} messages", cancellationToken).ConfigureAwait(false);
    }

    private HttpMessage CreateMessage()
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(_endpoint);
        foreach (var segment in EntityPath.Split('/'))
        {
            message.Request.Uri.AppendPath("/", escape: false);
            message.Request.Uri.AppendPath(segment, escape: true);
        }

        message.Request.Uri.AppendPath("/messages", escape: false);
        return message;
    }

    private async Task SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.IsError)
        {
            throw ServiceError.Create(message.Response, $"{operation} to '{EntityPath}'");
        }
    }
}
