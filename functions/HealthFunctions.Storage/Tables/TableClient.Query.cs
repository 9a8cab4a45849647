using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Core;
using HealthFunctions.Storage.Internal;

namespace HealthFunctions.Storage.Tables;

public sealed partial class TableClient
{
    private const string NextPartitionKeyHeader = "x-ms-continuation-NextPartitionKey";
    private const string NextRowKeyHeader = "x-ms-continuation-NextRowKey";

    /// <inheritdoc />
    /// <remarks>
    /// While the caller works on one page the next is already being fetched, so a consumer that processes pages
    /// overlaps its work with the service's. An empty page that carries a continuation is still yielded.
    /// </remarks>
    public async IAsyncEnumerable<TablePage> QueryPagesAsync(string? filter = null, IReadOnlyList<string>? select = null,
        int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Page size must be between 1 and 1,000.");
        }

        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = FetchPageAsync(filter, select, pageSize, null, prefetch.Token);
        try
        {
            while (pending is not null)
            {
                var (message, continuation) = await pending.ConfigureAwait(false);
                IReadOnlyList<TableEntity> entities;
                using (message)
                {
                    // The next request goes out before this page is parsed, so parsing overlaps the service's work.
                    pending = continuation is null ? null : FetchPageAsync(filter, select, pageSize, continuation, prefetch.Token);
                    entities = EntityJsonReader.ReadPage(message.Response.Content.ToMemory());
                }

                yield return new TablePage(entities, continuation);
            }
        }
        finally
        {
            if (pending is not null)
            {
                // The caller stopped early (or parsing failed): cancel the prefetch and observe it so no fault goes unobserved.
                await prefetch.CancelAsync().ConfigureAwait(false);
                try
                {
                    (await pending.ConfigureAwait(false)).Message.Dispose();
                }
                catch (Exception)
                {
                    // Expected: the prefetch was cancelled or failed after the caller lost interest.
                }
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, IReadOnlyList<string>? select = null,
        int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(filter, select, pageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }
        }
    }

    /// <summary>Sends one page's request; the caller parses the buffered response and disposes the message.</summary>
    private async Task<(HttpMessage Message, string? Continuation)> FetchPageAsync(string? filter, IReadOnlyList<string>? select, int? pageSize,
        string? continuation, CancellationToken cancellationToken)
    {
        var message = CreateMessage(RequestMethod.Get);
        try
        {
            var next = await SendPageRequestAsync(message, filter, select, pageSize, continuation, cancellationToken).ConfigureAwait(false);
            return (message, next);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private async Task<string?> SendPageRequestAsync(HttpMessage message, string? filter, IReadOnlyList<string>? select, int? pageSize,
        string? continuation, CancellationToken cancellationToken)
    {
        var uri = message.Request.Uri;
        uri.AppendPath("()", escape: false);
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (select is { Count: > 0 })
        {
            uri.AppendQuery("$select", string.Join(',', select), escapeValue: true);
        }

        if (pageSize is { } top)
        {
            uri.AppendQuery("$top", top.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (continuation is not null)
        {
            var space = continuation.IndexOf(' ', StringComparison.Ordinal);
            uri.AppendQuery("NextPartitionKey", space < 0 ? continuation : continuation[..space], escapeValue: true);
            if (space >= 0)
            {
                uri.AppendQuery("NextRowKey", continuation[(space + 1)..], escapeValue: true);
            }
        }

        message.Request.Headers.SetValue(HttpHeader.Names.Accept, MinimalMetadata);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            throw ServiceError.Create(response, $"Querying table '{Name}'");
        }

        if (response.Headers.TryGetValue(NextPartitionKeyHeader, out var nextPartition) && nextPartition.Length > 0)
        {
            return response.Headers.TryGetValue(NextRowKeyHeader, out var nextRow) && nextRow.Length > 0
                ? nextPartition + " " + nextRow
                : nextPartition;
        }

        return null;
    }
}
