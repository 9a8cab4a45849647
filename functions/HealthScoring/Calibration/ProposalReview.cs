using System.Globalization;

namespace HealthScoring.Calibration;

/// <summary>
/// Whether a proposed model is recommended: not when it scores a metric the other way round from the model it was
/// calibrated from (a flip: what that model declares healthy now counts as at risk), nor when it backtests worse than
/// the model it would replace on the same outcomes (a lower AUC, or the same AUC and a lower top-decile lift). Activating
/// such a proposal needs <c>force</c> and a reason.
/// </summary>
public static class ProposalReview
{
    /// <summary>The metrics a calibration flipped, by name, in the order it reported them.</summary>
    public static IReadOnlyList<string> FlippedMetrics(IReadOnlyList<ModelChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes.Where(c => c.Kind == ChangeKind.Flipped).Select(c => c.Subject[(c.Subject.LastIndexOf('.') + 1)..]).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The concerns about a proposal, in words; empty when it is recommended.</summary>
    /// <param name="against">The model it is compared with (calibrated from, or active).</param>
    /// <param name="flipped">Metrics it scores the other way round from <paramref name="against"/>.</param>
    /// <param name="current">AUC and top-decile lift of <paramref name="against"/> on the outcomes.</param>
    /// <param name="proposed">AUC and top-decile lift of the proposal on the same outcomes.</param>
    public static IReadOnlyList<ModelConcern> Concerns(string against, IReadOnlyList<string> flipped, BacktestFigures? current, BacktestFigures? proposed)
    {
        ArgumentNullException.ThrowIfNull(flipped);
        var concerns = new List<ModelConcern>(2);
        if (flipped.Count > 0)
        {
            concerns.Add(new ModelConcern(ModelConcern.FlippedMetric,
                $"It flips {List(flipped)} against the direction {against} declares: what {against} scores as healthier, it scores as less healthy."));
        }

        if (current is not null && proposed is not null && IsWorse(current, proposed))
        {
            concerns.Add(new ModelConcern(ModelConcern.WorseBacktest,
                $"It backtests worse than {against} on the same outcomes: AUC {N(proposed.Auc, "0.000")} vs {N(current.Auc, "0.000")}, "
                + $"top-decile lift {N(proposed.Lift, "0.00")} vs {N(current.Lift, "0.00")}."));
        }

        return concerns;
    }

    /// <summary>The concerns of a calibration's proposal against the model it was calibrated from, on the test outcomes.</summary>
    public static IReadOnlyList<ModelConcern> Concerns(CalibrationResult calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return Concerns(calibration.CurrentVersion, FlippedMetrics(calibration.Changes), BacktestFigures.Of(calibration.Current), BacktestFigures.Of(calibration.Proposed));
    }

    /// <summary>Worse: a lower AUC (at 3 decimals), or the same AUC and a lower top-decile lift (at 2).</summary>
    public static bool IsWorse(BacktestFigures current, BacktestFigures proposed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        if (current.Auc is not { } a || proposed.Auc is not { } b)
        {
            return false;
        }

        double auc = Math.Round(b - a, 3), lift = Math.Round((proposed.Lift ?? 0) - (current.Lift ?? 0), 2);
        return auc < 0 || (auc == 0 && current.Lift is not null && proposed.Lift is not null && lift < 0);
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    private static string N(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}

/// <summary>The two figures a proposal is judged by.</summary>
/// <param name="Auc">ROC AUC for churn.</param>
/// <param name="Lift">Top-decile lift.</param>
public sealed record BacktestFigures(double? Auc, double? Lift)
{
    /// <summary>The figures of one lead time's report.</summary>
    public static BacktestFigures? Of(LeadTimeReport? report) => report is null ? null : new BacktestFigures(report.Auc, report.TopDecileLift);
}
