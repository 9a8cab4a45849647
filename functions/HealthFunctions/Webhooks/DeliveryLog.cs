using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Webhooks;

/// <summary>
/// The replay guard: one row per signed delivery received (PK source, RK hash of the message id and the signed
/// timestamp), claimed with an insert before anything is stored, so exactly one of several concurrent identical
/// deliveries wins. The claim survives restarts and scale-out; a stale timestamp is refused by the tolerance window, so
/// claims older than the window are never needed again.
/// </summary>
public sealed class DeliveryLog(TableServiceClient tables, TableNames names, TimeProvider clock)
{
    private readonly TableClient _table = tables.GetTableClient(names.WebhookDeliveries);

    /// <summary>The claim of one signed delivery: a message id and the timestamp its signature covers.</summary>
    public static string ClaimKey(string messageId, DateTimeOffset signedAt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{signedAt.ToUnixTimeSeconds()}|{messageId}")));

    /// <summary>
    /// Claims a signed delivery (insert if absent). False when it was claimed before: a replay of the same signed delivery,
    /// or a concurrent copy of it. Returns the claim's token for <see cref="ReleaseAsync"/>.
    /// </summary>
    public async Task<string?> TryClaimAsync(string source, string claimKey, string deliveryId, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var entity = new TableEntity(source, claimKey) { ["DeliveryId"] = deliveryId, ["ClaimedAt"] = clock.GetUtcNow(), ["Token"] = token };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return token;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The client retries an insert whose answer was lost; the row it then finds may be its own.
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(source, claimKey, ["Token"], cancellationToken).ConfigureAwait(false);
            return existing.HasValue && existing.Value!.GetString("Token") == token ? token : null;
        }
    }

    /// <summary>Gives a claim back after the delivery's storage failed, so the sender's identical retry is not taken for a replay (best effort).</summary>
    public async Task ReleaseAsync(string source, string claimKey, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(source, claimKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Errors.ProblemResults.IsStorageFault(e))
        {
            // Storage is down: the claim stays, and the sender's retry with a fresh timestamp is a new claim.
        }
    }
}
