using System.Security.Cryptography;
using System.Text;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Tables;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Signed deliveries already accepted, one marker row each (PK source, RK hash of the replay key), kept in Table
/// Storage so the check survives restarts and scale-out. Written after the delivery's data is stored.
/// </summary>
public sealed class DeliveryLog(ITableServiceClient tables, TableNames names, TimeProvider clock)
{
    private ITableClient Table => tables.GetTableClient(names.WebhookDeliveries);

    /// <summary>True when this exact signed delivery was accepted before.</summary>
    public async Task<bool> SeenAsync(string source, string replayKey, CancellationToken cancellationToken) =>
        await Table.GetEntityAsync(source, Row(replayKey), ["PartitionKey"], cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Records an accepted delivery; recording it twice is not an error.</summary>
    public async Task RecordAsync(string source, string replayKey, string deliveryId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(source, Row(replayKey)) { ["DeliveryId"] = deliveryId, ["AcceptedAt"] = clock.GetUtcNow() };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string Row(string replayKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(replayKey)));
}
