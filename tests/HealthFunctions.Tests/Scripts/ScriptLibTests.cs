using System.Diagnostics;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Scripts;

/// <summary>
/// The helpers of scripts/lib.sh that run.sh relies on: the settings file never overrides a variable the caller set (as
/// with <c>func start</c>), and processes are stopped last-first, each waited for, so the app stops before Azurite.
/// </summary>
public sealed class ScriptLibTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Find();
    private readonly string _work = Directory.CreateTempSubdirectory("hf-script-lib-").FullName;

    [Fact]
    public void ExportSettings_KeepsAVariableTheCallerSet_AndExportsTheRest()
    {
        var settings = Path.Combine(_work, "settings.json");
        File.WriteAllText(settings, """{"Values":{"HealthFunctions__StoragePrefix":"hf","RescoreSchedule":"0 0 2 * * *","Odd":"a $HOME `x` \"q\"","Empty":""}}""");

        var output = Bash($$"""
            export HealthFunctions__StoragePrefix=mine
            export_settings '{{settings}}'
            printf '%s|%s|%s|%s\n' "$HealthFunctions__StoragePrefix" "$RescoreSchedule" "$Odd" "${Empty-unset}"
            """);

        Assert.Equal("mine|0 0 2 * * *|a $HOME `x` \"q\"|unset", output.Trim());
    }

    [Fact]
    public void StopInReverse_StopsTheLastFirst_AndWaitsForItBeforeTheNext()
    {
        var log = Path.Combine(_work, "order.log");
        // Each stand-in notes when it is asked to stop; "app" takes a moment to finish, and only then may "azurite" be asked.
        var output = Bash($$"""
            stand_in() { bash -c 'trap "echo $1 asked >> {{log}}; sleep 0.3; echo $1 stopped >> {{log}}; exit 0" TERM; echo $1 ready >> {{log}}; while :; do sleep 0.05; done' _ "$1" & }
            stand_in azurite; first=$!
            stand_in app; second=$!
            until [ "$(grep -c ready '{{log}}' 2>/dev/null)" = 2 ]; do sleep 0.05; done
            stop_in_reverse "$first" "$second"
            grep -v ready '{{log}}'
            """);

        Assert.Equal(["app asked", "app stopped", "azurite asked", "azurite stopped"], output.Trim().Split('\n'));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static string Bash(string script)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"set -euo pipefail\nsource scripts/lib.sh\n{script}");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
