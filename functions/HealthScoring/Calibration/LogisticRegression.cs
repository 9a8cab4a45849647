using MathNet.Numerics.LinearAlgebra;

namespace HealthScoring.Calibration;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (IRLS). Features are standardised first so one
/// penalty suits them all; the intercept is not penalised; a missing value (NaN) takes the feature's mean.
/// </summary>
public static class LogisticRegression
{
    /// <summary>Fits <paramref name="churned"/> on <paramref name="x"/> (rows × features).</summary>
    /// <param name="x">Feature rows; NaN marks a missing value.</param>
    /// <param name="churned">The outcome per row.</param>
    /// <param name="lambda">L2 penalty on the standardised coefficients (1 is mild).</param>
    /// <param name="maxIterations">Newton iterations at most.</param>
    public static LogisticFit Fit(IReadOnlyList<IReadOnlyList<double>> x, IReadOnlyList<bool> churned, double lambda = 1.0, int maxIterations = 50)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(churned);
        if (x.Count != churned.Count || x.Count == 0)
        {
            throw new ArgumentException("x and churned must be non-empty and of the same length.", nameof(x));
        }

        if (lambda < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), "must not be negative.");
        }

        int n = x.Count, p = x[0].Count;
        var means = new double[p];
        var sds = new double[p];
        for (var j = 0; j < p; j++)
        {
            var present = x.Select(r => r[j]).Where(v => !double.IsNaN(v)).ToArray();
            means[j] = present.Length == 0 ? 0 : present.Average();
            var variance = present.Length == 0 ? 0 : present.Sum(v => (v - means[j]) * (v - means[j])) / present.Length;
            sds[j] = Math.Sqrt(variance);
        }

        var design = Matrix<double>.Build.Dense(n, p + 1, (i, j) =>
        {
            if (j == 0)
            {
                return 1;
            }

            var v = x[i][j - 1];
            return double.IsNaN(v) || sds[j - 1] < 1e-12 ? 0 : (v - means[j - 1]) / sds[j - 1];
        });
        var y = Vector<double>.Build.Dense(n, i => churned[i] ? 1 : 0);
        var penalty = Matrix<double>.Build.DenseDiagonal(p + 1, p + 1, lambda);
        penalty[0, 0] = 0;
        var beta = Vector<double>.Build.Dense(p + 1);
        var rate = Math.Clamp(y.Average(), 1e-6, 1 - 1e-6);
        beta[0] = Math.Log(rate / (1 - rate));

        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations && !converged)
        {
            iterations++;
            var eta = design * beta;
            var prob = eta.Map(e => 1 / (1 + Math.Exp(-e)));
            var w = prob.Map(q => Math.Max(q * (1 - q), 1e-10));
            var gradient = (design.TransposeThisAndMultiply(y - prob)) - (penalty * beta);
            var weighted = design.Clone();
            for (var i = 0; i < n; i++)
            {
                weighted.SetRow(i, design.Row(i) * w[i]);
            }

            var hessian = design.TransposeThisAndMultiply(weighted) + penalty;
            for (var j = 0; j <= p; j++)
            {
                hessian[j, j] += 1e-9; // keeps a perfectly separated or constant column solvable
            }

            var step = hessian.Solve(gradient);
            beta += step;
            converged = step.AbsoluteMaximum() < 1e-8;
        }

        var standardized = new double[p];
        var raw = new double[p];
        var intercept = beta[0];
        for (var j = 0; j < p; j++)
        {
            standardized[j] = sds[j] < 1e-12 ? 0 : beta[j + 1];
            raw[j] = sds[j] < 1e-12 ? 0 : beta[j + 1] / sds[j];
            intercept -= raw[j] * means[j];
        }

        return new LogisticFit(intercept, raw, standardized, means, iterations, converged);
    }
}
