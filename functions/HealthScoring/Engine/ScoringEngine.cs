namespace HealthScoring;

/// <summary>
/// Computes health scores. Pure: no I/O, no clock; the same inputs give the same result to the last bit.
/// The model is compiled once at load, so per account the engine does one history lookup per metric.
/// </summary>
public static class ScoringEngine
{
    private const int StackLimit = 256;

    /// <summary>Scores one account on <paramref name="asOf"/>.</summary>
    /// <param name="model">The model (its segment and lifecycle variant is chosen from <paramref name="profile"/>).</param>
    /// <param name="profile">The account.</param>
    /// <param name="history">The account's daily buckets; buckets after <paramref name="asOf"/> are ignored.</param>
    /// <param name="asOf">The day to score; every window ends on it (inclusive).</param>
    /// <param name="extra">Previous tier, override, pulse and segment population, when known.</param>
    public static HealthResult Score(HealthModel model, AccountProfile profile, SignalHistory history, DateOnly asOf, ScoringInputs? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(history);
        extra ??= ScoringInputs.None;

        var variant = model.Resolve(profile.Segment, profile.LifecycleStage);
        var tree = variant.Tree;
        var metrics = tree.Metrics;
        var groups = tree.Groups;
        int m = metrics.Length, g = groups.Length;
        var size = (4 * m) + (4 * g);
        var scratch = size <= StackLimit ? stackalloc double[size] : new double[size];
        scratch.Clear();
        var raw = scratch[..m];
        var score = scratch.Slice(m, m);
        var metricEff = scratch.Slice(2 * m, m);
        var real = scratch.Slice(3 * m, m);
        var groupScore = scratch.Slice(4 * m, g);
        var groupSum = scratch.Slice((4 * m) + g, g);
        var groupEff = scratch.Slice((4 * m) + (2 * g), g);
        var groupCov = scratch.Slice((4 * m) + (3 * g), g);
        var sources = m <= StackLimit ? stackalloc MetricSource[m] : new MetricSource[m];
        var argMin = g <= StackLimit ? stackalloc int[g] : new int[g];

        var pulse = extra.Pulse is { } p && p.IsActiveOn(asOf) ? p : null;
        var pulseUsed = false;
        var endDay = asOf.DayNumber;
        for (var i = 0; i < m; i++)
        {
            var d = metrics[i].Definition;
            pulseUsed |= ScoreMetric(d, history, endDay, pulse, model.MissingData, extra.Population, out raw[i], out score[i], out sources[i]);
            real[i] = !double.IsNaN(score[i]) && sources[i] is MetricSource.Signal or MetricSource.Pulse ? 1 : 0;
        }

        Combine(groups, score, real, groupScore, groupSum, groupCov, argMin);
        Distribute(groups, groupScore, groupSum, argMin, score, groupEff, metricEff);

        var rootScore = groupScore[g - 1];
        var coverage = groupCov[g - 1];
        var shifted = double.IsNaN(rootScore) ? rootScore : Math.Clamp(rootScore + variant.Shift, 0, 100);
        var shown = model.DisplayScale is { } display ? display.Map(shifted) : shifted;
        double? computed = double.IsNaN(shown) ? null : Round(shown, 1);
        var enough = coverage + 1e-9 >= model.MinimumCoverage;
        var reported = enough ? computed : null;
        HealthTier? tier = reported is { } s ? model.Tiers.Classify(s, extra.PreviousTier) : null;

        var cappedBy = CriticalCaps(metrics, score, real, model.Tiers.YellowFrom);
        if (tier is not null && cappedBy.Length > 0)
        {
            tier = HealthTier.Red;
        }

        var active = extra.Override is { } o && o.IsActiveOn(asOf) ? o : null;
        if (active is not null)
        {
            if (active.Score is { } overrideScore)
            {
                reported = Round(Math.Clamp(overrideScore, 0, 100), 1);
                tier = active.Tier ?? model.Tiers.Classify(reported.Value);
            }
            else if (active.Tier is { } overrideTier)
            {
                tier = overrideTier;
            }
        }

        var metricResults = new MetricResult[m];
        for (var i = 0; i < m; i++)
        {
            var cm = metrics[i];
            var d = cm.Definition;
            metricResults[i] = new MetricResult(
                d.Name,
                cm.ComponentPath,
                d.Signal,
                double.IsFinite(raw[i]) ? raw[i] : null,
                double.IsNaN(score[i]) ? null : Round(score[i], 2),
                sources[i],
                d.Weight,
                Round(metricEff[i], 4),
                Round(metricEff[i] * Zero(score[i]), 4),
                d.Critical);
        }

        return new HealthResult(
            profile.AccountId,
            model.Version,
            variant.Segment,
            variant.LifecycleStage,
            asOf,
            reported,
            tier,
            computed,
            Round(coverage, 4),
            cappedBy,
            active,
            pulseUsed ? pulse : null,
            Components(groups, groupScore, groupEff, groupCov),
            metricResults,
            variant.Shift,
            model.DisplayScale is null || double.IsNaN(shifted) ? null : Round(shifted, 2));
    }

