using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Queues;

/// <summary>
/// One storage queue over the Queue REST API (the local stand-in for a Service Bus subscription). Bodies travel
/// base64-encoded; created by <see cref="QueueServiceClient.GetQueueClient"/>.
/// </summary>
public sealed class QueueClient : IQueueClient
{
    /// <summary>The largest body before base64 (64 KiB of MessageText).</summary>
    public const int MaxBodyBytes = 48 * 1024;

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal QueueClient(HttpPipeline pipeline, Uri endpoint, string queueName)
    {
        ResourceName.Validate(queueName, "queue", nameof(queueName));
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = queueName;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, null);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && response.Status != 409)
        {
            throw ServiceError.Create(response, $"Creating queue '{Name}'");
        }
    }

    /// <inheritdoc />
    public async Task SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var bytes = body.ToMemory();
        if (bytes.Length > MaxBodyBytes)
        {
            throw new ArgumentException($"Queue message bodies are at most {MaxBodyBytes} bytes; got {bytes.Length}.", nameof(body));
        }

        using var message = CreateMessage(RequestMethod.Post, "messages");
        if (visibilityDelay is { } delay)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay));
        }

        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl));
        }

        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
        message.Request.Content = RequestContent.Create(
            "<QueueMessage><MessageText>" + Convert.ToBase64String(bytes.Span) + "</MessageText></QueueMessage>");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Sending to queue '{Name}'");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.FromSeconds(1));
        using var message = CreateMessage(RequestMethod.Get, "messages");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Receiving from queue '{Name}'");
        }

        var root = XDocument.Load(response.ContentStream!).Root!;
        return root.Elements("QueueMessage").Select(m => new QueueMessage(
            m.Element("MessageId")!.Value,
            m.Element("PopReceipt")!.Value,
            long.Parse(m.Element("DequeueCount")?.Value ?? "1", CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(m.Element("InsertionTime")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            new BinaryData(Convert.FromBase64String(m.Element("MessageText")?.Value ?? "")))).ToList();
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessage(RequestMethod.Delete, "messages");
        message.Request.Uri.AppendPath("/", escape: false);
        message.Request.Uri.AppendPath(messageId, escape: true);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && response.Status != 404)
        {
            throw ServiceError.Create(response, $"Deleting a message from queue '{Name}'");
        }
    }

    private HttpMessage CreateMessage(RequestMethod method, string? child)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        var uri = message.Request.Uri;
        uri.Reset(_endpoint);
        uri.AppendPath("/", escape: false);
        uri.AppendPath(Name, escape: false);
        if (child is not null)
        {
            uri.AppendPath("/" + child, escape: false);
        }

        return message;
    }

    private async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
