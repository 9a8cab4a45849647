using HealthFunctions.Errors;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;

namespace HealthFunctions.Ingestion;

/// <summary>
/// Stores validated signals, one atomic write per account (several accounts in parallel). Every account's limits are
/// checked before the first write, so a refusal (400) means nothing of the request was stored.
/// </summary>
public sealed class IngestionService(AccountStore accounts, ModelProvider models)
{
    private const int Parallelism = 8;

    /// <summary>Stores the signals; returns once every one is durably written (or throws, acknowledging nothing).</summary>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken)
    {
        var groups = signals.GroupBy(s => s.AccountId, StringComparer.Ordinal).Select(g => (g.Key, (IReadOnlyList<Signal>)g.ToList())).ToList();
        var writes = new SignalWrite[groups.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => writes[i] = await accounts.PrepareAsync(groups[i].Key, groups[i].Item2, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var errors = writes.SelectMany(w => w.Errors).ToList();
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var accepted = 0;
        var duplicates = 0;
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (write, ct) =>
            {
                var (stored, repeated) = await accounts.CommitAsync(write, ct).ConfigureAwait(false);
                Interlocked.Add(ref accepted, stored);
                Interlocked.Add(ref duplicates, repeated);
            }).ConfigureAwait(false);

        var unmodeled = signals.Select(s => s.Metric).Distinct(StringComparer.Ordinal)
            .Where(m => !models.ModeledSignals.Contains(m)).Order(StringComparer.Ordinal).ToList();
        return new IngestResult(accepted, duplicates, unmodeled);
    }
}
