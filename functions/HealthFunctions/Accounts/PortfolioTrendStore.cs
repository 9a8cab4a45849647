using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Accounts;

/// <summary>
/// The portfolio's daily history (tier counts and the average score per day), one row per day written at the end of
/// each full rescore, in the history table under PartitionKey <c>portfolio</c> (account rows there are keyed by shard,
/// "s00"-"s63"), so the dashboard's trend chart reads one small range instead of every account's history.
/// </summary>
public sealed class PortfolioTrendStore(TableServiceClient tables, TableNames names)
{
    /// <summary>The PartitionKey of the portfolio's rows.</summary>
    public const string Partition = "portfolio";

    private readonly TableClient _table = tables.GetTableClient(names.History);

    /// <summary>Writes (or replaces) one day.</summary>
    public Task WriteAsync(PortfolioDay day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        var entity = new TableEntity(Partition, Key(day.Day))
        {
            ["Accounts"] = day.Accounts,
            ["Red"] = day.Red,
            ["Yellow"] = day.Yellow,
            ["Green"] = day.Green,
            ["Unscored"] = day.Unscored,
        }.SetIfNotNull("AverageScore", day.AverageScore);
        return _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The days from <paramref name="from"/> on, oldest first.</summary>
    public async IAsyncEnumerable<PortfolioDay> ReadAsync(DateOnly from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {Key(from)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, 1000, null, cancellationToken).ConfigureAwait(false))
        {
            yield return new PortfolioDay(DateOnly.ParseExact(e.RowKey, "yyyyMMdd", CultureInfo.InvariantCulture),
                e.GetInt32("Accounts") ?? 0, e.GetInt32("Red") ?? 0, e.GetInt32("Yellow") ?? 0, e.GetInt32("Green") ?? 0,
                e.GetInt32("Unscored") ?? 0, e.GetDouble("AverageScore"));
        }
    }

    private static string Key(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
