using System.Text.RegularExpressions;
using System.Xml.Linq;
using HealthScoring.Calibration;

namespace HealthScoring.Tests.Calibration;

public sealed class BacktestHtmlTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_DrawsTheThreeChartsPerLeadTime_AsWellFormedSvg()
    {
        var report = Backtester.Run(SyntheticPortfolio.Model, SyntheticPortfolio.Generate(200, seed: 6), [60, 90]);

        var html = BacktestHtml.Render(report, null, Now);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var svgs = Regex.Matches(html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => XElement.Parse(m.Value)).ToList();
        Assert.Equal(6, svgs.Count);
        Assert.Equal(2, svgs.Count(s => (string?)s.Attribute("id") == "score-distribution"));
        Assert.Equal(2, svgs.Count(s => (string?)s.Attribute("id") == "churn-by-tier"));
        Assert.Equal(2, svgs.Count(s => (string?)s.Attribute("id") == "roc-curve"));
        var bars = svgs.First().Elements(XName.Get("rect", "http://www.w3.org/2000/svg")).Count();
        Assert.True(bars >= 20);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_EncodesText_AndShowsACalibrationSideBySide()
    {
        var cases = SyntheticPortfolio.Generate(400, seed: 12);
        var calibration = Calibrator.Calibrate(SyntheticPortfolio.Model, SyntheticPortfolio.ModelJson, cases, 60, new DateOnly(2026, 11, 23));
        var report = new BacktestReport("<b>v&1</b>", Backtester.Run(SyntheticPortfolio.Model, cases, [60]).LeadTimes);

        var html = BacktestHtml.Render(report, calibration, Now);

        Assert.Contains("&lt;b&gt;v&amp;1&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>v&1", html, StringComparison.Ordinal);
        Assert.Contains(calibration.ProposedVersion, html, StringComparison.Ordinal);
        Assert.Contains("g1.d", html, StringComparison.Ordinal);
    }
}
