using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace HealthFunctions.TestSupport;

/// <summary>
/// Starts a private Azurite (Blob, Queue, Table) on free loopback ports, in memory (or, for fault tests, on disk in
/// a private folder so that a stop and <see cref="StartAsync"/> keep the data), and stops it when the tests are done. Azurite comes from the repository's node_modules (installed by `npm ci`, pinned in
/// package.json). Use it as a collection fixture so one instance serves one test collection.
/// </summary>
public class AzuriteFixture : IAsyncLifetime
{
    private readonly string? _location;

    /// <summary>An in-memory Azurite.</summary>
    public AzuriteFixture()
    {
    }

    /// <summary>An Azurite that keeps its data in <paramref name="location"/> (created if needed) across restarts.</summary>
    protected AzuriteFixture(string location) => _location = location;

    /// <summary>The well-known Azurite development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known Azurite development account key (public, documented by Microsoft).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private readonly List<string> _output = [];

    /// <summary>The on-disk folder, or null when in memory.</summary>
    public string? Location => _location;

    /// <summary>Port of the Blob service.</summary>
    public int BlobPort { get; private set; }

    /// <summary>Port of the Queue service.</summary>
    public int QueuePort { get; private set; }

    /// <summary>Port of the Table service.</summary>
    public int TablePort { get; private set; }

    /// <summary>Blob endpoint, path-style: http://127.0.0.1:port/devstoreaccount1.</summary>
    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");

    /// <summary>Queue endpoint, path-style.</summary>
    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    /// <summary>Table endpoint, path-style.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>A connection string with explicit endpoints for this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Starts Azurite and waits until all three services accept connections.</summary>
    public async Task InitializeAsync()
    {
        BlobPort = FreePort();
        QueuePort = FreePort();
        TablePort = FreePort();
        await StartAsync();
    }

    /// <summary>
    /// Stops Azurite gracefully (SIGTERM, so an on-disk instance flushes what it acknowledged, as a durable service
    /// would), leaving it down until <see cref="StartAsync"/> starts it again on the same ports and folder.
    /// </summary>
    public void StopGracefully()
    {
        // It exits once it has flushed, however long that takes on a busy machine: killing it then would lose data.
        if (_process is { HasExited: false } && OperatingSystem.IsLinux() && SendSignal(_process.Id, 15) == 0)
        {
            _process.WaitForExit();
        }

        if (_process is { HasExited: true })
        {
            _process.Dispose();
            _process = null;
            return;
        }

        Stop();
    }

    /// <summary>Starts Azurite on the ports already chosen and waits until all three services accept connections.</summary>
    public async Task StartAsync()
    {
        var root = RepositoryRoot.Find();
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {entry}. Run `npm ci` in {root} (scripts/test.sh does this).");
        }

        // In-memory persistence unless a location was given; the working folder only receives Azurite's debug log when asked for.
        var workspace = _location ?? Path.GetTempPath();
        Directory.CreateDirectory(workspace);

        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var arg in new[]
                 {
                     entry, _location is null ? "--inMemoryPersistence" : "--location", _location ?? "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Waits for the ports or for the process to end, however long a busy machine takes to start node.
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await CanConnectAsync(port))
            {
                if (_process.HasExited)
                {
                    string log;
                    lock (_output) log = string.Join(Environment.NewLine, _output);
                    throw new InvalidOperationException($"Azurite did not start on port {port}:{Environment.NewLine}{log}");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops Azurite and everything it started.</summary>
    public virtual Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>Kills the Azurite process (used by fault tests too).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
