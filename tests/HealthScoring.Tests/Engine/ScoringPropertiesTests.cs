using FsCheck.Xunit;
using HealthScoring.Tests.Support;
using static HealthScoring.Tests.Support.Histories;

namespace HealthScoring.Tests.Engine;

public sealed class ScoringPropertiesTests
{
    private static readonly string[] HigherIsBetter =
        ["logins", "active_users_pct", "feature_adoption_pct", "nps", "csat", "csm_pulse", "onboarding_progress_pct", "milestones_completed_pct", "seat_utilization_pct"];

    private static readonly string[] Segments = ["", "Enterprise", "MidMarket", "SMB"];

    [Property(MaxTest = 300)]
    public bool Score_AnyInputs_StaysWithin0And100(double[] values, byte segment, bool onboarding)
    {
        // FsCheck's doubles include NaN, infinities, huge and negative values; signals with no value are missing.
        var signals = DefaultSignals.Names.Zip(values ?? []).Select(p => (p.First, p.Second)).ToArray();
        var profile = Account(Segments[segment % Segments.Length], onboarding ? "onboarding" : null);

        var result = ScoringEngine.Score(DefaultModels.Default, profile, Latest(signals), AsOf);

        return InRange(result.Score) && InRange(result.ComputedScore)
            && result.Coverage is >= 0 and <= 1
            && result.Metrics.All(m => InRange(m.Normalized) && m.EffectiveWeight is >= 0 and <= 1)
            && result.Components.All(c => InRange(c.Score))
            && (result.Score is null) == (result.Tier is null);
    }

    [Property(MaxTest = 300)]
    public bool Score_IsMonotoneInAHigherIsBetterMetric(int[] seeds, byte which, ushort raise)
    {
        var values = DefaultSignals.Names.Select((_, i) => Value(seeds, i)).ToArray();
        var metric = HigherIsBetter[which % HigherIsBetter.Length];
        var index = Array.IndexOf(DefaultSignals.Names, metric);
        var raised = values.ToArray();
        raised[index] += raise / 10.0;

        var before = ScoringEngine.Score(DefaultModels.Default, Account("Enterprise"), Latest(DefaultSignals.Names.Zip(values).ToArray()), AsOf);
        var after = ScoringEngine.Score(DefaultModels.Default, Account("Enterprise"), Latest(DefaultSignals.Names.Zip(raised).ToArray()), AsOf);

        return after.ComputedScore >= before.ComputedScore;
    }

    [Property(MaxTest = 150)]
    public bool Score_Reweighting_EqualsTheScoreOfThePresentMetricsAlone(int seed)
    {
        var random = new Random(seed);
        var groups = Enumerable.Range(0, random.Next(1, 5))
            .Select(g => ((double)random.Next(1, 50), Enumerable.Range(0, random.Next(1, 5)).Select(m => ($"m{g}_{m}", (double)random.Next(1, 20))).ToArray()))
            .ToList();
        var all = groups.SelectMany(g => g.Item2).Select(m => m.Item1).ToList();
        var dropped = all.Where(_ => random.Next(3) == 0).ToHashSet();
        if (dropped.Count == all.Count)
        {
            dropped.Remove(all[0]);
        }

        var present = all.Where(m => !dropped.Contains(m)).Select(m => (m, (double)random.Next(0, 101))).ToArray();
        var full = HealthModelLoader.Load(TestModels.NestedJson(groups));
        var reduced = HealthModelLoader.Load(TestModels.NestedJson(groups, dropped));

        var withGaps = ScoringEngine.Score(full, Account(), Latest(present), AsOf);
        var alone = ScoringEngine.Score(reduced, Account(), Latest(present), AsOf);

        return withGaps.ComputedScore == alone.ComputedScore
            && present.All(p => Contribution(withGaps, p.m) == Contribution(alone, p.m));
    }

    [Property(MaxTest = 100)]
    public bool Score_HysteresisOverADailySeries_NeverFlapsWithinTheMargin(int[] wobble)
    {
        // A score that wanders within ±2 (the default margin) of the Yellow/Green line keeps its tier.
        var model = TestModels.Flat(("a", 1));
        HealthTier? tier = HealthTier.Yellow;
        foreach (var w in wobble ?? [])
        {
            var score = 78 + (Math.Abs(w % 400) / 100.0);   // 78.00 .. 81.99
            tier = ScoringEngine.Score(model, Account(), Latest(("a", score)), AsOf, new ScoringInputs(PreviousTier: tier)).Tier;
            if (tier != HealthTier.Yellow)
            {
                return false;
            }
        }

        return true;
    }

    private static double Value(int[]? seeds, int i) =>
        seeds is { Length: > 0 } ? Math.Abs(seeds[i % seeds.Length] % 2000) / 10.0 : i;

    private static double Contribution(HealthResult result, string metric) =>
        result.Metrics.Single(m => m.Name == metric).Contribution;

    private static bool InRange(double? value) => value is null or (>= 0 and <= 100);
}
