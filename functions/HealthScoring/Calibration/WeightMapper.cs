namespace HealthScoring.Calibration;

/// <summary>
/// Turns churn coefficients into model weights. A score is a weighted mean of 0-100 values that all read
/// "higher is healthier", and a logistic model of churn on the same values has log-odds a + Σ βⱼxⱼ; so a value's
/// weight should be proportional to −βⱼ. A value whose coefficient is not negative (higher went with as much or
/// more churn) gets weight 0: the model cannot express an inverted metric, and a negative weight would break the
/// 0-100 scale. The rest are renormalised so the siblings' weights keep their current total.
/// </summary>
public static class WeightMapper
{
    /// <summary>Proposes weights for one group of siblings.</summary>
    /// <param name="names">Sibling names (as reported).</param>
    /// <param name="current">Their current weights.</param>
    /// <param name="coefficients">Fitted coefficients on the 0-100 scale (churn log-odds per point).</param>
    public static IReadOnlyList<WeightProposal> Map(IReadOnlyList<string> names, IReadOnlyList<double> current, IReadOnlyList<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (names.Count != current.Count || names.Count != coefficients.Count)
        {
            throw new ArgumentException("names, current and coefficients must have the same length.", nameof(coefficients));
        }

        var total = current.Sum();
        var scale = total > 0 ? total : 100;
        var healthy = coefficients.Select(b => Math.Max(-b, 0)).ToArray();
        var sum = healthy.Sum();
        if (sum <= 1e-12)
        {
            return names.Select((n, i) => new WeightProposal(n, current[i], Round(coefficients[i]), current[i],
                "kept: no value in this group predicted renewal")).ToList();
        }

        return names.Select((n, i) =>
        {
            var proposed = Math.Round(scale * healthy[i] / sum, 1);
            var note = healthy[i] > 0
                ? "higher values churned less"
                : coefficients[i] == 0 ? "set to 0: no effect (constant or no data)" : "set to 0: inverted (higher values churned more)";
            return new WeightProposal(n, current[i], Round(coefficients[i]), proposed, note);
        }).ToList();
    }

    private static double Round(double v) => Math.Round(v, 6);
}
