using System.Runtime.CompilerServices;

namespace HealthFunctions.Storage;

/// <summary>
/// A full table scan kept in memory for a few seconds, for list views that filter and sort everything (the accounts
/// list and portfolio, the tasks board): a snapshot younger than <see cref="FreshFor"/> is served as is; one younger
/// than <see cref="StaleAtMost"/> is served while a single background read replaces it; an older one, or one whose
/// version is behind <paramref name="version"/> (every write of this instance that changes a listed row bumps it), is
/// read again first. So writes through this instance show at once, and other instances' writes within
/// <see cref="StaleAtMost"/>. Past <paramref name="maxCached"/> rows nothing is kept and every read streams the table.
/// </summary>
public sealed partial class ScanSnapshot<T>(
    Func<CancellationToken, IAsyncEnumerable<T>> scan, Func<long> version, int maxCached, TimeProvider clock, ILogger logger)
{
    /// <summary>Age up to which a snapshot is served without a read.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    /// <summary>Age up to which a snapshot is served while a background read replaces it.</summary>
    public static readonly TimeSpan StaleAtMost = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Task<Snapshot?>? _reading;
    private long _readingVersion = -1;

    /// <summary>Every row (from the snapshot when one is recent enough), in the scan's order.</summary>
    public async IAsyncEnumerable<T> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = version();
        var snapshot = Volatile.Read(ref _snapshot);
        var usable = snapshot is not null && snapshot.Version == current && now - snapshot.ReadAt < StaleAtMost && now >= snapshot.ReadAt;
        if (!usable || now - snapshot!.ReadAt >= FreshFor)
        {
            var reading = StartReading(current);
            snapshot = usable ? snapshot : await reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (snapshot is null)
        {
            // Too many rows to keep: stream them.
            await foreach (var row in scan(cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }

            yield break;
        }

        foreach (var row in snapshot.Rows)
        {
            yield return row;
        }
    }

    // One read at a time per version; a caller that finds one under way for its version waits for it (a read begun
    // before a version bump does not count for later callers).
    private Task<Snapshot?> StartReading(long current)
    {
        lock (_gate)
        {
            if (_reading is { IsCompleted: false } running && _readingVersion >= current)
            {
                return running;
            }

            _readingVersion = current;
            _reading = Task.Run(async () =>
            {
                var readAt = clock.GetUtcNow();
                var rows = new List<T>();
                try
                {
                    await foreach (var row in scan(CancellationToken.None).ConfigureAwait(false))
                    {
                        if (rows.Count == maxCached)
                        {
                            return null;
                        }

                        rows.Add(row);
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or IOException or HttpRequestException)
                {
                    LogReadFailed(logger, typeof(T).Name, e);
                    throw;
                }

                var snapshot = new Snapshot(rows, readAt, current);
                lock (_gate)
                {
                    if (_snapshot is null || _snapshot.Version <= current)
                    {
                        _snapshot = snapshot;
                    }
                }

                return snapshot;
            });
            return _reading;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the {Rows} list failed")]
    private static partial void LogReadFailed(ILogger logger, string rows, Exception exception);

    private sealed record Snapshot(IReadOnlyList<T> Rows, DateTimeOffset ReadAt, long Version);
}
