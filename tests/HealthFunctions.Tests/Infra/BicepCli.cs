using System.Diagnostics;
using System.Reflection;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// Runs the Bicep CLI that the test project restores from NuGet (PackageDownload Azure.Bicep.CommandLine.linux-x64,
/// version pinned in Directory.Packages.props). It runs offline; globalization-invariant mode makes it independent of
/// the machine's ICU library (its output is the same either way).
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> s_path = new(Locate);

    /// <summary>Full path of the bicep executable.</summary>
    public static string ExecutablePath => s_path.Value;

    /// <summary>The variable the parameter files read the app registration's client id from (deploy.sh requires it).</summary>
    public const string AuthClientIdVariable = "HF_AUTH_CLIENT_ID";

    /// <summary>A client id the snapshots are evaluated with.</summary>
    public const string TestAuthClientId = "3f6f2c1e-7a59-4c8e-9d4b-2a1b0c9d8e7f";

    /// <summary>Runs <c>bicep args...</c> in <paramref name="workingDirectory"/> and captures both output streams.</summary>
    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        // The parameter files read the Entra ID app registration from the environment, as deploy.sh passes it.
        psi.Environment[AuthClientIdVariable] = TestAuthClientId;

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(); // no time limit: a hung test is reported by the runner (scripts/test.sh --blame-hang-timeout)

        return new BicepRun(string.Join(' ', args), process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCli").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No Bicep CLI at '{path}': restore tests/HealthFunctions.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64).");
        }

        // NuGet does not always keep the executable bit of a file it extracts.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}

/// <summary>One finished CLI run.</summary>
internal sealed record BicepRun(string Arguments, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>True when the command succeeded and printed no diagnostic (nor anything else) on either stream.</summary>
    public bool IsClean => ExitCode == 0 && StdOut.Trim().Length == 0 && StdErr.Trim().Length == 0;

    public override string ToString() => $"bicep {Arguments} exited {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}
