using Azure;
using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Alerts;

/// <summary>
/// Which alerts went where (table <c>{p}alerts</c>: PartitionKey the score-change message id, RowKey the destination), so a
/// message delivered again (a retry after the other destination failed, a redelivery) sends to each destination once.
/// A crash between a receiver's 2xx and this record sends that one alert again: at least once, at most once per success.
/// </summary>
public sealed class AlertLog(TableServiceClient tables, TableNames names)
{
    private readonly TableClient _table = tables.GetTableClient(names.Alerts);

    /// <summary>Whether the alert for <paramref name="messageId"/> already went to <paramref name="destination"/>.</summary>
    public async Task<bool> WasSentAsync(string messageId, string destination, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(Key(messageId), destination, ["RowKey"], cancellationToken).ConfigureAwait(false)).HasValue;

    /// <summary>Records that the alert went to the destination (again is no error).</summary>
    public async Task RecordAsync(string messageId, string destination, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(Key(messageId), destination) { ["SentAt"] = at }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Recorded by an earlier delivery of the same message.
        }
    }

    private static string Key(string messageId) => TableKeyRules.IsValid(messageId) ? messageId : "h-" + Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId)));
}
