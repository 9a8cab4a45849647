using System.Text.Json;
using static HealthScoring.Tests.Support.Results;

namespace HealthScoring.Tests.Transitions;

public sealed class TransitionClassifierTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly TransitionPolicy Policy = TransitionPolicy.Default;

    [Theory]
    [InlineData(85, HealthTier.Green, 70, HealthTier.Yellow, TransitionKind.TierDrop)]
    [InlineData(65, HealthTier.Yellow, 50, HealthTier.Red, TransitionKind.TierDrop)]
    [InlineData(70, HealthTier.Yellow, 85, HealthTier.Green, TransitionKind.TierRise)]
    [InlineData(70, HealthTier.Yellow, 72, HealthTier.Yellow, TransitionKind.Unchanged)]
    [InlineData(78, HealthTier.Yellow, 62, HealthTier.Yellow, TransitionKind.SharpDecline)]
    [InlineData(78, HealthTier.Yellow, 64, HealthTier.Yellow, TransitionKind.Unchanged)]
    public void Classify_ComparesWithThePreviousResult(double before, HealthTier beforeTier, double now, HealthTier nowTier, TransitionKind expected)
    {
        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), before, beforeTier), Make(Today, now, nowTier), [], Policy);

        Assert.Equal(expected, transition.Kind);
        Assert.Equal(Math.Round(now - before, 1), transition.Delta);
    }

    [Fact]
    public void Classify_TierDropThatIsAlsoSharp_ReportsTierDropFirstAndBoth()
    {
        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), 85, HealthTier.Green), Make(Today, 55, HealthTier.Red), [], Policy);

        Assert.Equal(TransitionKind.TierDrop, transition.Kind);
        Assert.Equal([TransitionKind.TierDrop, TransitionKind.SharpDecline], transition.Applies);
    }

    [Fact]
    public void Classify_SharpDecline_LooksAtThePeakWithinTheConfiguredDays()
    {
        var history = new[] { new ScorePoint(Today.AddDays(-10), 79, HealthTier.Yellow), new ScorePoint(Today.AddDays(-20), 95, HealthTier.Green) };
        var previous = Make(Today.AddDays(-1), 70, HealthTier.Yellow);

        var within = TransitionClassifier.Classify(previous, Make(Today, 63, HealthTier.Yellow), history, Policy);
        var longer = TransitionClassifier.Classify(previous, Make(Today, 63, HealthTier.Yellow), history, Policy with { SharpDeclineDays = 30, SharpDeclinePoints = 30 });
        var shorter = TransitionClassifier.Classify(previous, Make(Today, 63, HealthTier.Yellow), history, Policy with { SharpDeclineDays = 5 });

        Assert.Equal(TransitionKind.SharpDecline, within.Kind);       // 79 → 63 in 10 days
        Assert.Equal(TransitionKind.SharpDecline, longer.Kind);       // 95 → 63 in 20 days
        Assert.Equal(TransitionKind.Unchanged, shorter.Kind);         // only 70 → 63 in 5 days
    }

    [Fact]
    public void Classify_RiseBackToATierHeldRecently_IsRecovered()
    {
        var history = new[] { new ScorePoint(Today.AddDays(-40), 86, HealthTier.Green) };
        var previous = Make(Today.AddDays(-1), 75, HealthTier.Yellow);

        var recovered = TransitionClassifier.Classify(previous, Make(Today, 84, HealthTier.Green), history, Policy);
        var risen = TransitionClassifier.Classify(previous, Make(Today, 84, HealthTier.Green), history, Policy with { RecoveryLookbackDays = 30 });

        Assert.Equal(TransitionKind.Recovered, recovered.Kind);
        Assert.Equal(TransitionKind.TierRise, risen.Kind);
    }

    [Fact]
    public void Classify_WithoutPreviousResult_IsNone()
    {
        var transition = TransitionClassifier.Classify(null, Make(Today, 50, HealthTier.Red), [], Policy);

        Assert.Equal((TransitionKind.None, (double?)null), (transition.Kind, transition.Delta));
    }

    [Fact]
    public void Classify_WhenTheCurrentAccountHasNoTier_DoesNotInventATierChange()
    {
        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), 70, HealthTier.Yellow), Make(Today, null, null), [], Policy);

        Assert.Equal(TransitionKind.None, transition.Kind);
    }

    [Fact]
    public void Classify_TrendBaseline_IsTheLatestPointAtLeastTheConfiguredDaysOld()
    {
        var history = new[]
        {
            new ScorePoint(Today.AddDays(-45), 50, HealthTier.Red),
            new ScorePoint(Today.AddDays(-31), 60, HealthTier.Yellow),
            new ScorePoint(Today.AddDays(-29), 90, HealthTier.Green),
            new ScorePoint(Today, 10, HealthTier.Red),   // same day as current: ignored
        };

        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), 70, HealthTier.Yellow), Make(Today, 72, HealthTier.Yellow), history, Policy);
        var weekly = TransitionClassifier.Classify(Make(Today.AddDays(-1), 70, HealthTier.Yellow), Make(Today, 72, HealthTier.Yellow), history, Policy with { TrendComparisonDays = 7 });

        Assert.Equal((Today.AddDays(-31), 12.0), (transition.TrendBaseline!.Day, transition.TrendDelta!.Value));
        Assert.Equal((Today.AddDays(-29), -18.0), (weekly.TrendBaseline!.Day, weekly.TrendDelta!.Value));
    }

    [Fact]
    public void Drivers_AreOrderedByAbsoluteMovementThenName()
    {
        var previous = Make(Today.AddDays(-1), 80, HealthTier.Green, ("logins", 30), ("nps", 20), ("csat", 10), ("gone", 4), ("same", 5));
        var current = Make(Today, 62, HealthTier.Yellow, ("logins", 18), ("nps", 16), ("csat", 14), ("new", 4), ("same", 5));

        var drivers = TransitionClassifier.Drivers(previous, current, 10);

        Assert.Equal(
            [new Driver("logins", -12), new Driver("csat", 4), new Driver("gone", -4), new Driver("new", 4), new Driver("nps", -4)],
            drivers);
        Assert.Equal(3, TransitionClassifier.Classify(previous, current, [], Policy).Drivers.Count);
    }

    [Theory]
    [InlineData(TransitionKind.None, "none")]
    [InlineData(TransitionKind.Unchanged, "unchanged")]
    [InlineData(TransitionKind.TierDrop, "tier-drop")]
    [InlineData(TransitionKind.TierRise, "tier-rise")]
    [InlineData(TransitionKind.SharpDecline, "sharp-decline")]
    [InlineData(TransitionKind.Recovered, "recovered")]
    public void WireName_IsStableAndUsedInJson(TransitionKind kind, string wire)
    {
        Assert.Equal(wire, kind.ToWireName());
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(kind));
        Assert.True(TransitionKindNames.TryParse(wire, out var parsed));
        Assert.Equal(kind, parsed);
    }
}
