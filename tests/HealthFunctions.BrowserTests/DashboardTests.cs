using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace HealthFunctions.BrowserTests;

/// <summary>
/// The dashboard as a CSM uses it, in headless Chromium: the portfolio, the accounts list filtered to Red and exported,
/// an account's timeline (on a time axis) and drivers in labels, a pulse that shows in the explanation after the rescore,
/// the tasks board filtered and bulk-completed, "my work", a stored proposal opened beside the active model, the header
/// on a phone, and axe on every page. Every wait is on a condition of the page (Playwright's auto-waiting assertions),
/// never a fixed sleep.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardTests(DashboardSite site)
{
    [Fact]
    public async Task Portfolio_ShowsTiersArrAtRiskRenewalsAndCharts()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard.ToString());

        await Assertions.Expect(page.Locator("main[data-loaded=portfolio]")).ToBeVisibleAsync();
        var portfolio = await site.Api.GetFromJsonAsync<JsonElement>("portfolio");
        var red = portfolio.GetProperty("byTier").GetProperty("Red").GetInt32();
        Assert.True(red >= 4, $"the seeded portfolio has {red} Red accounts");
        await Assertions.Expect(page.GetByTestId("kpi-red").Locator(".value")).ToHaveTextAsync(red.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("kpi-arr-at-risk")).ToContainTextAsync("$");
        await Assertions.Expect(page.GetByTestId("renewals")).ToContainTextAsync("30 days");
        // Both charts drew (Chart.js sized their canvases).
        Assert.Equal(2, await page.Locator("canvas").CountAsync());
        Assert.All(await page.Locator("canvas").EvaluateAllAsync<int[]>("cs => cs.map(c => c.width)"), w => Assert.True(w > 100));
        await Axe.AssertNoSeriousViolationsAsync(page, "portfolio");

        await Screenshots.SaveAsync(page, "portfolio");
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
        await Axe.AssertNoSeriousViolationsAsync(page, "accounts");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("accountId,name,", csv[0], StringComparison.Ordinal);
        var rows = csv.Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(expected, rows.Count);
        var tierColumn = csv[0].Split(',').ToList().IndexOf("tier");
        Assert.All(rows, r => Assert.Equal("Red", r.Split(',')[tierColumn]));
    }

    [Fact]
    public async Task Account_ShowsItsTimelineOnATimeAxis_AndDriversAndMetricsByTheirLabels()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/accounts?tier=Red&sort=arr");
        await page.Locator("[data-account=acme] a").First.ClickAsync();

        await Assertions.Expect(page.Locator("main[data-loaded='account:acme']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("summary")).ToContainTextAsync("Red");
        await Assertions.Expect(page.GetByTestId("tier-changes")).ToContainTextAsync("became Red");
        await Assertions.Expect(page.GetByTestId("drivers").Locator("li").First).ToContainTextAsync(new Regex(@"\) (fell|rose) from [0-9.,]+%? to [0-9.,]+%?: [+-][0-9.]+ points"));
        // Labels instead of ids: what a CSM reads; the id stays in the markup (data-metric) and the API.
        var metrics = page.GetByTestId("metrics");
        await Assertions.Expect(metrics.Locator("tr[data-metric=active_users_pct] td").First).ToHaveTextAsync("Active users (%)");
        await Assertions.Expect(metrics).ToContainTextAsync("Onboarding progress (%)");
        await Assertions.Expect(metrics).Not.ToContainTextAsync("active_users_pct");
        await Assertions.Expect(page.GetByTestId("drivers")).Not.ToContainTextAsync("_pct");

        // The time axis places points by date: four weeks are seven times as wide as four days.
        var widths = await page.Locator("canvas").EvaluateAsync<double[]>("""
            c => { const x = Chart.getChart(c).scales.x, d = Date.parse('2026-01-05');
                   return [x.getPixelForValue(d + 4 * 864e5) - x.getPixelForValue(d), x.getPixelForValue(d + 28 * 864e5) - x.getPixelForValue(d)]; }
            """);
        Assert.True(widths[0] > 0 && Math.Abs((widths[1] / widths[0]) - 7) < 0.01, $"4 days: {widths[0]} px, 4 weeks: {widths[1]} px");
        Assert.Equal("time", await page.Locator("canvas").EvaluateAsync<string>("c => Chart.getChart(c).scales.x.type"));
        await Axe.AssertNoSeriousViolationsAsync(page, "account");

        await Screenshots.SaveAsync(page, "account");
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
    public async Task Tasks_FilteredToAPlaybookAndOwner_AreBulkCompletedWithANote_AndOverdueOnesStandOut()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/tasks");
        await Assertions.Expect(page.Locator("main[data-loaded=tasks]")).ToBeVisibleAsync();
        var all = await site.Api.GetFromJsonAsync<JsonElement>("tasks?status=open");
        await Assertions.Expect(page.GetByTestId("tab-open")).ToHaveTextAsync($"Open ({all.GetProperty("byStatus").GetProperty("open").GetInt32()})");
        var overdue = all.GetProperty("overdue").GetInt32();
        Assert.True(overdue > 0, "the seeded recovery tasks were due yesterday");
        await Assertions.Expect(page.GetByTestId("overdue-count")).ToHaveTextAsync($"{overdue} overdue");
        await Assertions.Expect(page.Locator("li.overdue [data-testid=overdue]").First).ToContainTextAsync("overdue by");

        await page.GetByTestId("filter-playbook").SelectOptionAsync("red-recovery");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("playbook=red-recovery"));
        await page.GetByTestId("filter-owner").FillAsync("dana");
        await page.GetByTestId("filter-owner").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("owner=dana"));
        await Assertions.Expect(page.Locator("main[data-loaded=tasks]")).ToBeVisibleAsync();
        var expected = await site.Api.GetFromJsonAsync<JsonElement>("tasks?status=open&playbook=red-recovery&owner=dana");
        var ids = expected.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()!).ToList();
        Assert.NotEmpty(ids);
        await Assertions.Expect(page.Locator("[data-testid=task-list] > li")).ToHaveCountAsync(ids.Count);
        // Steps are listed by due day.
        var due = await page.Locator("[data-testid=task-list] > li").First.Locator("[data-testid=steps] li").AllTextContentsAsync();
        var dates = due.Select(s => Regex.Match(s, @"by (\d{4}-\d\d-\d\d)").Groups[1].Value).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        await Axe.AssertNoSeriousViolationsAsync(page, "tasks board");

        await page.GetByTestId("select-page").CheckAsync();
        await Assertions.Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync($"{ids.Count} selected");
        await page.GetByTestId("bulk-note").FillAsync("handled in the QBR");
        await Screenshots.SaveAsync(page, "tasks");
        await page.GetByTestId("bulk-complete").ClickAsync();

        await Assertions.Expect(page.GetByTestId("no-tasks")).ToBeVisibleAsync(); // none of them is open any more
        var done = await site.Api.GetFromJsonAsync<JsonElement>("tasks?status=done&playbook=red-recovery&owner=dana");
        var completed = done.GetProperty("tasks").EnumerateArray().Where(t => ids.Contains(t.GetProperty("taskId").GetString()!)).ToList();
        Assert.Equal(ids.Count, completed.Count);
        Assert.All(completed, t => Assert.Equal("handled in the QBR", t.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task Task_CompletedWithANote_LeavesTheOpenList_AndIsDone()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/tasks?owner=lee");
        await Assertions.Expect(page.Locator("main[data-loaded=tasks]")).ToBeVisibleAsync();
        var item = page.Locator("[data-testid=task-list] > li").First;
        var id = await item.GetAttributeAsync("data-task");

        await item.GetByTestId("task-note").FillAsync("called the champion");
        await item.GetByTestId("task-complete").ClickAsync();

        await Assertions.Expect(page.Locator($"[data-task='{id}']")).ToHaveCountAsync(0);
        await page.GotoAsync(site.Dashboard + "#/tasks?owner=lee&status=done");
        await Assertions.Expect(page.Locator($"[data-task='{id}']")).ToContainTextAsync("called the champion");
        var tasks = await site.Api.GetFromJsonAsync<JsonElement>("tasks?status=done");
        Assert.Contains(tasks.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("taskId").GetString() == id);
    }

    [Fact]
    public async Task MyWork_ForTheChosenOwner_ShowsTheirAccountsByTier_TheirTasks_AndTheirRenewals()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/mine");
        await Assertions.Expect(page.Locator("main[data-loaded=mine]")).ToBeVisibleAsync();

        // Nobody is signed in locally (no /api/me here yet): the CSM says who they are, and the page follows.
        await page.GetByTestId("me-input").FillAsync("kim");
        await page.GetByTestId("me-input").PressAsync("Enter");

        await Assertions.Expect(page.Locator("main[data-loaded=mine] h1")).ToContainTextAsync("kim");
        var accounts = await site.Api.GetFromJsonAsync<JsonElement>("accounts?owner=kim&pageSize=500");
        foreach (var tier in new[] { "Red", "Yellow", "Green" })
        {
            var n = accounts.GetProperty("accounts").EnumerateArray().Count(a => (a.TryGetProperty("tier", out var t) ? t.GetString() : "Unscored") == tier);
            await Assertions.Expect(page.GetByTestId($"mine-{tier.ToLowerInvariant()}").Locator(".value")).ToHaveTextAsync(n.ToString(CultureInfo.InvariantCulture));
        }

        var renewals = await site.Api.GetFromJsonAsync<JsonElement>("accounts?owner=kim&renewalWithin=90");
        await Assertions.Expect(page.GetByTestId("mine-renewals").Locator("h2")).ToContainTextAsync($"({renewals.GetProperty("total").GetInt32()})");
        var open = await site.Api.GetFromJsonAsync<JsonElement>("tasks?owner=kim&status=open");
        await Assertions.Expect(page.GetByTestId("mine-tasks")).ToContainTextAsync($"{open.GetProperty("count").GetInt32()} open");
        await Axe.AssertNoSeriousViolationsAsync(page, "my work");

        // The choice is kept in this browser: the next visit opens on the same person.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main[data-loaded=mine] h1")).ToContainTextAsync("kim");
    }

    [Fact]
    public async Task Model_OpensAStoredProposalBesideTheActiveModel_InPlainWords_WithTheEvidenceAndTheReport()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/model");
        await Assertions.Expect(page.Locator("main[data-loaded=model]")).ToBeVisibleAsync();
        // The 120-day column is empty, and says why.
        await Assertions.Expect(page.GetByTestId("why-empty").Last).ToContainTextAsync("had a score 120 days before");
        await Assertions.Expect(page.GetByTestId("report-link")).ToHaveAttributeAsync("href", new Regex("backtest/report$"));
        await Axe.AssertNoSeriousViolationsAsync(page, "model");

        await page.GetByTestId("open-proposal").First.ClickAsync();

        var view = page.GetByTestId("proposal-view");
        await Assertions.Expect(view.GetByTestId("side-by-side")).ToBeVisibleAsync();
        await Assertions.Expect(view.GetByTestId("side-by-side")).ToContainTextAsync("AUC (churn)");
        var changes = view.GetByTestId("what-changes").Locator("> li");
        await Assertions.Expect(changes.First).ToContainTextAsync(new Regex("count|raises|lowers"));
        Assert.DoesNotContain("`", await view.InnerTextAsync(), StringComparison.Ordinal); // no literal Markdown
        Assert.DoesNotContain("log-odds move", await view.GetByTestId("what-changes").InnerTextAsync(), StringComparison.Ordinal);
        // The evidence behind a change, and the log-odds detail, are a toggle away (and reachable with the keyboard).
        await changes.First.GetByRole(AriaRole.Button, new() { Name = "Evidence" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(changes.First.GetByTestId("evidence")).ToBeVisibleAsync();
        await Assertions.Expect(changes.First.GetByTestId("evidence")).ToContainTextAsync("AUC");
        await view.GetByTestId("log-odds").Locator("summary").ClickAsync();
        await Assertions.Expect(view.GetByTestId("log-odds").Locator("code").First).ToBeVisibleAsync();
        await Assertions.Expect(view.GetByTestId("proposal-report")).ToHaveAttributeAsync("href", new Regex(@"backtest/report\?job="));
        // Activation waits for the preview (a background job): what would change, then Activate.
        await Assertions.Expect(view.GetByTestId("activate")).ToBeDisabledAsync();
        await view.GetByTestId("run-preview").ClickAsync();
        await Assertions.Expect(view.GetByTestId("preview-result")).ToContainTextAsync(new Regex(@"over [0-9,]+ accounts: [0-9,]+ would drop a tier"), new() { Timeout = 90_000 });
        await Assertions.Expect(view.GetByTestId("activate")).ToBeEnabledAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "proposal beside the active model");

        await Screenshots.SaveAsync(page, "model");
    }

    [Fact]
    public async Task OnAPhone_TheHeaderWraps_AndScrollsAwayInsteadOfCoveringThePage()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 420, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/accounts");
        await Assertions.Expect(page.Locator("main[data-loaded=accounts]")).ToBeVisibleAsync();

        var header = await page.Locator("header.top").BoundingBoxAsync();
        var title = await page.Locator("main h1").BoundingBoxAsync();
        Assert.True(header!.Y + header.Height <= title!.Y, $"the header (to {header.Y + header.Height}) covers the title (from {title.Y})");
        await page.EvaluateAsync("() => window.scrollTo(0, 400)");
        await Assertions.Expect(page.Locator("header.top")).Not.ToBeInViewportAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_ReachesThePageFromTheSkipLink_AndSelectsATaskForABulkAction()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Dashboard + "#/tasks?status=dismissed");
        await Assertions.Expect(page.Locator("main[data-loaded=tasks]")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip")).ToBeFocusedAsync();
        await page.GotoAsync(site.Dashboard + "#/tasks?status=open");
        await Assertions.Expect(page.Locator("main[data-loaded=tasks]")).ToBeVisibleAsync();
        var box = page.Locator("input[data-select-task]").First;
        await box.FocusAsync();
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(page.GetByTestId("bulk-bar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync("1 selected");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("bulk-bar")).ToBeHiddenAsync();
    }
}
