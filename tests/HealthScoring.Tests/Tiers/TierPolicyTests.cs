using FsCheck.Xunit;

namespace HealthScoring.Tests.Tiers;

public sealed class TierPolicyTests
{
    [Theory]
    [InlineData(0, HealthTier.Red)]
    [InlineData(59.9, HealthTier.Red)]
    [InlineData(60, HealthTier.Yellow)]
    [InlineData(79.9, HealthTier.Yellow)]
    [InlineData(80, HealthTier.Green)]
    [InlineData(100, HealthTier.Green)]
    public void Classify_DefaultBoundaries_Are0To59Red60To79Yellow80To100Green(double score, HealthTier expected) =>
        Assert.Equal(expected, TierPolicy.Default.Classify(score));

    [Theory]
    [InlineData(HealthTier.Yellow, 58, HealthTier.Yellow)]   // within the margin below 60
    [InlineData(HealthTier.Yellow, 57.9, HealthTier.Red)]    // past the margin
    [InlineData(HealthTier.Red, 61.9, HealthTier.Red)]       // not yet 2 above the line
    [InlineData(HealthTier.Red, 62, HealthTier.Yellow)]
    [InlineData(HealthTier.Yellow, 81.9, HealthTier.Yellow)]
    [InlineData(HealthTier.Yellow, 82, HealthTier.Green)]
    [InlineData(HealthTier.Green, 78, HealthTier.Green)]
    [InlineData(HealthTier.Green, 77.9, HealthTier.Yellow)]
    [InlineData(HealthTier.Green, 10, HealthTier.Red)]       // a fall through two boundaries at once
    [InlineData(HealthTier.Red, 95, HealthTier.Green)]
    [InlineData(HealthTier.Red, 81, HealthTier.Yellow)]      // past 60+2 but not 80+2
    [InlineData(null, 60, HealthTier.Yellow)]
    public void Classify_WithPreviousTier_ChangesOnlyBeyondTheMargin(HealthTier? previous, double score, HealthTier expected) =>
        Assert.Equal(expected, TierPolicy.Default.Classify(score, previous));

    [Property(MaxTest = 200)]
    public bool Classify_ScoresOscillatingWithinTheMargin_NeverFlap(int[] steps, bool nearGreen, bool startAbove)
    {
        var policy = new TierPolicy(60, 80, 3);
        var boundary = nearGreen ? policy.GreenFrom : policy.YellowFrom;

        // Enter the band from a settled side, then wander anywhere in [boundary − margin, boundary + margin).
        HealthTier? tier = policy.Classify(startAbove ? boundary + 5 : boundary - 5);
        var settled = tier;
        foreach (var step in steps ?? [])
        {
            var score = boundary - policy.Hysteresis + (Math.Abs(step % 600) / 100.0); // 0.00 .. 5.99 above the lower edge
            tier = policy.Classify(score, tier);
            if (tier != settled)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 200)]
    public bool Classify_WithoutMargin_MatchesPlainBoundaries(int tenths, byte previous)
    {
        var policy = new TierPolicy(60, 80, 0);
        var score = Math.Abs(tenths % 1001) / 10.0;

        return policy.Classify(score, (HealthTier)(previous % 3)) == policy.Classify(score);
    }
}
