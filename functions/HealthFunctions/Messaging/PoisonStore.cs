using System.Globalization;
using HealthFunctions.Storage;
using HealthFunctions.Storage.Tables;

namespace HealthFunctions.Messaging;

/// <summary>
/// Messages set aside because they can never be processed: the stand-in for a dead-letter queue, which a
/// custom handler cannot reach. One row per message (PK function name, RK message id), so recording is idempotent.
/// </summary>
public sealed class PoisonStore(ITableServiceClient tables, TableNames names, TimeProvider clock)
{
    /// <summary>Records a message; recording the same message twice keeps one row.</summary>
    public async Task RecordAsync(string function, ReceivedMessage message, string reason, CancellationToken cancellationToken)
    {
        var id = message.MessageId is { Length: > 0 } m && TableKey.IsValid(m)
            ? m
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(message.Body.ToMemory().Span));
        var body = message.Body.ToArray();
        var entity = new TableEntity(function, id)
        {
            ["Reason"] = reason.Length > 1000 ? reason[..1000] : reason,
            ["DeliveryCount"] = message.DeliveryCount,
            ["RecordedAt"] = clock.GetUtcNow(),
            ["ContentType"] = message.ContentType,
            ["Body"] = body.Length <= 60_000 ? body : body.AsSpan(0, 60_000).ToArray(),
            ["BodyBytes"] = body.Length.ToString(CultureInfo.InvariantCulture),
        };
        await tables.GetTableClient(names.Poison).UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the poison rows of a function (for tests and the local console).</summary>
    public async Task<int> CountAsync(string function, CancellationToken cancellationToken)
    {
        var n = 0;
        await foreach (var _ in tables.GetTableClient(names.Poison).QueryAsync(TableFilter.Equal("PartitionKey", function), ["RowKey"], null, cancellationToken).ConfigureAwait(false))
        {
            n++;
        }

        return n;
    }
}
