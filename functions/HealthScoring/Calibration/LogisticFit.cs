namespace HealthScoring.Calibration;

/// <summary>A fitted logistic regression: log-odds = Intercept + Σ Coefficients[j] × x[j] on the original feature scale.</summary>
/// <param name="Intercept">Intercept on the original scale.</param>
/// <param name="Coefficients">Per-feature coefficients on the original scale (0 for constant features).</param>
/// <param name="Standardized">Per-feature coefficients on the standardised scale (per standard deviation).</param>
/// <param name="Means">Feature means used to standardise and to fill missing values.</param>
/// <param name="Iterations">Newton iterations run.</param>
/// <param name="Converged">Whether the step size fell below the tolerance.</param>
public sealed record LogisticFit(
    double Intercept,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> Standardized,
    IReadOnlyList<double> Means,
    int Iterations,
    bool Converged)
{
    /// <summary>The predicted probability for one row (missing values take the training mean).</summary>
    public double Predict(IReadOnlyList<double> x) => 1 / (1 + Math.Exp(-LogOdds(x)));

    /// <summary>The predicted churn log-odds for one row (missing values take the training mean).</summary>
    public double LogOdds(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var z = Intercept;
        for (var j = 0; j < Coefficients.Count; j++)
        {
            z += Coefficients[j] * (double.IsNaN(x[j]) ? Means[j] : x[j]);
        }

        return z;
    }
}