    /// <summary>
    /// The raw value <paramref name="d"/> aggregates from <paramref name="history"/> on <paramref name="asOf"/> (signal
    /// only, no pulse): 0 for an empty window when the metric says so, NaN when it has no usable value.
    /// </summary>
    internal static double RawValue(MetricDefinition d, SignalHistory history, DateOnly asOf)
    {
        if (history.TryGet(d.Signal, out var buckets)
            && WindowAggregator.TryAggregate(buckets, asOf.DayNumber, d.WindowDays, d.Aggregation, d.TrendMode, out var raw))
        {
            return double.IsFinite(raw) ? raw : double.NaN;
        }

        return d.WhenEmpty == EmptyWindow.Zero ? 0 : double.NaN;
    }

    private static bool ScoreMetric(
        MetricDefinition d, SignalHistory history, int endDay, CsmPulse? pulse, MissingDataPolicy policy, SegmentPopulation? population,
        out double raw, out double score, out MetricSource source)
    {
        var usedPulse = false;
        bool has;
        raw = double.NaN;
        if (d.Pulse && pulse is not null)
        {
            raw = pulse.Value;
            has = true;
            usedPulse = true;
            source = MetricSource.Pulse;
        }
        else
        {
            has = history.TryGet(d.Signal, out var buckets)
                && WindowAggregator.TryAggregate(buckets, endDay, d.WindowDays, d.Aggregation, d.TrendMode, out raw);
            if (!has)
            {
                raw = d.WhenEmpty == EmptyWindow.Zero ? 0 : double.NaN;
                has = d.WhenEmpty == EmptyWindow.Zero;
            }

            source = has ? MetricSource.Signal : MetricSource.Missing;
        }

        var needsPopulation = d.Normalizer.NeedsPopulation || policy == MissingDataPolicy.SegmentMedian;
        var metricPopulation = needsPopulation ? population?.Get(d.Name) : null;
        score = has ? Orient(d, d.Normalizer.NormalizeOrNaN(raw, metricPopulation)) : double.NaN;
        if (double.IsNaN(score) && d.MissingScore is { } imputed)
        {
            score = imputed;
            source = MetricSource.Imputed;
        }
        else if (double.IsNaN(score) && !d.Pulse && policy == MissingDataPolicy.SegmentMedian && metricPopulation is { Count: > 0 })
        {
            raw = metricPopulation.Median;
            score = Orient(d, d.Normalizer.NormalizeOrNaN(raw, metricPopulation));
            source = MetricSource.SegmentMedian;
        }

        return usedPulse;
    }

    private static double Orient(MetricDefinition d, double normalized) =>
        d.Direction == Direction.LowerIsBetter ? 100 - normalized : normalized;

