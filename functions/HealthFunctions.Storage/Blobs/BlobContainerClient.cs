using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Blobs;

/// <summary>One blob container over the Blob REST API; created by <see cref="BlobServiceClient.GetContainerClient"/>.</summary>
public sealed class BlobContainerClient : IBlobContainerClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal BlobContainerClient(HttpPipeline pipeline, Uri endpoint, string containerName)
    {
        ResourceName.Validate(containerName, "container", nameof(containerName));
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = containerName;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, null);
        message.Request.Uri.AppendQuery("restype", "container");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError && response.Status != 409)
        {
            throw ServiceError.Create(response, $"Creating container '{Name}'");
        }
    }

    /// <inheritdoc />
    public async Task<bool> UploadAsync(string blobName, BinaryData content, string contentType = "application/octet-stream",
        bool overwrite = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        using var message = CreateMessage(RequestMethod.Put, blobName);
        var headers = message.Request.Headers;
        headers.SetValue("x-ms-blob-type", "BlockBlob");
        headers.SetValue(HttpHeader.Names.ContentType, contentType);
        if (!overwrite)
        {
            headers.SetValue(HttpHeader.Names.IfNoneMatch, "*");
        }

        message.Request.Content = RequestContent.Create(content);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!overwrite && response.Status is 409 or 412)
        {
            return false;
        }

        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Uploading blob '{blobName}' to '{Name}'");
        }

        return true;
    }

    /// <inheritdoc />
    public Task<BlobContent?> DownloadAsync(string blobName, CancellationToken cancellationToken = default) =>
        DownloadCoreAsync(blobName, null, cancellationToken);

    /// <inheritdoc />
    public Task<BlobContent?> DownloadIfChangedAsync(string blobName, ETag etag, CancellationToken cancellationToken = default) =>
        DownloadCoreAsync(blobName, etag, cancellationToken);

    private async Task<BlobContent?> DownloadCoreAsync(string blobName, ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, blobName);
        if (ifNoneMatch is { } etag)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfNoneMatch, etag.ToString("H"));
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status is 404 or 304)
        {
            return null;
        }

        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Downloading blob '{blobName}' from '{Name}'");
        }

        response.Headers.TryGetValue("Last-Modified", out var lastModified);
        return new BlobContent(response.Content, response.Headers.ContentType ?? "application/octet-stream",
            response.Headers.ETag ?? default, ParseDate(lastModified));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<BlobItem> ListAsync(string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var (items, next) = await ListPageAsync(prefix, marker, cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }

            marker = next;
        }
        while (marker is not null);
    }

    private async Task<(List<BlobItem> Items, string? NextMarker)> ListPageAsync(string? prefix, string? marker, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, null);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix, escapeValue: true);
        }

        if (marker is not null)
        {
            uri.AppendQuery("marker", marker, escapeValue: true);
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Listing container '{Name}'");
        }

        var root = XDocument.Load(response.ContentStream!).Root!;
        var items = root.Element("Blobs")?.Elements("Blob").Select(blob =>
        {
            var properties = blob.Element("Properties");
            return new BlobItem(
                blob.Element("Name")!.Value,
                long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                properties?.Element("Content-Type")?.Value,
                new ETag(properties?.Element("Etag")?.Value ?? ""),
                ParseDate(properties?.Element("Last-Modified")?.Value));
        }).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return (items, string.IsNullOrEmpty(next) ? null : next);
    }

    private HttpMessage CreateMessage(RequestMethod method, string? blobName)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        var uri = message.Request.Uri;
        uri.Reset(_endpoint);
        uri.AppendPath("/", escape: false);
        uri.AppendPath(Name, escape: false);
        if (blobName is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(blobName);
            if (blobName.Length > 1024)
            {
                throw new ArgumentException("Blob names are at most 1,024 characters.", nameof(blobName));
            }

            foreach (var segment in blobName.Split('/'))
            {
                uri.AppendPath("/", escape: false);
                uri.AppendPath(segment, escape: true);
            }
        }

        return message;
    }

    private async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    private static DateTimeOffset ParseDate(string? text) =>
        text is null ? default : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
