using FsCheck.Xunit;
using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

public sealed class RocAucTests
{
    [Fact]
    public void Compute_WithTies_GivesTiedPairsHalfCredit()
    {
        // Positives at risk 2 and 3, negatives at 1 and 2: pairs (2>1, 2=2, 3>1, 3>2) score 1 + 0.5 + 1 + 1 of 4.
        var auc = RocAuc.Compute([1, 2, 2, 3], [false, true, false, true]);

        Assert.Equal(3.5 / 4, auc!.Value, 12);
    }

    [Fact]
    public void Compute_ConstantRisk_IsExactlyAHalf() =>
        Assert.Equal(0.5, RocAuc.Compute([7, 7, 7, 7, 7], [true, false, false, true, false]));

    [Fact]
    public void Compute_PerfectAndReversedRankings_AreOneAndZero()
    {
        Assert.Equal(1.0, RocAuc.Compute([1, 2, 3, 4], [false, false, true, true]));
        Assert.Equal(0.0, RocAuc.Compute([4, 3, 2, 1], [false, false, true, true]));
    }

    [Fact]
    public void Compute_WithOneClassOnly_IsNull() => Assert.Null(RocAuc.Compute([1, 2, 3], [true, true, true]));

    [Property(MaxTest = 200)]
    public bool Compute_NegatedRisk_IsTheComplement(int[] seeds)
    {
        var risk = (seeds ?? []).Select(s => (double)(s % 7)).ToArray();
        var positive = (seeds ?? []).Select(s => (s & 8) != 0).ToArray();
        var auc = RocAuc.Compute(risk, positive);
        var reversed = RocAuc.Compute(risk.Select(r => -r).ToArray(), positive);
        return auc is null ? reversed is null : Math.Abs(auc.Value + reversed!.Value - 1) < 1e-9;
    }

    [Property(MaxTest = 200)]
    public bool Compute_IsUnchangedByAMonotoneTransform(int[] seeds)
    {
        var risk = (seeds ?? []).Select(s => (double)(s % 11)).ToArray();
        var positive = (seeds ?? []).Select(s => (s & 16) != 0).ToArray();
        var auc = RocAuc.Compute(risk, positive);
        var transformed = RocAuc.Compute(risk.Select(r => Math.Exp(r / 3) + 5).ToArray(), positive);
        return auc is null ? transformed is null : Math.Abs(auc.Value - transformed!.Value) < 1e-12;
    }

    [Fact]
    public void Curve_RunsFromOriginToOneOne_AndNeverDecreases()
    {
        var curve = RocAuc.Curve([5, 1, 3, 3, 2, 8], [true, false, true, false, false, true]);

        Assert.Equal(new RocPoint(0, 0), curve[0]);
        Assert.Equal(new RocPoint(1, 1), curve[^1]);
        Assert.All(curve.Zip(curve.Skip(1)), p => Assert.True(p.Second.Fpr >= p.First.Fpr && p.Second.Tpr >= p.First.Tpr));
    }

    [Fact]
    public void HanleyMcNeil_NarrowsWithMoreOutcomes()
    {
        var (lowSmall, highSmall) = RocAuc.HanleyMcNeil(0.75, 10, 40);
        var (lowLarge, highLarge) = RocAuc.HanleyMcNeil(0.75, 100, 400);

        Assert.True(lowSmall < 0.75 && highSmall > 0.75);
        Assert.True(highLarge - lowLarge < highSmall - lowSmall);
    }
}
