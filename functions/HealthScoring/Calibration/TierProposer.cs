namespace HealthScoring.Calibration;

/// <summary>
/// Proposes tier boundaries from training outcomes: Red holds the accounts whose fitted churn probability is at
/// least twice the base rate, Green those at or below half of it, and each boundary is then moved (Red down, Green
/// up) until the tier's observed churn rate in training meets the same rule: Red at least 2× the base rate, Green at
/// most ½×. A tier that cannot meet it is left empty.
/// </summary>
public static class TierProposer
{
    /// <summary>Red's churn rate is at least this multiple of the base rate.</summary>
    public const double RedFactor = 2;

    /// <summary>Green's churn rate is at most this multiple of the base rate.</summary>
    public const double GreenFactor = 0.5;

    /// <summary>Proposes boundaries for scores (one decimal, as the engine reports them) with fitted probabilities.</summary>
    /// <param name="scores">Each training account's score under the proposed model.</param>
    /// <param name="churnProbability">Each account's fitted churn probability (falls as the score rises).</param>
    /// <param name="churned">Whether each account churned.</param>
    /// <param name="hysteresis">The hysteresis wanted; narrowed when the Yellow band is too thin for it.</param>
    public static TierProposal Propose(IReadOnlyList<double> scores, IReadOnlyList<double> churnProbability, IReadOnlyList<bool> churned, double hysteresis)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(churnProbability);
        ArgumentNullException.ThrowIfNull(churned);
        if (scores.Count == 0 || scores.Count != churned.Count || scores.Count != churnProbability.Count)
        {
            throw new ArgumentException("scores, probabilities and outcomes must be non-empty and of the same length.", nameof(scores));
        }

        var n = scores.Count;
        var baseRate = churned.Count(c => c) / (double)n;
        var values = scores.Distinct().Order().ToArray();
        double Rate(Func<double, bool> inTier)
        {
            int count = 0, c = 0;
            for (var i = 0; i < n; i++)
            {
                if (inTier(scores[i]))
                {
                    count++;
                    c += churned[i] ? 1 : 0;
                }
            }

            return count == 0 ? double.NaN : c / (double)count;
        }

        // Red: score < yellow. Start above the riskiest-by-fit accounts, then move down until Red's rate holds.
        var risky = Enumerable.Range(0, n).Where(i => churnProbability[i] >= RedFactor * baseRate).Select(i => scores[i]).ToList();
        var yellowIndex = risky.Count == 0 ? 0 : Array.FindIndex(values, v => v > risky.Max());
        yellowIndex = yellowIndex < 0 ? values.Length : yellowIndex;
        while (yellowIndex > 0 && !(Rate(s => s < Boundary(values, yellowIndex)) >= RedFactor * baseRate))
        {
            yellowIndex--;
        }

        // Green: score >= green. Start at the safest-by-fit accounts, then move up until Green's rate holds.
        var safe = Enumerable.Range(0, n).Where(i => churnProbability[i] <= GreenFactor * baseRate).Select(i => scores[i]).ToList();
        var greenIndex = safe.Count == 0 ? values.Length : Array.IndexOf(values, safe.Min());
        greenIndex = Math.Max(greenIndex, yellowIndex + 1);
        while (greenIndex < values.Length && !(Rate(s => s >= Boundary(values, greenIndex)) <= GreenFactor * baseRate))
        {
            greenIndex++;
        }

        var yellow = Math.Clamp(Boundary(values, yellowIndex), 0.1, 99.8);
        var green = Math.Clamp(Boundary(values, greenIndex), yellow + 0.1, 100);
        var h = Math.Min(hysteresis, Math.Min(yellow, Math.Min(100 - green, (green - yellow) / 2)));
        h = Math.Max(0, Math.Floor((h * 10) - 1e-6) / 10);
        if (h * 2 >= green - yellow)
        {
            h = 0;
        }

        var policy = new TierPolicy(yellow, green, h);
        var tiers = new[] { HealthTier.Red, HealthTier.Yellow, HealthTier.Green }.Select(t =>
        {
            var members = Enumerable.Range(0, n).Where(i => policy.Classify(scores[i]) == t).ToList();
            var c = members.Count(i => churned[i]);
            return new TierChurn(t.ToString(), members.Count, c, members.Count == 0 ? null : Math.Round(c / (double)members.Count, 4));
        }).ToList();
        return new TierProposal(policy, Math.Round(baseRate, 4), tiers, Explain(policy, tiers, baseRate, hysteresis));
    }

    /// <summary>The boundary that puts values[index] and above on the upper side (one decimal above the last value when index is past the end).</summary>
    private static double Boundary(double[] values, int index) =>
        index <= 0 ? values[0] : index >= values.Length ? Math.Round(values[^1] + 0.1, 1) : values[index];

    private static string Explain(TierPolicy p, List<TierChurn> tiers, double baseRate, double wantedHysteresis)
    {
        string Part(TierChurn t) => t.Accounts == 0
            ? "none in training"
            : $"{t.Accounts} training accounts, {Format.Percent(t.ChurnRate ?? 0)} churned, {Format.Number((t.ChurnRate ?? 0) / baseRate)}× the base rate";
        var hysteresis = p.Hysteresis < wantedHysteresis
            ? $"; hysteresis {Format.Number(p.Hysteresis)} (narrowed from {Format.Number(wantedHysteresis)} to fit the Yellow band)"
            : $"; hysteresis {Format.Number(p.Hysteresis)}";
        return $"tiers from the training outcomes (base churn rate {Format.Percent(baseRate)}; Red needs at least {Format.Number(RedFactor)}×, Green at most {Format.Number(GreenFactor)}×): " +
            $"Red below {Format.Number(p.YellowFrom)} ({Part(tiers[0])}), Yellow ({Part(tiers[1])}), Green from {Format.Number(p.GreenFrom)} ({Part(tiers[2])}){hysteresis}";
    }
}
