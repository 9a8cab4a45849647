using System.Globalization;
using System.Net;
using System.Text;

namespace HealthScoring.Calibration;

/// <summary>
/// Renders a backtest (and optionally a calibration) as one self-contained HTML page with inline SVG charts:
/// score distribution by outcome, churn rate per tier, and the ROC curve. No scripts, no external files.
/// </summary>
public static class BacktestHtml
{
    private const string ChurnColor = "#c0392b";
    private const string RetainColor = "#2e86c1";

    /// <summary>The page.</summary>
    /// <param name="report">The backtest.</param>
    /// <param name="calibration">A calibration to show beside it, if any.</param>
    /// <param name="generatedAt">When the report was made (shown in the header).</param>
    public static string Render(BacktestReport report, CalibrationResult? calibration, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Health score backtest</title>\n<style>")
         .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}")
         .Append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
         .Append(".inverted{background:#fde2e1}.weak{background:#fdf6e1}.charts{display:flex;flex-wrap:wrap;gap:1.5em}figure{margin:0}figcaption{font-size:.9em;color:#555}")
         .Append("</style></head><body>\n");
        h.Append("<h1>Health score backtest</h1>\n<p>Model <b>").Append(E(report.ModelVersion)).Append("</b>, generated ")
         .Append(E(generatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
         .Append(". Each outcome is matched with the account's score as of the lead time before it; nothing recorded later is used. AUC: the chance a churned account scored below a retained one (0.5 is a coin toss).</p>\n");
        foreach (var lead in report.LeadTimes)
        {
            LeadSection(h, lead, $"{lead.LeadDays} days before the outcome");
        }

        if (calibration is not null)
        {
            CalibrationSection(h, calibration);
        }

        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void LeadSection(StringBuilder h, LeadTimeReport r, string title)
    {
        h.Append("<section><h2>").Append(E(title)).Append("</h2>\n");
        Summary(h, [("", r)]);
        h.Append("<div class=\"charts\">\n");
        Histogram(h, r);
        TierBars(h, r);
        Roc(h, r);
        h.Append("</div>\n<h3>Components and metrics on their own</h3>\n<table><tr><th>name</th><th>kind</th><th>with data</th><th>churned</th><th>AUC</th><th>direction</th></tr>\n");
        foreach (var f in r.Features)
        {
            var css = f.Direction is "inverted" or "weak" ? $" class=\"{f.Direction}\"" : "";
            h.Append("<tr").Append(css).Append("><td>").Append(E(f.Name)).Append("</td><td>").Append(E(f.Kind)).Append("</td><td>")
             .Append(f.WithData).Append("</td><td>").Append(f.ChurnedWithData).Append("</td><td>").Append(N(f.Auc, "0.000"))
             .Append("</td><td>").Append(E(f.Direction)).Append("</td></tr>\n");
        }

        h.Append("</table></section>\n");
    }

    private static void Summary(StringBuilder h, IReadOnlyList<(string Label, LeadTimeReport R)> columns)
    {
        h.Append("<table><tr><th></th>");
        foreach (var (label, _) in columns)
        {
            h.Append("<th>").Append(E(label.Length == 0 ? "value" : label)).Append("</th>");
        }

        h.Append("</tr>\n");
        Row(h, "outcomes", columns, r => r.Outcomes.ToString(CultureInfo.InvariantCulture));
        Row(h, "scored at the cut-off", columns, r => r.Included.ToString(CultureInfo.InvariantCulture));
        Row(h, "excluded: no history before the cut-off", columns, r => r.ExcludedNoHistory.ToString(CultureInfo.InvariantCulture));
        Row(h, "excluded: no score (low coverage)", columns, r => r.ExcludedNoScore.ToString(CultureInfo.InvariantCulture));
        Row(h, "churned", columns, r => r.Churned.ToString(CultureInfo.InvariantCulture));
        Row(h, "base churn rate", columns, r => P(r.BaseRate));
        Row(h, "ROC AUC (95% interval)", columns, r => $"{N(r.Auc, "0.000")} ({N(r.AucLow, "0.00")}-{N(r.AucHigh, "0.00")})");
        Row(h, "Red: precision for churn", columns, r => $"{P(r.RedPrecision)} of {r.RedFlagged}");
        Row(h, "Red: recall of churn", columns, r => P(r.RedRecall));
        Row(h, "top-decile lift", columns, r => $"{N(r.TopDecileLift, "0.00")}× ({r.TopDecileSize} accounts)");
        h.Append("</table>\n");
    }

    private static void Row(StringBuilder h, string name, IReadOnlyList<(string Label, LeadTimeReport R)> columns, Func<LeadTimeReport, string> value)
    {
        h.Append("<tr><td>").Append(E(name)).Append("</td>");
        foreach (var (_, r) in columns)
        {
            h.Append("<td>").Append(E(value(r))).Append("</td>");
        }

        h.Append("</tr>\n");
    }

    /// <summary>Share of each outcome group per score bin, side by side, so rare churn stays visible.</summary>
    private static void Histogram(StringBuilder h, LeadTimeReport r)
    {
        const int W = 360, H = 232, L = 40, B = 30, T = 32;
        var churned = Math.Max(1, r.ScoreDistribution.Sum(b => b.Churned));
        var retained = Math.Max(1, r.ScoreDistribution.Sum(b => b.Retained));
        var max = Math.Max(0.01, r.ScoreDistribution.Max(b => Math.Max(b.Churned / (double)churned, b.Retained / (double)retained)));
        var plotW = W - L - 10;
        var plotH = H - B - T;
        var slot = plotW / (double)Math.Max(1, r.ScoreDistribution.Count);
        h.Append(Open(W, H, "score-distribution", "Score distribution by outcome"));
        Axes(h, L, T, plotW, plotH);
        for (var i = 0; i < r.ScoreDistribution.Count; i++)
        {
            var bin = r.ScoreDistribution[i];
            var x = L + (i * slot);
            Bar(h, x + 2, T + plotH, (slot / 2) - 2, plotH * (bin.Churned / (double)churned) / max, ChurnColor, $"{bin.From:0}-{bin.To:0}: {bin.Churned} churned");
            Bar(h, x + (slot / 2), T + plotH, (slot / 2) - 2, plotH * (bin.Retained / (double)retained) / max, RetainColor, $"{bin.From:0}-{bin.To:0}: {bin.Retained} retained");
            if (i % 2 == 0)
            {
                Text(h, x, H - 12, bin.From.ToString("0", CultureInfo.InvariantCulture), "start");
            }
        }

        Text(h, L + plotW, H - 12, "100", "end");
        Legend(h, L + 8, 6); // above the plot, clear of the bars
        h.Append("</svg><figcaption>Share of churned (red) and retained (blue) accounts per score band.</figcaption></figure>\n");
    }

    private static void TierBars(StringBuilder h, LeadTimeReport r)
    {
        const int W = 300, H = 220, L = 40, B = 30, T = 20;
        var plotW = W - L - 10;
        var plotH = H - B - T;
        var max = Math.Max(0.05, r.Tiers.Max(t => t.ChurnRate ?? 0));
        var slot = plotW / (double)Math.Max(1, r.Tiers.Count);
        h.Append(Open(W, H, "churn-by-tier", "Churn rate per tier"));
        Axes(h, L, T, plotW, plotH);
        Text(h, L - 4, T + 4, P(max), "end");
        for (var i = 0; i < r.Tiers.Count; i++)
        {
            var t = r.Tiers[i];
            var color = t.Tier switch { "Red" => ChurnColor, "Yellow" => "#d4ac0d", "Green" => "#28b463", _ => "#999" };
            var x = L + (i * slot) + (slot * 0.15);
            var height = plotH * (t.ChurnRate ?? 0) / max;
            Bar(h, x, T + plotH, slot * 0.7, height, color, $"{t.Tier}: {t.Churned} of {t.Accounts} churned");
            Text(h, x + (slot * 0.35), T + plotH - height - 4, P(t.ChurnRate), "middle");
            Text(h, x + (slot * 0.35), H - 12, $"{t.Tier} ({t.Accounts})", "middle");
        }

        h.Append("</svg><figcaption>Share of the accounts in each tier at the cut-off that churned.</figcaption></figure>\n");
    }

    private static void Roc(StringBuilder h, LeadTimeReport r)
    {
        const int S = 220, M = 30;
        var plot = S - (2 * M);
        h.Append(Open(S, S, "roc-curve", "ROC curve"));
        Axes(h, M, M, plot, plot);
        h.Append(F($"<line x1=\"{M}\" y1=\"{M + plot}\" x2=\"{M + plot}\" y2=\"{M}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n"));
        var points = string.Join(' ', r.Roc.Select(p => F($"{M + (p.Fpr * plot):0.#},{M + plot - (p.Tpr * plot):0.#}")));
        h.Append("<polyline fill=\"none\" stroke=\"").Append(ChurnColor).Append("\" stroke-width=\"2\" points=\"").Append(points).Append("\"/>\n");
        Text(h, M + (plot / 2), S - 8, "false-positive rate", "middle");
        h.Append(F($"<text x=\"{M - 8}\" y=\"{M + (plot / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 {M - 8} {M + (plot / 2)})\">true-positive rate</text>\n"));
        Text(h, M + 4, M - 8, $"AUC {N(r.Auc, "0.000")}", "start");
        h.Append("</svg><figcaption>Churn caught (up) against retained accounts flagged (right), lowest scores first.</figcaption></figure>\n");
    }

    private static void CalibrationSection(StringBuilder h, CalibrationResult c)
    {
        h.Append("<section><h2>Calibration: ").Append(E(c.ProposedVersion)).Append("</h2>\n<p>Fitted on the ").Append(c.TrainOutcomes)
         .Append(" earliest outcomes; both models scored as of the cut-off on the ").Append(c.TestOutcomes).Append(" later ones (from ")
         .Append(E(c.FirstTestDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-")).Append("), ").Append(c.LeadDays)
         .Append(" days ahead. The proposed model is not active until it is activated.</p>\n");
        h.Append("<h3>Test outcomes (later)</h3>\n");
        Summary(h, [(c.CurrentVersion, c.Current), (c.ProposedVersion, c.Proposed)]);
        TierTable(h, "Churn per tier on the test outcomes", [(c.CurrentVersion, c.Current.Tiers), (c.ProposedVersion, c.Proposed.Tiers)]);
        var f = c.Fit;
        h.Append("<p>The regression itself: training AUC ").Append(N(f.TrainAuc, "0.000")).Append(", test AUC ").Append(N(f.TestAuc, "0.000"))
         .Append("; ").Append(f.Columns).Append(" columns, ").Append(f.Iterations).Append(" iterations. The proposed score is ")
         .Append(N(f.PointsPerLogOdds, "0.##")).Append(" points per unit of churn log-odds; it departs from the fit by at most ")
         .Append(N(f.MaxDeviation, "0.###")).Append(" points on the training outcomes (0.05 is rounding).</p>\n");
        h.Append("<h3>What changes, and why</h3>\n<ul>\n");
        foreach (var change in c.Changes)
        {
            h.Append("<li class=\"").Append(E(change.Kind.ToString().ToLowerInvariant())).Append("\">").Append(E(change.Text)).Append("</li>\n");
        }

        h.Append("</ul>\n");
        TierTable(h, "Proposed tiers on the training outcomes", [("training", c.Tiers.Training)]);
        Weights(h, "Component weights", c.Components);
        Weights(h, "Metric weights within their component", c.Metrics);
        Diagnostics(h, "Each metric on its own: training outcomes (use these to decide fixes)", c.Diagnostics.Training);
        Diagnostics(h, "Each metric on its own: test outcomes (for reading only)", c.Diagnostics.Test);
        h.Append("</section>\n");
    }

    private static void TierTable(StringBuilder h, string title, IReadOnlyList<(string Label, IReadOnlyList<TierChurn> Tiers)> columns)
    {
        h.Append("<h3>").Append(E(title)).Append("</h3>\n<table><tr><th>tier</th>");
        foreach (var (label, _) in columns)
        {
            h.Append("<th>").Append(E(label)).Append("</th>");
        }

        h.Append("</tr>\n");
        foreach (var tier in new[] { "Red", "Yellow", "Green" })
        {
            h.Append("<tr><td>").Append(tier).Append("</td>");
            foreach (var (_, tiers) in columns)
            {
                var t = tiers.FirstOrDefault(x => x.Tier == tier);
                h.Append("<td>").Append(E(t is null ? "-" : $"{P(t.ChurnRate)} of {t.Accounts}")).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
    }

    private static void Diagnostics(StringBuilder h, string title, IReadOnlyList<FeatureAuc> features)
    {
        h.Append("<h3>").Append(E(title)).Append("</h3>\n<table><tr><th>metric</th><th>with data</th><th>churned</th><th>AUC</th><th>direction</th></tr>\n");
        foreach (var f in features)
        {
            var css = f.Direction is "inverted" or "weak" ? $" class=\"{f.Direction}\"" : "";
            h.Append("<tr").Append(css).Append("><td>").Append(E(f.Name)).Append("</td><td>").Append(f.WithData).Append("</td><td>")
             .Append(f.ChurnedWithData).Append("</td><td>").Append(N(f.Auc, "0.000")).Append("</td><td>").Append(E(f.Direction)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    private static void Weights(StringBuilder h, string title, IReadOnlyList<WeightProposal> weights)
    {
        h.Append("<h3>").Append(E(title)).Append("</h3>\n<table><tr><th>name</th><th>current</th><th>proposed</th><th>effect (log-odds)</th><th>note</th></tr>\n");
        foreach (var w in weights)
        {
            h.Append("<tr><td>").Append(E(w.Name)).Append("</td><td>").Append(N(w.Current, "0.#")).Append("</td><td>").Append(N(w.Proposed, "0.##"))
             .Append("</td><td>").Append(N(w.Effect, "0.000")).Append("</td><td>").Append(E(w.Note)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    private static string Open(int w, int h, string id, string title) =>
        F($"<figure><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" font-size=\"11\"><title>{E(title)}</title>\n");

    private static void Axes(StringBuilder h, double left, double top, double width, double height) =>
        h.Append(F($"<path d=\"M{left:0.#} {top:0.#} V{top + height:0.#} H{left + width:0.#}\" fill=\"none\" stroke=\"#333\"/>\n"));

    private static void Bar(StringBuilder h, double x, double bottom, double width, double height, string color, string tip) =>
        h.Append(F($"<rect x=\"{x:0.#}\" y=\"{bottom - height:0.#}\" width=\"{Math.Max(0, width):0.#}\" height=\"{Math.Max(0, height):0.#}\" fill=\"{color}\"><title>{E(tip)}</title></rect>\n"));

    private static void Text(StringBuilder h, double x, double y, string text, string anchor) =>
        h.Append(F($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{E(text)}</text>\n"));

    private static void Legend(StringBuilder h, double x, double y)
    {
        h.Append(F($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"10\" height=\"10\" fill=\"{ChurnColor}\"/>"));
        Text(h, x + 14, y + 9, "churned", "start");
        h.Append(F($"<rect x=\"{x + 70:0.#}\" y=\"{y:0.#}\" width=\"10\" height=\"10\" fill=\"{RetainColor}\"/>"));
        Text(h, x + 84, y + 9, "retained", "start");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string P(double? v) => v is { } x ? x.ToString("0.0%", CultureInfo.InvariantCulture) : "-";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
