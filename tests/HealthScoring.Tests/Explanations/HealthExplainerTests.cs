using HealthScoring.Tests.Support;

namespace HealthScoring.Tests.Explanations;

public sealed class HealthExplainerTests
{
    private static readonly DateOnly Day = Histories.AsOf;

    private static HealthResult Score(SignalHistory history, ScoringInputs? inputs = null, string? segment = "MidMarket") =>
        ScoringEngine.Score(DefaultModels.Default, new AccountProfile("acct-1", segment, null), history, Day, inputs);

    [Theory]
    [InlineData(3.2249999999999996, 3.22)]
    [InlineData(1234.5678, 1234.6)]
    [InlineData(-0.005, -0.01)]
    [InlineData(99.999, 100)]
    public void Readable_RoundsTo2DecimalsBelow100_And1From100(double value, double expected) =>
        Assert.Equal(expected, Readable.Round(value));

    [Fact]
    public void Readable_WritesThousandsAndNoTrailingZeros()
    {
        Assert.Equal("1,234.6", Readable.Format(1234.5678));
        Assert.Equal("3.22", Readable.Format(3.2249999999999996));
        Assert.Equal("42", Readable.Format(42.0));
        Assert.Equal("-8.3", Readable.Points(-8.26));
        Assert.Equal("+0.1", Readable.Points(0.05));
    }

    [Fact]
    public void Unscored_SaysWhyAndNamesTheMissingMetrics()
    {
        var result = Score(Histories.Latest(("nps", 9)));

        var x = HealthExplainer.Explain(DefaultModels.Default, result, null, []);

        Assert.Null(result.Score);
        Assert.StartsWith("Not scored: only ", x.UnscoredReason, StringComparison.Ordinal);
        Assert.Contains("needs at least 50%", x.UnscoredReason, StringComparison.Ordinal);
        Assert.Contains("active_users_pct", x.MissingMetrics);
        Assert.Contains("Milestones completed", x.UnscoredReason, StringComparison.Ordinal); // the label; the list keeps ids
        Assert.DoesNotContain("milestones_completed_pct", x.UnscoredReason, StringComparison.Ordinal);
        Assert.DoesNotContain("nps", x.MissingMetrics);
        Assert.Equal(x.UnscoredReason, x.Summary);
    }

    [Fact]
    public void MissingMetrics_LeaveOutThoseThatCarryNoWeightForTheAccount()
    {
        // SMB: financial has weight 0, so seat_utilization_pct missing is no gap in its data.
        var result = Score(Histories.Latest(("nps", 9)), segment: "SMB");

        Assert.DoesNotContain("seat_utilization_pct", HealthExplainer.MissingMetrics(result));
        Assert.Contains("seat_utilization_pct", HealthExplainer.MissingMetrics(Score(Histories.Latest(("nps", 9)), segment: "Enterprise")));
    }

    [Fact]
    public void CriticalCap_IsExplainedWithTheMetricAndWhatTheTierWouldBe()
    {
        var healthy = Histories.Latest(("logins", 200), ("active_users_pct", 95), ("feature_adoption_pct", 80), ("nps", 10), ("csat", 5), ("ces", 1),
            ("csm_pulse", 10), ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100), ("payment_failures", 3));
        var result = Score(healthy);

        var x = HealthExplainer.Explain(DefaultModels.Default, result, null, []);

        Assert.Equal(HealthTier.Red, result.Tier);
        Assert.Contains("Payment failures (Financial) scored", x.CapReason, StringComparison.Ordinal);
        Assert.Contains("below 60", x.CapReason, StringComparison.Ordinal);
        Assert.Contains("would be Green", x.CapReason, StringComparison.Ordinal);
        Assert.StartsWith("Red: score ", x.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Drivers_GiveValuesBeforeAndAfter_InWords()
    {
        var before = Score(Histories.Latest(("logins", 180), ("active_users_pct", 90), ("nps", 9), ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100)));
        var after = Score(Histories.Latest(("logins", 42), ("active_users_pct", 90), ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100)));
        var drivers = TransitionClassifier.Drivers(before, after, 3);

        var x = HealthExplainer.Explain(DefaultModels.Default, after, before, drivers);

        var logins = x.Drivers.Single(d => d.Metric == "logins");
        Assert.Equal(180, logins.Before);
        Assert.Equal(42, logins.After);
        Assert.Matches(@"^Logins \(Adoption\) fell from 180 to 42: -\d+\.\d points$", logins.Text);
        var nps = x.Drivers.Single(d => d.Metric == "nps");
        Assert.Null(nps.After);
        Assert.Contains("has no data now (it was 9)", nps.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Drivers_WriteValuesWithTheMetricsUnit()
    {
        var before = Score(Histories.Latest(("logins", 180), ("active_users_pct", 90), ("resolution_hours", 6), ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100)));
        var after = Score(Histories.Latest(("logins", 180), ("active_users_pct", 35), ("resolution_hours", 60), ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100)));

        var x = HealthExplainer.Explain(DefaultModels.Default, after, before, TransitionClassifier.Drivers(before, after, 3));

        Assert.StartsWith("Active users (Adoption) fell from 90% to 35%: -", x.Drivers.Single(d => d.Metric == "active_users_pct").Text, StringComparison.Ordinal);
        Assert.StartsWith("Resolution time (Support) rose from 6 hours to 60 hours: -", x.Drivers.Single(d => d.Metric == "resolution_hours").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PulseAndOverride_AreShownWithAuthorExpiryAndReason()
    {
        var history = Histories.Latest(("logins", 200), ("active_users_pct", 95), ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100));
        var inputs = new ScoringInputs(Pulse: new CsmPulse(3, "dana", Day.AddDays(10), "champion left"),
            Override: new ManualOverride(null, HealthTier.Yellow, "renewal at risk", "lee", Day.AddDays(5)));

        var x = HealthExplainer.Explain(DefaultModels.Default, Score(history, inputs), null, []);

        Assert.StartsWith("Yellow: tier Yellow set by lee's override until", x.Summary, StringComparison.Ordinal);
        Assert.Contains("CSM pulse 3 by dana until", x.Adjustment, StringComparison.Ordinal);
        Assert.Contains("(champion left): CSM pulse scores 30", x.Adjustment, StringComparison.Ordinal);
    }

    [Fact]
    public void Hysteresis_SaysWhyTheTierHolds()
    {
        var model = TestModels.Flat(("a", 1));
        var result = ScoringEngine.Score(model, Histories.Account(), Histories.Latest(("a", 81)), Day, new ScoringInputs(PreviousTier: HealthTier.Yellow));
        Assert.Equal(81, result.Score);

        var x = HealthExplainer.Explain(model, result, null, []);

        Assert.Equal(HealthTier.Yellow, result.Tier);
        Assert.Contains("in Green's band, but the tier holds", x.Summary, StringComparison.Ordinal);
        Assert.Contains("it must reach 82 to rise", x.Summary, StringComparison.Ordinal);
    }
}
