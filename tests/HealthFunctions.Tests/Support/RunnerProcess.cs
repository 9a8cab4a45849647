using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HealthFunctions.TestSupport;

namespace HealthFunctions.Tests.Support;

/// <summary>
/// The local runner as a process of its own (<c>dotnet HealthFunctions.Local.dll</c> from the test output, as run.sh
/// starts it), on a free loopback port, for tests that must kill it (kill -9) mid-step.
/// </summary>
public sealed class RunnerProcess : IDisposable
{
    private readonly Process _process;

    private RunnerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the runner with storage prefix <paramref name="prefix"/> and <paramref name="more"/> arguments; returns once it answers healthz.</summary>
    public static async Task<RunnerProcess> StartAsync(AzuriteFixture azurite, string prefix, params string[] more)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HealthFunctions.Local.dll"));
        foreach (var a in KestrelRunner.Arguments(azurite, address.ToString().TrimEnd('/'), prefix, more))
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var runner = new RunnerProcess(process, address);
        await Until.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local runner exited with {process.ExitCode} before it answered.");
            }

            try
            {
                return (await runner.Http.GetAsync("/api/healthz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        return runner;
    }

    /// <summary>Kills the process at once (SIGKILL: no shutdown code runs) and waits until it is gone.</summary>
    public void KillNow()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillNow();
        }

        Http.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
