using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthFunctions.TestSupport;
using Microsoft.Playwright;
using Xunit;

namespace HealthFunctions.BrowserTests;

/// <summary>
/// The dashboard as a CSM uses it, in headless Chromium: the portfolio, the accounts list filtered to Red and exported,
/// an account's timeline and drivers, a pulse that shows in the explanation after the rescore, and a task completed.
/// Every wait is on a condition of the page (Playwright's auto-waiting assertions), never a fixed sleep.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardSite site)
{
    private static string Screenshots => Path.Combine(RepositoryRoot.Find(), "docs", "screenshots");

    [Fact]
    public async Task Portfolio_ShowsTiersArrAtRiskRenewalsAndCharts()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard.ToString());

        await Assertions.Expect(page.Locator("main[data-loaded=portfolio]")).ToBeVisibleAsync();
        var portfolio = await site.Api.GetFromJsonAsync<JsonElement>("portfolio");
        var red = portfolio.GetProperty("byTier").GetProperty("Red").GetInt32();
        Assert.True(red >= 4, $"the seeded portfolio has {red} Red accounts");
        await Assertions.Expect(page.GetByTestId("kpi-red").Locator(".value")).ToHaveTextAsync(red.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("kpi-arr-at-risk")).ToContainTextAsync("$");
        await Assertions.Expect(page.GetByTestId("renewals")).ToContainTextAsync("30 days");
        // Both charts drew (Chart.js sized their canvases).
        Assert.Equal(2, await page.Locator("canvas").CountAsync());
        Assert.All(await page.Locator("canvas").EvaluateAllAsync<int[]>("cs => cs.map(c => c.width)"), w => Assert.True(w > 100));

        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "portfolio.png"), FullPage = true });
    }

    [Fact]
    public async Task Accounts_FilteredToRed_ListOnlyRed_AndExportTheViewAsCsv()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/accounts");
        await Assertions.Expect(page.Locator("main[data-loaded=accounts]")).ToBeVisibleAsync();

        await page.GetByTestId("filter-tier").SelectOptionAsync("Red");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("tier=Red"));
        await Assertions.Expect(page.Locator("main[data-loaded=accounts]")).ToBeVisibleAsync();
        var tiers = await page.Locator("[data-testid=accounts-table] tbody .tier").AllTextContentsAsync();
        var expected = (await site.Api.GetFromJsonAsync<JsonElement>("portfolio")).GetProperty("byTier").GetProperty("Red").GetInt32();
        Assert.Equal(expected, tiers.Count);
        Assert.All(tiers, t => Assert.Equal("Red", t));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("accountId,name,", csv[0], StringComparison.Ordinal);
        var rows = csv.Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(expected, rows.Count);
        var tierColumn = csv[0].Split(',').ToList().IndexOf("tier");
        Assert.All(rows, r => Assert.Equal("Red", r.Split(',')[tierColumn]));
    }

    [Fact]
    public async Task Account_ShowsItsTimelineWithTheTierChange_AndDriversInWords()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/accounts?tier=Red&sort=arr");
        await page.Locator("[data-account=acme] a").First.ClickAsync();

        await Assertions.Expect(page.Locator("main[data-loaded='account:acme']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("summary")).ToContainTextAsync("Red");
        await Assertions.Expect(page.GetByTestId("tier-changes")).ToContainTextAsync("became Red");
        await Assertions.Expect(page.GetByTestId("drivers").Locator("li").First).ToContainTextAsync(new Regex("fell from [0-9.,]+ to [0-9.,]+: -[0-9.]+ points"));
        await Assertions.Expect(page.GetByTestId("metrics")).ToContainTextAsync("active_users_pct");
        Assert.True(await page.Locator("canvas").EvaluateAsync<int>("c => c.width") > 100);

        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "account.png"), FullPage = true });
    }

    [Fact]
    public async Task Pulse_SetOnThePage_ShowsInTheExplanationAfterTheRescore()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/account/globex");
        await Assertions.Expect(page.Locator("main[data-loaded='account:globex']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("adjustment")).ToHaveCountAsync(0);

        await page.GetByTestId("pulse-value").FillAsync("9");
        await page.GetByTestId("pulse-author").FillAsync("dana");
        await page.GetByTestId("pulse-save").ClickAsync();

        // Stored at once; the page re-reads until the dirty rescore has applied it.
        await Assertions.Expect(page.GetByTestId("pulse-state")).ToContainTextAsync("Pulse 9 by local (note: dana)");
        await Assertions.Expect(page.GetByTestId("account-audit").Locator("li[data-action='pulse.set']")).ToContainTextAsync("local set the pulse: value:");
        await Assertions.Expect(page.GetByTestId("adjustment")).ToContainTextAsync("CSM pulse 9 by local (note: dana)", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("[data-testid=metrics] tr[data-metric=csm_pulse]")).ToContainTextAsync("Pulse");
    }

    [Fact]
    public async Task Task_CompletedWithANote_MovesToDone()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/tasks");
        await Assertions.Expect(page.Locator("main[data-loaded=tasks]")).ToBeVisibleAsync();
        var card = page.Locator("section[data-column=open] article.task").First;
        var id = await card.GetAttributeAsync("data-task");
        await Assertions.Expect(card.Locator("ol li").First).ToBeVisibleAsync(); // what the task asks: its steps

        await card.GetByTestId("task-note").FillAsync("called the champion");
        await card.GetByTestId("task-complete").ClickAsync();

        var done = page.Locator($"section[data-column=done] article[data-task='{id}']");
        await Assertions.Expect(done).ToBeVisibleAsync();
        await Assertions.Expect(done).ToContainTextAsync("called the champion");
        var tasks = await site.Api.GetFromJsonAsync<JsonElement>("tasks?status=done");
        Assert.Contains(tasks.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("taskId").GetString() == id);
    }
}
