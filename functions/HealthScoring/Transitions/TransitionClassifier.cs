namespace HealthScoring;

/// <summary>Classifies what changed between two results of one account and names the metrics that drove it.</summary>
public static class TransitionClassifier
{
    /// <summary>
    /// Classifies the move from <paramref name="previous"/> to <paramref name="current"/>.
    /// Precedence when several kinds apply: TierDrop, SharpDecline, Recovered, TierRise, then Unchanged
    /// (None when there is no previous result and no decline visible in the history).
    /// </summary>
    /// <param name="previous">The last stored result, or null for the first score.</param>
    /// <param name="current">The new result.</param>
    /// <param name="recentHistory">Stored score points of the account (any order; points on or after the current day are ignored).</param>
    /// <param name="policy">Thresholds; usually <see cref="HealthModel.Transitions"/>.</param>
    public static Transition Classify(HealthResult? previous, HealthResult current, IReadOnlyList<ScorePoint> recentHistory, TransitionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(recentHistory);
        ArgumentNullException.ThrowIfNull(policy);

        var points = Points(previous, recentHistory, current.AsOf);
        var applies = new List<TransitionKind>(2);
        var prevTier = previous?.Tier;
        var curTier = current.Tier;
        if (prevTier is { } pt && curTier is { } ct && ct < pt)
        {
            applies.Add(TransitionKind.TierDrop);
        }

        if (IsSharpDecline(current, points, policy))
        {
            applies.Add(TransitionKind.SharpDecline);
        }

        if (prevTier is { } pt2 && curTier is { } ct2 && ct2 > pt2)
        {
            applies.Add(HeldWithin(points, ct2, current.AsOf.AddDays(-policy.RecoveryLookbackDays)) ? TransitionKind.Recovered : TransitionKind.TierRise);
        }

        if (applies.Count == 0)
        {
            applies.Add(previous is null || current.Score is null ? TransitionKind.None : TransitionKind.Unchanged);
        }

        var baseline = Baseline(points, current.AsOf.AddDays(-policy.TrendComparisonDays));
        return new Transition(
            applies[0],
            applies,
            previous?.Score,
            prevTier,
            current.Score,
            curTier,
            Difference(current.Score, previous?.Score),
            baseline,
            Difference(current.Score, baseline?.Score),
            Drivers(previous, current, policy.DriverCount));
    }

    /// <summary>The metrics whose contribution moved most, largest absolute move first, ties by name (ordinal).</summary>
    public static IReadOnlyList<Driver> Drivers(HealthResult? previous, HealthResult current, int count)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (previous is null || count <= 0)
        {
            return [];
        }

        var before = new Dictionary<string, double>(previous.Metrics.Count, StringComparer.Ordinal);
        foreach (var metric in previous.Metrics)
        {
            before[metric.Name] = metric.Contribution;
        }

        var moves = new List<Driver>(current.Metrics.Count + previous.Metrics.Count);
        foreach (var metric in current.Metrics)
        {
            var delta = metric.Contribution - before.GetValueOrDefault(metric.Name);
            before.Remove(metric.Name);
            moves.Add(new Driver(metric.Name, Math.Round(delta, 4, MidpointRounding.AwayFromZero)));
        }

        foreach (var (name, contribution) in before)
        {
            moves.Add(new Driver(name, Math.Round(-contribution, 4, MidpointRounding.AwayFromZero)));
        }

        moves.RemoveAll(d => d.ContributionDelta == 0);
        moves.Sort(static (a, b) =>
        {
            var byMove = Math.Abs(b.ContributionDelta).CompareTo(Math.Abs(a.ContributionDelta));
            return byMove != 0 ? byMove : string.CompareOrdinal(a.Metric, b.Metric);
        });
        return moves.Count > count ? moves.GetRange(0, count) : moves;
    }

    private static List<ScorePoint> Points(HealthResult? previous, IReadOnlyList<ScorePoint> history, DateOnly asOf)
    {
        var points = new List<ScorePoint>(history.Count + 1);
        foreach (var point in history)
        {
            if (point.Day < asOf)
            {
                points.Add(point);
            }
        }

        if (previous is not null && previous.AsOf < asOf)
        {
            points.Add(ScorePoint.From(previous));
        }

        return points;
    }

    private static bool IsSharpDecline(HealthResult current, List<ScorePoint> points, TransitionPolicy policy)
    {
        if (current.Score is not { } now)
        {
            return false;
        }

        var since = current.AsOf.AddDays(-policy.SharpDeclineDays);
        var peak = double.NegativeInfinity;
        foreach (var point in points)
        {
            if (point.Day >= since && point.Score is { } s && s > peak)
            {
                peak = s;
            }
        }

        return peak - now >= policy.SharpDeclinePoints;
    }

    private static bool HeldWithin(List<ScorePoint> points, HealthTier tier, DateOnly since)
    {
        foreach (var point in points)
        {
            if (point.Day >= since && point.Tier is { } t && t >= tier)
            {
                return true;
            }
        }

        return false;
    }

    private static ScorePoint? Baseline(List<ScorePoint> points, DateOnly atOrBefore)
    {
        ScorePoint? best = null;
        foreach (var point in points)
        {
            if (point.Day <= atOrBefore && point.Score is not null && (best is null || point.Day > best.Day))
            {
                best = point;
            }
        }

        return best;
    }

    private static double? Difference(double? a, double? b) =>
        a is { } x && b is { } y ? Math.Round(x - y, 1, MidpointRounding.AwayFromZero) : null;
}
