using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using HealthFunctions.Storage;
using HealthScoring.Calibration;

namespace HealthFunctions.Outcomes;

/// <summary>
/// Renewal outcomes: PartitionKey the account's shard, RowKey "account|yyyyMMdd|outcome", so posting the same
/// outcome again replaces it (idempotent) and a shard's outcomes are written in batches of up to 100.
/// </summary>
public sealed class OutcomeStore(TableServiceClient tables, TableNames names)
{
    private readonly TableClient _table = tables.GetTableClient(names.Outcomes);

    /// <summary>Stores outcomes; returns how many distinct outcomes were written.</summary>
    public async Task<int> UpsertAsync(IReadOnlyList<RenewalOutcome> outcomes, CancellationToken cancellationToken)
    {
        var distinct = outcomes.GroupBy(o => (o.AccountId, o.Date, o.Kind)).Select(g => g.Last()).ToList();
        foreach (var shard in distinct.GroupBy(o => AccountKeys.Shard(o.AccountId)))
        {
            foreach (var batch in shard.Chunk(100))
            {
                var actions = batch.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(shard.Key, o))).ToList();
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }

        return distinct.Count;
    }

    /// <summary>Every stored outcome.</summary>
    public async IAsyncEnumerable<RenewalOutcome> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>((string?)null, 1000, null, cancellationToken).ConfigureAwait(false))
        {
            yield return new RenewalOutcome(
                e.GetString("AccountId") ?? "",
                DateOnly.ParseExact(e.GetString("Date") ?? "2000-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum.TryParse<OutcomeKind>(e.GetString("Outcome"), out var kind) ? kind : OutcomeKind.Renewed,
                e.GetDouble("ArrBefore"),
                e.GetDouble("ArrAfter"));
        }
    }

    private static TableEntity ToEntity(string shard, RenewalOutcome o) =>
        new TableEntity(shard, string.Create(CultureInfo.InvariantCulture, $"{o.AccountId}|{o.Date:yyyyMMdd}|{o.Kind.ToString().ToLowerInvariant()}"))
        {
            ["AccountId"] = o.AccountId,
            ["Date"] = o.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Outcome"] = o.Kind.ToString(),
        }.SetIfNotNull("ArrBefore", o.ArrBefore).SetIfNotNull("ArrAfter", o.ArrAfter);
}
