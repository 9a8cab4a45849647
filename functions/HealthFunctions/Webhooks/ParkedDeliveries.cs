using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using HealthFunctions.Errors;
using HealthFunctions.Storage;

namespace HealthFunctions.Webhooks;

/// <summary>
/// The parked list: verified deliveries that could not be stored, or only in part (PK source, RK hash of the delivery id).
/// Written before the delivery is answered, removed when a later copy or a replay stores it whole.
/// </summary>
public sealed class ParkedDeliveries(TableServiceClient tables, TableNames names)
{
    /// <summary>Reasons kept per delivery (the count says how many there were).</summary>
    public const int MaxSkippedKept = 20;

    private readonly TableClient _table = tables.GetTableClient(names.WebhookParked);

    /// <summary>Puts a delivery on the list (or updates its entry).</summary>
    public async Task RecordAsync(string source, string deliveryId, DeliveryStatus status, string blob, IReadOnlyList<SkippedItem> skipped,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(source, Row(deliveryId))
        {
            ["DeliveryId"] = deliveryId,
            ["Status"] = Name(status),
            ["UpdatedAt"] = at,
            ["Blob"] = blob,
            ["SkippedCount"] = skipped.Count,
            ["Skipped"] = JsonSerializer.Serialize(skipped.Take(MaxSkippedKept).ToList(), AppJson.Default.IReadOnlyListSkippedItem),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a delivery off the list; one that is not on it is no error.</summary>
    public async Task ClearAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(source, Row(deliveryId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "TableNotFound")
        {
            // Not parked.
        }
    }

    /// <summary>A delivery's entry, or null when it is not on the list.</summary>
    public async Task<ParkedDelivery?> GetAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(source, Row(deliveryId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? From(entity.Value!) : null;
    }

    /// <summary>One page of the entries with a status (of one source, or all), at most <paramref name="top"/>.</summary>
    public async Task<ParkedDeliveryPage> ListAsync(DeliveryStatus status, string? source, int top, string? continuation, CancellationToken cancellationToken)
    {
        var token = string.IsNullOrEmpty(continuation) ? null : DecodeToken(continuation);
        try
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(Filter(status, source), top, cancellationToken: cancellationToken)
                .AsPages(token, top).ConfigureAwait(false))
            {
                var next = page.ContinuationToken is { Length: > 0 } t ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(t)) : null;
                return new ParkedDeliveryPage(page.Values.Select(From).ToList(), next);
            }
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            throw new RequestValidationException("continuation", "is not a token this listing gave.");
        }

        return new ParkedDeliveryPage([], null);
    }

    /// <summary>Every entry with a status (of one source, or all).</summary>
    public async IAsyncEnumerable<ParkedDelivery> ScanAsync(DeliveryStatus status, string? source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(Filter(status, source), 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return From(entity);
        }
    }

    private static string Filter(DeliveryStatus status, string? source) => source is null
        ? TableClient.CreateQueryFilter($"Status eq {Name(status)}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {source} and Status eq {Name(status)}");

    private static string? DecodeToken(string continuation)
    {
        try
        {
            var token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation));
            return token.Length > 0 && !token.Any(char.IsControl) ? token : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new RequestValidationException("continuation", "is not a token this listing gave.");
        }
    }

    private static ParkedDelivery From(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("DeliveryId") ?? "",
        Enum.TryParse<DeliveryStatus>(e.GetString("Status"), ignoreCase: true, out var status) ? status : DeliveryStatus.Parked,
        e.GetDateTimeOffset("UpdatedAt") ?? default,
        e.GetString("Blob") ?? "",
        e.GetInt32("SkippedCount") ?? 0,
        e.GetString("Skipped") is { } json ? JsonSerializer.Deserialize(json, AppJson.Default.IReadOnlyListSkippedItem) ?? [] : []);

    private static string Name(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    private static string Row(string deliveryId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)));
}
