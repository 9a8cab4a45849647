namespace HealthScoring.Calibration;

/// <summary>
/// Area under the ROC curve by the rank-sum (Mann-Whitney) formula, with tied values sharing their average rank,
/// so a constant score gives exactly 0.5. Higher risk should mean more positives: AUC 1 is a perfect ranking.
/// </summary>
public static class RocAuc
{
    /// <summary>The AUC of <paramref name="risk"/> for <paramref name="positive"/>, or null without both classes.</summary>
    public static double? Compute(IReadOnlyList<double> risk, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(positive);
        if (risk.Count != positive.Count)
        {
            throw new ArgumentException("risk and positive must have the same length.", nameof(positive));
        }

        var n = risk.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => risk[i]).ToArray();
        double rankSum = 0;
        long pos = 0;
        var i0 = 0;
        while (i0 < n)
        {
            var i1 = i0;
            while (i1 + 1 < n && risk[order[i1 + 1]] == risk[order[i0]])
            {
                i1++;
            }

            var averageRank = ((i0 + 1) + (i1 + 1)) / 2.0;
            for (var k = i0; k <= i1; k++)
            {
                if (positive[order[k]])
                {
                    rankSum += averageRank;
                    pos++;
                }
            }

            i0 = i1 + 1;
        }

        var neg = n - pos;
        if (pos == 0 || neg == 0)
        {
            return null;
        }

        return (rankSum - (pos * (pos + 1) / 2.0)) / (pos * (double)neg);
    }

    /// <summary>An approximate 95% interval for an AUC (Hanley and McNeil, 1982), clamped to [0, 1].</summary>
    public static (double Low, double High) HanleyMcNeil(double auc, int positives, int negatives)
    {
        if (positives <= 0 || negatives <= 0)
        {
            return (0, 1);
        }

        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = ((auc * (1 - auc)) + ((positives - 1) * (q1 - (auc * auc))) + ((negatives - 1) * (q2 - (auc * auc))))
            / ((double)positives * negatives);
        var se = Math.Sqrt(Math.Max(variance, 0));
        return (Math.Max(0, auc - (1.96 * se)), Math.Min(1, auc + (1.96 * se)));
    }

    /// <summary>The ROC curve from (0,0) to (1,1): one point per distinct risk value, riskiest first.</summary>
    public static IReadOnlyList<RocPoint> Curve(IReadOnlyList<double> risk, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(positive);
        var n = risk.Count;
        var pos = positive.Count(p => p);
        var neg = n - pos;
        var points = new List<RocPoint> { new(0, 0) };
        if (pos == 0 || neg == 0)
        {
            points.Add(new RocPoint(1, 1));
            return points;
        }

        var order = Enumerable.Range(0, n).OrderByDescending(i => risk[i]).ToArray();
        int tp = 0, fp = 0, i0 = 0;
        while (i0 < n)
        {
            var i1 = i0;
            while (i1 + 1 < n && risk[order[i1 + 1]] == risk[order[i0]])
            {
                i1++;
            }

            for (var k = i0; k <= i1; k++)
            {
                if (positive[order[k]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }

            points.Add(new RocPoint(Math.Round(fp / (double)neg, 4), Math.Round(tp / (double)pos, 4)));
            i0 = i1 + 1;
        }

        return points;
    }
}
