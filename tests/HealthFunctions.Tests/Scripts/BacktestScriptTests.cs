using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Scripts;

/// <summary>
/// #17 item 6: <c>scripts/backtest.mjs --calibrate</c> (what backtest.sh runs) prints the activate command only for a
/// recommended proposal; for one that is not, it prints the concerns instead. Run against a stand-in app that answers
/// the calls the script makes with finished jobs.
/// </summary>
public sealed class BacktestScriptTests
{
    private const string Report = """
        {"modelVersion":"default-2026.11.2","leadTimes":[{"leadDays":60,"outcomes":2,"included":2,"excludedNoHistory":0,"excludedNoScore":0,
         "churned":1,"baseRate":0.5,"auc":0.6,"aucLow":0.4,"aucHigh":0.8,"redPrecision":0.5,"redFlagged":1,"redRecall":1,
         "topDecileLift":1,"topDecileSize":1,"tiers":[],"features":[]}]}
        """;

    private static string Calibration(bool recommended) => $$"""
        {"currentVersion":"default-2026.11.2","proposedVersion":"default-2026.11.2-cal-1","trainOutcomes":1,"testOutcomes":1,
         "current":{"auc":0.602,"topDecileLift":1.82},"proposed":{"auc":0.587,"topDecileLift":0.91},"recommended":{{(recommended ? "true" : "false")}},
         "concerns":[{{(recommended ? "" : """{"code":"flipped-metric","message":"It flips logins and nps against the direction default-2026.11.2 declares."}""")}}]}
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Calibrate_PrintsTheActivateCommand_OnlyForARecommendedProposal(bool recommended)
    {
        using var app = new StandIn(Calibration(recommended));
        var dir = Directory.CreateTempSubdirectory("hf-backtest-");
        try
        {
            var csv = Path.Combine(dir.FullName, "outcomes.csv");
            await File.WriteAllTextAsync(csv, "accountId,date,outcome\nacme,2026-11-01,churned\n");

            var (exit, stdout, stderr) = await RunAsync("scripts/backtest.mjs", csv, "--calibrate", "--lead", "60", "--url", app.Url, "--out", Path.Combine(dir.FullName, "r.html"));

            Assert.True(exit == 0, stderr);
            Assert.Equal(recommended, stdout.Contains("models/activate", StringComparison.Ordinal));
            Assert.Equal(!recommended, stdout.Contains("NOT RECOMMENDED: It flips logins and nps against the direction default-2026.11.2 declares.", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/env") { WorkingDirectory = RepositoryRoot.Find(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("node");
        psi.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Answers the script's calls on a free loopback port: jobs are finished when posted.</summary>
    private sealed class StandIn : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;

        public StandIn(string calibration)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _serving = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    var path = context.Request.Url!.AbsolutePath;
                    var body = path switch
                    {
                        "/api/outcomes" => """{"accepted":1}""",
                        "/api/backtest" => """{"id":"j1","url":"/api/jobs/j1","status":"succeeded","result":{"backtest":""" + Report + "}}",
                        "/api/models/calibrate" => """{"id":"j2","url":"/api/jobs/j2","status":"succeeded","result":{"backtest":""" + Report + ""","calibration":""" + calibration + "}}",
                        "/api/backtest/report" => "<html></html>",
                        _ => "{}",
                    };
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.ContentType = path.EndsWith("report", StringComparison.Ordinal) ? "text/html" : "application/json";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _serving.Wait(TimeSpan.FromSeconds(10));
        }
    }
}
