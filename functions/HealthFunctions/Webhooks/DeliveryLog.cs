using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Signed deliveries already accepted, one marker row each (PK source, RK hash of the replay key), kept in Table
/// Storage so the check survives restarts and scale-out. Written after the delivery's data is stored.
/// </summary>
public sealed class DeliveryLog(TableServiceClient tables, TableNames names, TimeProvider clock)
{
    private static readonly string[] KeysOnly = ["PartitionKey"];
    private readonly TableClient _table = tables.GetTableClient(names.WebhookDeliveries);

    /// <summary>True when this exact signed delivery was accepted before.</summary>
    public async Task<bool> SeenAsync(string source, string replayKey, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(source, Row(replayKey), KeysOnly, cancellationToken).ConfigureAwait(false)).HasValue;

    /// <summary>Records an accepted delivery; recording it twice is not an error.</summary>
    public async Task RecordAsync(string source, string replayKey, string deliveryId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(source, Row(replayKey)) { ["DeliveryId"] = deliveryId, ["AcceptedAt"] = clock.GetUtcNow() };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string Row(string replayKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(replayKey)));
}
