using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using HealthFunctions.Storage;

namespace HealthFunctions.Retention;

/// <summary>
/// Removes the rows <see cref="RetentionPolicy"/> says are past their age: each sweep reads its segments in pages and
/// deletes each page's rows in entity-group batches, under the ETag each row was read with (a row written again since is
/// left for the next day). Paged, idempotent (a row already gone is no error) and resumable: after every page the sweep's
/// place (cycle day, cutoff, segment, continuation) is written to the {prefix}cleanup table, so a run stopped by its time
/// budget, a timeout or a crash carries on there the next time; a sweep runs once a day (UTC). Each sweep's end is logged
/// with what it removed.
/// </summary>
public sealed partial class RetentionCleanup(TableServiceClient tables, TableNames names, RetentionPolicy policy, TimeProvider clock, ILogger<RetentionCleanup> logger)
{
    /// <summary>How long one scheduled run works before it leaves the rest to the next (under the 30-minute functionTimeout).</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMinutes(20);

    private const string CheckpointPartition = "sweep";
    private readonly TableClient _checkpoints = tables.GetTableClient(names.Cleanup);

    /// <summary>
    /// Runs every sweep not done today, from where it stopped, until <paramref name="budget"/> is spent (checked after each
    /// page, so every run makes progress); <paramref name="pageSize"/> rows per page (the service's maximum is 1,000).
    /// </summary>
    public async Task<IReadOnlyList<SweepResult>> RunAsync(TimeSpan budget, CancellationToken cancellationToken, int pageSize = 1000)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var today = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var results = new List<SweepResult>();
        foreach (var fresh in policy.Sweeps(now))
        {
            var place = await ReadPlaceAsync(fresh.Name, cancellationToken).ConfigureAwait(false);
            if (place is { Done: true } && place.Cycle == today)
            {
                results.Add(new SweepResult(fresh.Name, place.Removed, true, place.Cutoff));
                continue;
            }

            // A new cycle starts from the top with today's cutoff; an unfinished one carries on with its own.
            place = place is { Done: false } ? place : new Place(today, fresh.Cutoff, 0, null, 0, false);
            var sweep = fresh with { Cutoff = place.Cutoff };
            place = await SweepAsync(sweep, place, started, budget, pageSize, cancellationToken).ConfigureAwait(false);
            results.Add(new SweepResult(sweep.Name, place.Removed, place.Done, place.Cutoff));
            if (place.Done)
            {
                LogSwept(logger, sweep.Name, place.Removed, sweep.Table, sweep.Cutoff);
            }
            else
            {
                LogPaused(logger, sweep.Name, place.Removed, place.Segment + 1, sweep.SegmentsBefore(sweep.Cutoff).Count);
                break;
            }
        }

        return results;
    }

    private async Task<Place> SweepAsync(RetentionSweep sweep, Place place, Stopwatch started, TimeSpan budget, int pageSize, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(sweep.Table);
        var segments = sweep.SegmentsBefore(sweep.Cutoff);
        while (place.Segment < segments.Count)
        {
            var pages = table.QueryAsync<TableEntity>(segments[place.Segment], pageSize, ["PartitionKey", "RowKey"], cancellationToken).AsPages(place.Continuation, pageSize);
            var read = false;
            await foreach (var page in pages.ConfigureAwait(false))
            {
                read = true;
                var removed = await DeleteAsync(table, page.Values, cancellationToken).ConfigureAwait(false);
                place = page.ContinuationToken is { } next
                    ? place with { Continuation = next, Removed = place.Removed + removed }
                    : place with { Segment = place.Segment + 1, Continuation = null, Removed = place.Removed + removed, Done = place.Segment + 1 >= segments.Count };
                await WritePlaceAsync(sweep.Name, place, cancellationToken).ConfigureAwait(false);
                if (place.Done || started.Elapsed >= budget)
                {
                    return place;
                }

                if (page.ContinuationToken is null)
                {
                    break;
                }
            }

            if (!read)
            {
                place = place with { Segment = place.Segment + 1, Continuation = null, Done = place.Segment + 1 >= segments.Count };
                await WritePlaceAsync(sweep.Name, place, cancellationToken).ConfigureAwait(false);
            }
        }

        return place with { Done = true };
    }

    /// <summary>Deletes rows in batches per partition, each under its ETag; a row gone or changed since it was read is skipped. Returns how many went.</summary>
    private static async Task<int> DeleteAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var batch in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(100)))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken)
                    .ConfigureAwait(false);
                removed += batch.Length;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                foreach (var row in batch)
                {
                    try
                    {
                        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                        removed++;
                    }
                    catch (RequestFailedException one) when (one.Status is 404 or 412)
                    {
                        // Already gone (another run), or written again since it was read (kept until its next day).
                    }
                }
            }
        }

        return removed;
    }

    private async Task<Place?> ReadPlaceAsync(string sweep, CancellationToken cancellationToken)
    {
        var row = await _checkpoints.GetEntityIfExistsAsync<TableEntity>(CheckpointPartition, sweep, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return null;
        }

        var e = row.Value!;
        return new Place(e.GetString("Cycle") ?? "", e.GetDateTimeOffset("Cutoff") ?? default, e.GetInt32("Segment") ?? 0, e.GetString("Continuation"),
            e.GetInt64("Removed") ?? 0, e.GetBoolean("Done") ?? false);
    }

    private Task WritePlaceAsync(string sweep, Place place, CancellationToken cancellationToken) =>
        _checkpoints.UpsertEntityAsync(new TableEntity(CheckpointPartition, sweep)
        {
            ["Cycle"] = place.Cycle,
            ["Cutoff"] = place.Cutoff,
            ["Segment"] = place.Segment,
            ["Removed"] = place.Removed,
            ["Done"] = place.Done,
            ["At"] = clock.GetUtcNow(),
        }.SetIfNotNull("Continuation", place.Continuation), TableUpdateMode.Replace, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup {Sweep}: removed {Removed} rows of {Table} older than {Cutoff:o}")]
    private static partial void LogSwept(ILogger logger, string sweep, long removed, string table, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup {Sweep}: removed {Removed} rows so far; the budget is spent, segment {Segment} of {Segments} carries on next run")]
    private static partial void LogPaused(ILogger logger, string sweep, long removed, int segment, int segments);

    /// <summary>Where a sweep stands: its cycle (the UTC day it started), cutoff, segment, continuation, rows removed, and whether it is complete.</summary>
    private sealed record Place(string Cycle, DateTimeOffset Cutoff, int Segment, string? Continuation, long Removed, bool Done);
}