    private static void Combine(
        CompiledGroup[] groups, ReadOnlySpan<double> score, ReadOnlySpan<double> real,
        Span<double> groupScore, Span<double> groupSum, Span<double> groupCov, Span<int> argMin)
    {
        for (var gi = 0; gi < groups.Length; gi++)
        {
            var group = groups[gi];
            var children = group.Children;
            double sumW = 0, acc = 0, cov = 0, best = double.NaN;
            var arg = -1;
            for (var k = 0; k < children.Length; k++)
            {
                var c = children[k];
                var s = c.IsGroup ? groupScore[c.Index] : score[c.Index];
                cov += c.Weight * (c.IsGroup ? groupCov[c.Index] : real[c.Index]);
                if (double.IsNaN(s) || c.Weight <= 0)
                {
                    continue;
                }

                sumW += c.Weight;
                acc += c.Weight * s;
                if (arg < 0 || s < best)
                {
                    best = s;
                    arg = k;
                }
            }

            groupSum[gi] = sumW;
            argMin[gi] = arg;
            groupCov[gi] = group.ChildWeightSum > 0 ? cov / group.ChildWeightSum : 0;
            groupScore[gi] = sumW <= 0 ? double.NaN
                : group.Aggregation == GroupAggregation.Min ? best
                : acc / sumW;
        }
    }

    private static void Distribute(
        CompiledGroup[] groups, ReadOnlySpan<double> groupScore, ReadOnlySpan<double> groupSum, ReadOnlySpan<int> argMin,
        ReadOnlySpan<double> score, Span<double> groupEff, Span<double> metricEff)
    {
        var root = groups.Length - 1;
        groupEff[root] = double.IsNaN(groupScore[root]) ? 0 : 1;
        for (var gi = root; gi >= 0; gi--)
        {
            var group = groups[gi];
            var e = groupEff[gi];
            var children = group.Children;
            for (var k = 0; k < children.Length; k++)
            {
                var c = children[k];
                var s = c.IsGroup ? groupScore[c.Index] : score[c.Index];
                var eff = 0.0;
                if (e > 0 && !double.IsNaN(s) && c.Weight > 0)
                {
                    eff = group.Aggregation == GroupAggregation.Min
                        ? (k == argMin[gi] ? e : 0)
                        : e * c.Weight / groupSum[gi];
                }

                if (c.IsGroup)
                {
                    groupEff[c.Index] = eff;
                }
                else
                {
                    metricEff[c.Index] = eff;
                }
            }
        }
    }

    private static string[] CriticalCaps(CompiledMetric[] metrics, ReadOnlySpan<double> score, ReadOnlySpan<double> real, double yellowFrom)
    {
        var count = 0;
        for (var i = 0; i < metrics.Length; i++)
        {
            if (metrics[i].Definition.Critical && real[i] > 0 && score[i] < yellowFrom)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var names = new string[count];
        count = 0;
        for (var i = 0; i < metrics.Length; i++)
        {
            if (metrics[i].Definition.Critical && real[i] > 0 && score[i] < yellowFrom)
            {
                names[count++] = metrics[i].Definition.Name;
            }
        }

        return names;
    }

    private static ComponentResult[] Components(
        CompiledGroup[] groups, ReadOnlySpan<double> groupScore, ReadOnlySpan<double> groupEff, ReadOnlySpan<double> groupCov)
    {
        // Groups are in post-order, so each group's nested results exist before the group itself is built.
        var results = new ComponentResult[groups.Length];
        for (var gi = 0; gi < groups.Length; gi++)
        {
            var group = groups[gi];
            var nested = group.ChildGroupCount == 0 ? [] : new ComponentResult[group.ChildGroupCount];
            for (var k = 0; k < group.ChildGroupCount; k++)
            {
                nested[k] = results[group.Children[k].Index];
            }

            if (gi == groups.Length - 1)
            {
                return nested;
            }

            var s = groupScore[gi];
            results[gi] = new ComponentResult(
                group.Name,
                group.Path,
                group.Aggregation,
                group.Weight,
                Round(groupEff[gi], 4),
                double.IsNaN(s) ? null : Round(s, 2),
                Round(groupEff[gi] * Zero(s), 4),
                Round(groupCov[gi], 4),
                nested,
                group.MetricNames);
        }

        return [];
    }

    private static double Zero(double value) => double.IsNaN(value) ? 0 : value;

    private static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
