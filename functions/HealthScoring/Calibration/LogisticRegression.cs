using MathNet.Numerics.LinearAlgebra;

namespace HealthScoring.Calibration;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (IRLS). Features are standardised first so one
/// penalty suits them all; the intercept is not penalised; a missing value (NaN) takes the feature's mean.
/// Indicator columns (0/1 for a level, a segment or "no data") can be penalised on their own scale instead, so a
/// level seen in a handful of rows is pulled towards "no effect" rather than blown up by standardisation.
/// </summary>
public static class LogisticRegression
{
    /// <summary>Fits <paramref name="churned"/> on <paramref name="x"/> (rows × features).</summary>
    /// <param name="x">Feature rows; NaN marks a missing value.</param>
    /// <param name="churned">The outcome per row.</param>
    /// <param name="lambda">L2 penalty on the standardised coefficients (1 is mild).</param>
    /// <param name="maxIterations">Newton iterations at most.</param>
    public static LogisticFit Fit(IReadOnlyList<IReadOnlyList<double>> x, IReadOnlyList<bool> churned, double lambda = 1.0, int maxIterations = 50) =>
        Fit(x, churned, lambda, indicators: null, maxIterations);

    /// <summary>
    /// Fits <paramref name="churned"/> on <paramref name="x"/>; the columns flagged in <paramref name="indicators"/>
    /// are penalised on their original 0/1 scale (λ·β²), the others on the standardised scale.
    /// </summary>
    /// <param name="x">Feature rows; NaN marks a missing value.</param>
    /// <param name="churned">The outcome per row.</param>
    /// <param name="lambda">The L2 penalty.</param>
    /// <param name="indicators">Per column, whether it is a 0/1 indicator (null: none is).</param>
    /// <param name="maxIterations">Newton iterations at most.</param>
    public static LogisticFit Fit(
        IReadOnlyList<IReadOnlyList<double>> x, IReadOnlyList<bool> churned, double lambda, IReadOnlyList<bool>? indicators, int maxIterations = 50)
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
        if (indicators is not null && indicators.Count != p)
        {
            throw new ArgumentException("indicators must have one flag per column.", nameof(indicators));
        }

        var means = new double[p];
        var sds = new double[p];
        for (var j = 0; j < p; j++)
        {
            double sum = 0, count = 0;
            for (var i = 0; i < n; i++)
            {
                var v = x[i][j];
                if (!double.IsNaN(v))
                {
                    sum += v;
                    count++;
                }
            }

            means[j] = count == 0 ? 0 : sum / count;
            double squares = 0;
            for (var i = 0; i < n; i++)
            {
                var v = x[i][j];
                if (!double.IsNaN(v))
                {
                    squares += (v - means[j]) * (v - means[j]);
                }
            }

            sds[j] = count == 0 ? 0 : Math.Sqrt(squares / count);
        }

        // Standardised design with the intercept in column 0, stored row by row.
        var k = p + 1;
        var design = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var row = new double[k];
            row[0] = 1;
            for (var j = 0; j < p; j++)
            {
                var v = x[i][j];
                row[j + 1] = double.IsNaN(v) || sds[j] < 1e-12 ? 0 : (v - means[j]) / sds[j];
            }

            design[i] = row;
        }

        var penalty = new double[k];
        for (var j = 0; j < p; j++)
        {
            var indicator = indicators?[j] ?? false;
            penalty[j + 1] = sds[j] < 1e-12 ? lambda : indicator ? lambda / (sds[j] * sds[j]) : lambda;
        }

        var beta = new double[k];
        var rate = Math.Clamp(churned.Count(c => c) / (double)n, 1e-6, 1 - 1e-6);
        beta[0] = Math.Log(rate / (1 - rate));

        var iterations = 0;
        var converged = false;
        var hessian = new double[k, k];
        var gradient = new double[k];
        while (iterations < maxIterations && !converged)
        {
            iterations++;
            Array.Clear(hessian);
            Array.Clear(gradient);
            for (var i = 0; i < n; i++)
            {
                var row = design[i];
                double eta = 0;
                for (var j = 0; j < k; j++)
                {
                    eta += row[j] * beta[j];
                }

                var prob = 1 / (1 + Math.Exp(-eta));
                var w = Math.Max(prob * (1 - prob), 1e-10);
                var residual = (churned[i] ? 1 : 0) - prob;
                for (var a = 0; a < k; a++)
                {
                    var xa = row[a];
                    if (xa == 0)
                    {
                        continue;
                    }

                    gradient[a] += xa * residual;
                    var wxa = w * xa;
                    for (var b = a; b < k; b++)
                    {
                        hessian[a, b] += wxa * row[b];
                    }
                }
            }

            for (var a = 0; a < k; a++)
            {
                gradient[a] -= penalty[a] * beta[a];
                hessian[a, a] += penalty[a] + 1e-9; // the small term keeps a separated or constant column solvable
                for (var b = 0; b < a; b++)
                {
                    hessian[a, b] = hessian[b, a];
                }
            }

            var step = Matrix<double>.Build.DenseOfArray(hessian).Solve(Vector<double>.Build.DenseOfArray(gradient));

            // Newton overshoots when a level nearly separates the classes: halve the step until the penalised
            // likelihood does not fall, so the fit converges to the finite optimum the penalty guarantees.
            var before = Objective(design, churned, beta, penalty);
            var scale = 1.0;
            var candidate = new double[k];
            for (var halvings = 0; halvings < 40; halvings++)
            {
                for (var j = 0; j < k; j++)
                {
                    candidate[j] = beta[j] + (scale * step[j]);
                }

                if (Objective(design, churned, candidate, penalty) >= before - (1e-12 * Math.Abs(before)))
                {
                    break;
                }

                scale /= 2;
            }

            Array.Copy(candidate, beta, k);
            converged = scale * step.AbsoluteMaximum() < 1e-8;
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

    /// <summary>The penalised log-likelihood (larger is better).</summary>
    private static double Objective(double[][] design, IReadOnlyList<bool> churned, double[] beta, double[] penalty)
    {
        double total = 0;
        for (var i = 0; i < design.Length; i++)
        {
            var row = design[i];
            double eta = 0;
            for (var j = 0; j < beta.Length; j++)
            {
                eta += row[j] * beta[j];
            }

            // log(1 + e^eta) without overflow
            var softplus = eta > 0 ? eta + Math.Log(1 + Math.Exp(-eta)) : Math.Log(1 + Math.Exp(eta));
            total += (churned[i] ? eta : 0) - softplus;
        }

        for (var j = 0; j < beta.Length; j++)
        {
            total -= 0.5 * penalty[j] * beta[j] * beta[j];
        }

        return total;
    }
}
