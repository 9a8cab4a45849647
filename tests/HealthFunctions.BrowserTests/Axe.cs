using System.Text.Json;
using HealthFunctions.TestSupport;
using Microsoft.Playwright;
using Xunit;

namespace HealthFunctions.BrowserTests;

/// <summary>
/// axe-core (pinned in package.json, run from node_modules, never served by the app) in the page under test: no
/// violation of serious or critical impact may remain. The script is evaluated through the browser's debugging protocol,
/// so the page's Content-Security-Policy (script-src 'self') stays as it is.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js")));

    /// <summary>Runs axe on the page as it is now and fails with every serious or critical violation, where it is and how to fix it.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"{what}: {string.Join("\n", found)}");
    }
}
