// The dashboard's portfolio load, measured two ways, each printing one JSON line (scripts/bench/dashboard.sh combines them):
//
//   page  <baseUrl> <rounds>          headless Debian Chromium (Playwright), each round in a fresh browser context (nothing
//                                     cached): the page's own time from the start of the navigation to the portfolio drawn
//                                     (numbers, both charts, renewals, movers; performance.now() when main.js marks it), and
//                                     the driver's wall time for the same (adds Playwright's round trips); also
//                                     GET /api/portfolio and the first page of GET /api/accounts timed alone from .NET
//   floor <cs> <prefix> <rounds>      the least any portfolio view must do: read every account row's list columns once
//                                     (one query, pages of 1,000) with the app's client, Azure.Data.Tables
//   tasks <baseUrl> <rounds>          the tasks board (#/tasks: the first page of open tasks, their counts and accounts)
//                                     drawn, as "page" measures the portfolio; GET /api/tasks (page 1) and a filtered one alone
//   tasks-floor <cs> <prefix> <rounds> the least a board filtering every task on the server must do: read every task row
//                                     once (the rows the board reads) with Azure.Data.Tables
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Playwright;

var culture = CultureInfo.InvariantCulture;
if (args.Length == 3 && args[0] == "page")
{
    Console.WriteLine(await PageAsync(new Uri(args[1]), int.Parse(args[2], culture)));
    return 0;
}

if (args.Length == 4 && args[0] == "floor")
{
    Console.WriteLine(await FloorAsync(args[1], args[2], int.Parse(args[3], culture)));
    return 0;
}

if (args.Length == 3 && args[0] == "tasks")
{
    Console.WriteLine(await TasksAsync(new Uri(args[1]), int.Parse(args[2], culture)));
    return 0;
}

if (args.Length == 4 && args[0] == "tasks-floor")
{
    Console.WriteLine(await TasksFloorAsync(args[1], args[2], int.Parse(args[3], culture)));
    return 0;
}

Console.Error.WriteLine("usage: DashboardBench page <baseUrl> <rounds> | floor <connectionString> <prefix> <rounds> | tasks <baseUrl> <rounds> | tasks-floor <connectionString> <prefix> <rounds>");
return 2;

static async Task<string> PageAsync(Uri baseUrl, int rounds)
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await LaunchAsync(playwright);
    var times = new List<double>();
    var walls = new List<double>();
    var first = double.NaN;
    var accounts = "";
    for (var i = 0; i < rounds + 1; i++)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(new Uri(baseUrl, "/api/dashboard/").ToString());
        await page.Locator("main[data-loaded=portfolio]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        watch.Stop();
        accounts = await page.GetByTestId("kpi-accounts").Locator(".value").TextContentAsync() ?? "";
        if (Environment.GetEnvironmentVariable("DASHBOARD_BENCH_TRACE") == "1")
        {
            Console.Error.WriteLine(await page.EvaluateAsync<string>("() => JSON.stringify(performance.getEntries().map(e => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.duration)]))"));
        }
        var drawn = double.Parse(await page.Locator("main").GetAttributeAsync("data-drawn-ms") ?? "NaN", CultureInfo.InvariantCulture);
        if (i == 0)
        {
            first = drawn;
        }
        else
        {
            times.Add(drawn); // round 0 warms the app (JIT, first query)
            walls.Add(watch.Elapsed.TotalMilliseconds);
        }
    }

    using var http = new HttpClient { BaseAddress = baseUrl };
    var portfolio = await TimeAsync(rounds, () => http.GetStringAsync("/api/portfolio"));
    var list = await TimeAsync(rounds, () => http.GetStringAsync("/api/accounts?page=1&pageSize=50"));
    return string.Create(CultureInfo.InvariantCulture,
        $"{{\"page_ms\":{Median(times):F0},\"page_ms_max\":{times.Max():F0},\"driver_ms\":{Median(walls):F0},\"first_page_ms\":{first:F0},\"portfolio_api_ms\":{portfolio:F0},\"accounts_api_ms\":{list:F0},\"rounds\":{rounds},\"accounts_shown\":\"{accounts}\"}}");
}

static async Task<string> FloorAsync(string connectionString, string prefix, int rounds)
{
    var table = new TableClient(connectionString, prefix + "accounts");
    string[] columns = ["RowKey", "AccountId", "Name", "Segment", "LifecycleStage", "Owner", "Arr", "RenewalDate", "Score", "Tier", "PrevScore", "PrevTier", "Coverage", "ScoredDay", "Pulse", "Override"];
    var rows = 0;
    var ms = await TimeAsync(rounds, async () =>
    {
        rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>("RowKey ge 'a|' and RowKey lt 'a}'", 1000, columns))
        {
            rows++;
        }
    });
    return string.Create(CultureInfo.InvariantCulture, $"{{\"floor_ms\":{ms:F0},\"rows\":{rows},\"rounds\":{rounds}}}");
}

static async Task<string> TasksAsync(Uri baseUrl, int rounds)
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await LaunchAsync(playwright);
    var times = new List<double>();
    var shown = "";
    for (var i = 0; i < rounds + 1; i++)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseUrl, "/api/dashboard/#/tasks").ToString());
        await page.Locator("main[data-loaded=tasks]").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        shown = await page.GetByTestId("tab-open").TextContentAsync() ?? "";
        var drawn = double.Parse(await page.Locator("main").GetAttributeAsync("data-drawn-ms") ?? "NaN", CultureInfo.InvariantCulture);
        if (i > 0)
        {
            times.Add(drawn); // round 0 warms the app and fills its few-seconds cache
        }
    }

    using var http = new HttpClient { BaseAddress = baseUrl };
    var firstPage = await TimeAsync(rounds, () => http.GetStringAsync("/api/tasks?status=open&pageSize=25"));
    var filtered = await TimeAsync(rounds, () => http.GetStringAsync("/api/tasks?owner=dana&due=overdue&tier=Red,Yellow&sort=arr&pageSize=25"));
    return string.Create(CultureInfo.InvariantCulture,
        $"{{\"page_ms\":{Median(times):F0},\"page_ms_max\":{times.Max():F0},\"api_ms\":{firstPage:F0},\"filtered_api_ms\":{filtered:F0},\"rounds\":{rounds},\"open_tab\":\"{shown}\"}}");
}

static async Task<string> TasksFloorAsync(string connectionString, string prefix, int rounds)
{
    var table = new TableClient(connectionString, prefix + "tasks");
    var rows = 0;
    var ms = await TimeAsync(rounds, async () =>
    {
        rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>((string?)null, 1000))
        {
            rows++;
        }
    });
    return string.Create(CultureInfo.InvariantCulture, $"{{\"floor_ms\":{ms:F0},\"rows\":{rows},\"rounds\":{rounds}}}");
}

// Debian's Chromium, headless, as the browser tests start it (nothing that calls out of the machine).
static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

// The median of rounds after one warm-up call.
static async Task<double> TimeAsync(int rounds, Func<Task> work)
{
    await work();
    var times = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var watch = Stopwatch.StartNew();
        await work();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    return Median(times);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
