using System.Globalization;
using System.Runtime.CompilerServices;
using HealthFunctions.Rescoring;
using Azure.Data.Tables;
using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>
/// Daily score history: PartitionKey the account's shard, RowKey "account|yyyyMMdd", so a run writes a shard's
/// rows in batches of 100 and one account's days are one range query.
/// </summary>
public sealed class HistoryStore(TableServiceClient tables, TableNames names)
{
    private readonly TableClient _table = tables.GetTableClient(names.History);

    /// <summary>Writes rows of one shard in batches of up to 100 (a rerun replaces the same rows). Returns the requests made.</summary>
    public async Task<int> WriteAsync(string shard, IReadOnlyList<HistoryRow> rows, CancellationToken cancellationToken)
    {
        var requests = 0;
        foreach (var batch in rows.Chunk(100))
        {
            var actions = new List<TableTransactionAction>(batch.Length);
            foreach (var row in batch)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(shard, row)));
            }

            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            requests++;
        }

        return requests;
    }

    /// <summary>An account's history from <paramref name="from"/> on, oldest first.</summary>
    public async IAsyncEnumerable<HistoryRow> ReadAsync(string accountId, DateOnly from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {AccountKeys.Shard(accountId)} and RowKey ge {AccountKeys.HistoryRow(accountId, from)} and RowKey le {accountId + "|99999999"}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, 1000, null, cancellationToken).ConfigureAwait(false))
        {
            // The range may also hold rows of accounts whose id extends this one with '|'; keep exact matches.
            if (entity.RowKey.Length == accountId.Length + 9)
            {
                yield return FromEntity(entity);
            }
        }
    }

    private static TableEntity ToEntity(string shard, HistoryRow r)
    {
        var entity = new TableEntity(shard, AccountKeys.HistoryRow(r.AccountId, r.Day))
        {
            ["AccountId"] = r.AccountId,
            ["Day"] = r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Coverage"] = r.Coverage,
            ["ModelVersion"] = r.ModelVersion,
            ["Change"] = r.Change,
            ["Components"] = string.Join(';', r.Components.Select(c => $"{c.Key}={c.Value?.ToString("R", CultureInfo.InvariantCulture)}")),
            ["ComputedAt"] = r.ComputedAt,
        };
        return entity.SetIfNotNull("Score", r.Score).SetIfNotNull("Tier", r.Tier?.ToString());
    }

    private static HistoryRow FromEntity(TableEntity e)
    {
        var components = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var part in (e.GetString("Components") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq > 0)
            {
                components[part[..eq]] = double.TryParse(part.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
            }
        }

        return new HistoryRow(
            e.GetString("AccountId") ?? "",
            DateOnly.ParseExact(e.GetString("Day") ?? "2000-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.GetDouble("Score"),
            Enum.TryParse<HealthTier>(e.GetString("Tier"), out var t) ? t : null,
            e.GetDouble("Coverage") ?? 0,
            e.GetString("ModelVersion") ?? "",
            e.GetString("Change") ?? "",
            components,
            e.GetDateTimeOffset("ComputedAt") ?? default);
    }
}
