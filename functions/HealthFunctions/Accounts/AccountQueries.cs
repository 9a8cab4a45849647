using HealthFunctions.Errors;
using HealthFunctions.Rescoring;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>The read side: an account's health and history, the portfolio.</summary>
public sealed class AccountQueries(AccountStore accounts, HistoryStore history, ModelProvider models, TimeProvider clock)
{
    /// <summary>Accounts listed among the biggest drops.</summary>
    public const int DropsListed = 10;

    /// <summary>An account's current health with its explanation; 404 when the account is unknown.</summary>
    public async Task<AccountHealth> GetHealthAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No account '{accountId}'.");
        var p = account.Profile;
        if (account.Score is not { } score)
        {
            return new AccountHealth(accountId, p.Name, p.Segment, p.LifecycleStage, p.Owner, null, null, null, null, null, null,
                "none", null, null, null, null, account.LastSignalAt, [], [], []);
        }

        var current = score.Result.Value;
        var previous = score.Previous?.Value;
        var transition = TransitionClassifier.Classify(previous, current, score.Recent.Where(r => r.Day < score.Day).ToList(), models.Current.Transitions);
        return new AccountHealth(accountId, p.Name, p.Segment, p.LifecycleStage, p.Owner, current.Score, current.Tier,
            previous?.Score, previous?.Tier, previous?.AsOf, transition.Delta, transition.WireName, current.Coverage, current.ModelVersion,
            current.AsOf, score.ComputedAt, account.LastSignalAt, transition.Drivers, current.Components, current.Metrics);
    }

    /// <summary>The last <paramref name="days"/> days of an account's history; 404 when the account is unknown.</summary>
    public async Task<HealthHistory> GetHistoryAsync(string accountId, int days, CancellationToken cancellationToken)
    {
        var from = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-(days - 1));
        var rows = new List<HistoryRow>();
        await foreach (var row in history.ReadAsync(accountId, from, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        if (rows.Count == 0 && await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException($"No account '{accountId}'.");
        }

        return new HealthHistory(accountId, days, rows);
    }

    /// <summary>Counts by tier and segment, the average score and the biggest drops since the previous day.</summary>
    public async Task<PortfolioSummary> GetPortfolioAsync(CancellationToken cancellationToken)
    {
        var byTier = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["Green"] = 0, ["Yellow"] = 0, ["Red"] = 0, ["Unscored"] = 0 };
        var bySegment = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var drops = new PriorityQueue<ScoreDrop, double>();
        int count = 0, scored = 0;
        double sum = 0;
        await foreach (var line in accounts.ScanScoresAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            var tier = line.Tier?.ToString() ?? "Unscored";
            byTier[tier] = byTier.GetValueOrDefault(tier) + 1;
            var segment = line.Segment ?? "(none)";
            bySegment[segment] = bySegment.GetValueOrDefault(segment) + 1;
            if (line.Score is { } s)
            {
                scored++;
                sum += s;
                if (line.PreviousScore is { } prev && s < prev)
                {
                    // Keep the DropsListed largest falls: a min-heap on the size of the fall.
                    drops.Enqueue(new ScoreDrop(line.AccountId, line.Name, s, prev, Math.Round(s - prev, 1), line.Tier), prev - s);
                    if (drops.Count > DropsListed)
                    {
                        drops.Dequeue();
                    }
                }
            }
        }

        var biggest = new List<ScoreDrop>();
        while (drops.TryDequeue(out var d, out _))
        {
            biggest.Add(d);
        }

        biggest.Reverse();
        return new PortfolioSummary(count, scored, scored == 0 ? null : Math.Round(sum / scored, 1), byTier, bySegment, biggest);
    }
}
