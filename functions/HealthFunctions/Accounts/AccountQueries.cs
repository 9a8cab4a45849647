using HealthFunctions.Errors;
using HealthFunctions.Rescoring;
using HealthFunctions.Scoring;
using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>The read side: an account with its health and history, the accounts list, the portfolio.</summary>
public sealed class AccountQueries(AccountStore accounts, AccountDirectory directory, HistoryStore history, PortfolioTrendStore trend,
    ModelProvider models, ModelVersions versions, TimeProvider clock)
{
    /// <summary>Accounts listed among the biggest drops (and rises).</summary>
    public const int DropsListed = 10;

    /// <summary>Days of portfolio trend returned.</summary>
    public const int TrendDays = 90;

    /// <summary>Renewal windows of the portfolio, in days.</summary>
    public static readonly IReadOnlyList<int> RenewalWindows = [30, 60, 90];

    private static readonly string[] TierKeys = ["Red", "Yellow", "Green", "Unscored"];

    /// <summary>The profile, the stored pulse and override, and the health; 404 when the account is unknown.</summary>
    public async Task<AccountDetail> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No account '{accountId}'.");
        var csm = account.Csm ?? CsmInputs.None;
        var (health, model) = await HealthAsync(account, cancellationToken).ConfigureAwait(false);
        var pulseBlocked = models.Current.PulseBlocked(account.Profile.Segment, account.Profile.LifecycleStage);
        return new AccountDetail(accountId, account.Profile, account.ProfileUpdatedAt, csm.Pulse, csm.Override, health, model.Tiers,
            pulseBlocked is null ? null : CsmFunctions.PulseWillNotMove(pulseBlocked));
    }

    /// <summary>An account's current health with its explanation; 404 when the account is unknown.</summary>
    public async Task<AccountHealth> GetHealthAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"No account '{accountId}'.");
        return (await HealthAsync(account, cancellationToken).ConfigureAwait(false)).Health;
    }

    /// <summary>The last <paramref name="days"/> days of an account's history; 404 when the account is unknown.</summary>
    public async Task<HealthHistory> GetHistoryAsync(string accountId, int days, CancellationToken cancellationToken)
    {
        var from = Today().AddDays(-(days - 1));
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

    /// <summary>The accounts matching the query, in its order: all of them (for CSV) and the requested page.</summary>
    public async Task<(List<AccountLine> All, AccountPage Page)> ListAsync(AccountListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var today = Today();
        var matching = new List<AccountLine>();
        await foreach (var line in directory.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (query.Matches(line, today))
            {
                matching.Add(line);
            }
        }

        var ordered = query.Order(matching);
        var page = ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return (ordered, new AccountPage(ordered.Count, ordered.Sum(a => a.Arr ?? 0), query.Page, query.PageSize, query.Sort,
            query.Descending ? "desc" : "asc", page));
    }

    /// <summary>The portfolio in one pass over the accounts' list columns, and its daily trend.</summary>
    public async Task<PortfolioSummary> GetPortfolioAsync(CancellationToken cancellationToken)
    {
        var today = Today();
        var trendTask = ReadTrendAsync(today, cancellationToken);
        var byTier = Counter();
        var bySegment = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var bySegmentTier = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        var drops = new PriorityQueue<ScoreDrop, double>();
        var rises = new PriorityQueue<ScoreDrop, double>();
        var windows = RenewalWindows.Select(d => (Days: d, Count: 0, Arr: 0.0, ByTier: Counter(), ArrByTier: new SortedDictionary<string, double>(StringComparer.Ordinal))).ToArray();
        int count = 0, scored = 0, atRisk = 0;
        double sum = 0, red = 0, yellow = 0, portfolioArr = 0;
        await foreach (var line in directory.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            var tier = line.Tier?.ToString() ?? "Unscored";
            byTier[tier]++;
            var segment = line.Segment ?? "(none)";
            bySegment[segment] = bySegment.GetValueOrDefault(segment) + 1;
            if (!bySegmentTier.TryGetValue(segment, out var segmentTiers))
            {
                bySegmentTier[segment] = segmentTiers = Counter();
            }

            segmentTiers[tier]++;
            var arr = line.Arr ?? 0;
            portfolioArr += arr;
            if (line.Tier is HealthTier.Red or HealthTier.Yellow)
            {
                atRisk++;
                red += line.Tier == HealthTier.Red ? arr : 0;
                yellow += line.Tier == HealthTier.Yellow ? arr : 0;
            }

            if (line.RenewalDate is { } renewal && renewal >= today)
            {
                for (var i = 0; i < windows.Length; i++)
                {
                    if (renewal <= today.AddDays(windows[i].Days))
                    {
                        windows[i].Count++;
                        windows[i].Arr += arr;
                        windows[i].ByTier[tier]++;
                        windows[i].ArrByTier[tier] = windows[i].ArrByTier.GetValueOrDefault(tier) + arr;
                    }
                }
            }

            if (line.Score is { } s)
            {
                scored++;
                sum += s;
                if (line.PreviousScore is { } prev && s != prev)
                {
                    var move = new ScoreDrop(line.AccountId, line.Name, s, prev, Math.Round(s - prev, 1), line.Tier);
                    // Keep the DropsListed largest moves each way: a min-heap on the size of the move.
                    Keep(s < prev ? drops : rises, move, Math.Abs(prev - s));
                }
            }
        }

        var trendDays = await trendTask.ConfigureAwait(false);
        var average = scored == 0 ? (double?)null : Math.Round(sum / scored, 1);
        // Today's point is the live one: the dirty rescore may have moved accounts since today's full run.
        trendDays.RemoveAll(d => d.Day == today);
        trendDays.Add(new PortfolioDay(today, count, byTier["Red"], byTier["Yellow"], byTier["Green"], byTier["Unscored"], average));
        return new PortfolioSummary(count, scored, average, byTier, bySegment, Largest(drops), today,
            bySegmentTier.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value, StringComparer.Ordinal),
            new ArrAtRisk(red, yellow, red + yellow, atRisk, portfolioArr),
            windows.Select(w => new RenewalWindow(w.Days, w.Count, w.Arr, w.ByTier, w.ArrByTier)).ToList(),
            Largest(rises), trendDays);
    }

    private async Task<List<PortfolioDay>> ReadTrendAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var days = new List<PortfolioDay>();
        await foreach (var day in trend.ReadAsync(today.AddDays(-(TrendDays - 1)), cancellationToken).ConfigureAwait(false))
        {
            if (day.Day <= today)
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>
    /// The account's health, explained with the model that computed its score (loaded by version: right after an
    /// activation, a score not yet rescored is still the old model's, with the old model's tiers), and, when the weights
    /// changed since the previous result (another model, segment or stage), the change split into values and weights.
    /// Returns the model used (the active one when the score's cannot be had any more).
    /// </summary>
    private async Task<(AccountHealth Health, HealthModel Model)> HealthAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        var p = account.Profile;
        if (account.Score is not { } score)
        {
            var pending = new HealthExplanation("Not scored yet: the account has not been through a rescore since it was created.", null, [], null, null, []);
            return (new AccountHealth(account.AccountId, p.Name, p.Segment, p.LifecycleStage, p.Owner, null, null, null, null, null, null,
                "none", null, null, null, null, account.LastSignalAt, [], [], [], null, [], null, null, pending, HealthLabels.Of(models.Current)), models.Current);
        }

        var current = score.Result.Value;
        var previous = score.Previous?.Value;
        var model = await versions.FindAsync(current.ModelVersion, cancellationToken).ConfigureAwait(false) ?? models.Current;
        var transition = TransitionClassifier.Classify(previous, current, score.Recent.Where(r => r.Day < score.Day).ToList(), model.Transitions);
        WeightAttribution? attribution = null;
        if (previous is not null && (previous.ModelVersion != current.ModelVersion
            || !string.Equals(previous.Segment, current.Segment, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(previous.LifecycleStage, current.LifecycleStage, StringComparison.OrdinalIgnoreCase)))
        {
            var previousModel = previous.ModelVersion == model.Version ? model : await versions.FindAsync(previous.ModelVersion, cancellationToken).ConfigureAwait(false);
            var today = new ScoringCase(new AccountProfile(account.AccountId, p.Segment, p.LifecycleStage), account.State.DecodeHistory(), current.AsOf,
                new ScoringInputs(PreviousTier: previous.Tier, Pulse: current.PulseApplied));
            attribution = ChangeCauses.Attribute(model, previousModel, today, previous, current);
        }

        var explanation = HealthExplainer.Explain(model, current, previous, transition.Drivers, attribution);
        var metrics = current.Metrics.Select(m => m with
        {
            Raw = Readable.Round(m.Raw),
            Contribution = Math.Round(m.Contribution, 2, MidpointRounding.AwayFromZero),
        }).ToList();
        return (new AccountHealth(account.AccountId, p.Name, p.Segment, p.LifecycleStage, p.Owner, current.Score, current.Tier,
            previous?.Score, previous?.Tier, previous?.AsOf, transition.Delta, transition.WireName, current.Coverage, current.ModelVersion,
            current.AsOf, score.ComputedAt, account.LastSignalAt, transition.Drivers, current.Components, metrics,
            current.ComputedScore, current.CappedBy, current.OverrideApplied, current.PulseApplied, explanation, HealthLabels.Of(model)), model);
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static SortedDictionary<string, int> Counter()
    {
        var d = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in TierKeys)
        {
            d[t] = 0;
        }

        return d;
    }

    private static void Keep(PriorityQueue<ScoreDrop, double> heap, ScoreDrop move, double size)
    {
        heap.Enqueue(move, size);
        if (heap.Count > DropsListed)
        {
            heap.Dequeue();
        }
    }

    private static List<ScoreDrop> Largest(PriorityQueue<ScoreDrop, double> heap)
    {
        var list = new List<ScoreDrop>(heap.Count);
        while (heap.TryDequeue(out var d, out _))
        {
            list.Add(d);
        }

        list.Reverse();
        return list;
    }
}
