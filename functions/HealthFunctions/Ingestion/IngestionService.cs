using HealthFunctions.Scoring;
using HealthFunctions.Storage;

namespace HealthFunctions.Ingestion;

/// <summary>Stores validated signals, one atomic write per account (several accounts in parallel).</summary>
public sealed class IngestionService(AccountStore accounts, ModelProvider models)
{
    private const int Parallelism = 8;

    /// <summary>Stores the signals; returns once every one is durably written (or throws, acknowledging nothing).</summary>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken)
    {
        var accepted = 0;
        var duplicates = 0;
        var groups = signals.GroupBy(s => s.AccountId, StringComparer.Ordinal).Select(g => (g.Key, g.ToList()));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                var (stored, repeated) = await accounts.ApplySignalsAsync(group.Key, group.Item2, ct).ConfigureAwait(false);
                Interlocked.Add(ref accepted, stored);
                Interlocked.Add(ref duplicates, repeated);
            }).ConfigureAwait(false);

        var unmodeled = signals.Select(s => s.Metric).Distinct(StringComparer.Ordinal)
            .Where(m => !models.ModeledSignals.Contains(m)).Order(StringComparer.Ordinal).ToList();
        return new IngestResult(accepted, duplicates, unmodeled);
    }
}
