namespace HealthScoring.Tests.Transitions;

/// <summary>How long an account has been in its tier, and which dwell triggers it reached (#17 item 2).</summary>
public sealed class TierDwellTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ScorePoint P(int daysAgo, HealthTier? tier) => new(Today.AddDays(-daysAgo), tier is null ? null : 50, tier);

    [Fact]
    public void Since_WalksBackWhileTheTierHolds_AcrossDaysWithoutAPoint()
    {
        List<ScorePoint> series = [P(30, HealthTier.Yellow), P(20, HealthTier.Red), P(13, HealthTier.Red), P(1, HealthTier.Red), P(0, HealthTier.Red)];

        Assert.Equal(Today.AddDays(-20), TierDwell.Since(series, HealthTier.Red, Today));
        Assert.Null(TierDwell.Since(series, HealthTier.Yellow, Today));
        Assert.Equal(Today.AddDays(-30), TierDwell.Since(series, HealthTier.Yellow, Today.AddDays(-25)));
        Assert.Equal(Today.AddDays(-20), TierDwell.Since([.. series.AsEnumerable().Reverse()], HealthTier.Red, Today)); // any order
    }

    [Theory]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(40, true)]
    public void Due_OnceTheDaysInTheTierReachTheRule(int daysInRed, bool due)
    {
        List<ScorePoint> series = [P(daysInRed + 1, HealthTier.Green), P(daysInRed, HealthTier.Red), P(0, HealthTier.Red)];

        var found = TierDwell.Due(DefaultModels.Default.Playbooks, HealthTier.Red, series, Today, null);

        Assert.Equal(due, found.Count == 1);
        if (due)
        {
            Assert.Equal(new DwellChange("red-recovery", Today.AddDays(-daysInRed), daysInRed), found[0]);
        }
    }

    [Fact]
    public void Due_AfterAClosedTask_CountsFromTheDayItWasClosed()
    {
        List<ScorePoint> series = [P(40, HealthTier.Red), P(0, HealthTier.Red)];
        var closed10DaysAgo = new Dictionary<string, DateOnly> { ["red-recovery"] = Today.AddDays(-10) };
        var closed14DaysAgo = new Dictionary<string, DateOnly> { ["red-recovery"] = Today.AddDays(-14) };
        var closedBeforeItWasRed = new Dictionary<string, DateOnly> { ["red-recovery"] = Today.AddDays(-50) };

        Assert.Empty(TierDwell.Due(DefaultModels.Default.Playbooks, HealthTier.Red, series, Today, closed10DaysAgo));
        Assert.Equal(Today.AddDays(-14), Assert.Single(TierDwell.Due(DefaultModels.Default.Playbooks, HealthTier.Red, series, Today, closed14DaysAgo)).Since);
        Assert.Equal(Today.AddDays(-40), Assert.Single(TierDwell.Due(DefaultModels.Default.Playbooks, HealthTier.Red, series, Today, closedBeforeItWasRed)).Since);
    }

    [Fact]
    public void Due_NothingForAnotherTier_OrNoTier()
    {
        List<ScorePoint> series = [P(40, HealthTier.Yellow), P(0, HealthTier.Yellow)];

        Assert.Empty(TierDwell.Due(DefaultModels.Default.Playbooks, HealthTier.Yellow, series, Today, null));
        Assert.Empty(TierDwell.Due(DefaultModels.Default.Playbooks, null, series, Today, null));
    }
}
