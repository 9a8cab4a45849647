using System.Diagnostics;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Scripts;

/// <summary>
/// Every script answers -h/--help with its usage and does nothing else, and refuses an unknown option. The tools a
/// script could start (dotnet, node, npm, az, apt-get, Rscript, curl, zip) are stand-ins here that only note their
/// call, so a script that went on would show it, and nothing is built or installed. Fast: no build, no network.
/// </summary>
public sealed class ScriptOptionsTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string[] RunNodeScripts = ["scripts/alert-receiver.mjs", "scripts/backtest.mjs", "scripts/demo.mjs"];
    private static readonly string[] Tools = ["dotnet", "node", "npm", "npx", "az", "apt-get", "Rscript", "curl", "zip"];
    private readonly string _tools = Directory.CreateTempSubdirectory("hf-script-tools-").FullName;

    public ScriptOptionsTests()
    {
        foreach (var tool in Tools)
        {
            var path = Path.Combine(_tools, tool);
            File.WriteAllText(path, $"#!/bin/sh\necho {tool} >> \"{Path.Combine(_tools, "called")}\"\nexit 1\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    /// <summary>Every bash script: scripts/*.sh, scripts/bench/*.sh and .ci/run.</summary>
    public static TheoryData<string> ShellScripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "scripts"), "*.sh").Concat(Directory.GetFiles(Path.Combine(Root, "scripts", "bench"), "*.sh")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, file));
        }

        data.Add(".ci/run");
        return data;
    }

    /// <summary>The Node scripts a user runs (progress.mjs is a module they import).</summary>
    public static TheoryData<string> NodeScripts() => new(RunNodeScripts);


    [Fact]
    public void EveryNodeScript_IsCheckedHere_OrIsTheSharedModule()
    {
        var all = Directory.GetFiles(Path.Combine(Root, "scripts"), "*.mjs").Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal);

        Assert.Equal(RunNodeScripts.Append("scripts/progress.mjs").Order(StringComparer.Ordinal), all);
    }

    [Theory]
    [MemberData(nameof(ShellScripts))]
    public void ShellScript_Help_PrintsItsUsage_AndDoesNothingElse(string script)
    {
        foreach (var option in new[] { "-h", "--help" })
        {
            var run = Run("bash", script, option);

            Assert.True(run.ExitCode == 0, $"{script} {option}: exit {run.ExitCode}\n{run.Stderr}");
            Assert.True(run.Stdout.Length > 40, $"{script} {option} printed no usage: '{run.Stdout}'");
            // The usage as text, not the script's raw header: no comment marks, no shell lines.
            Assert.DoesNotContain(run.Stdout.Split('\n'), line => line.StartsWith('#'));
            Assert.DoesNotContain("set -euo", run.Stdout, StringComparison.Ordinal);
            Assert.Equal("", Called());
        }
    }

    [Theory]
    [MemberData(nameof(ShellScripts))]
    public void ShellScript_UnknownOption_IsRefused_BeforeAnythingRuns(string script)
    {
        var run = Run("bash", script, "--no-such-option");

        Assert.True(run.ExitCode == 2, $"{script}: exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("--no-such-option", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", Called());
    }

    [Theory]
    [InlineData("--calibrate", "--model", "v1", "--lead", "60", "--out", "report.html", "--url", "http://127.0.0.1:1")]
    [InlineData("--draft", "model.json", "--calibrate")]
    public void Backtest_TakesEveryOptionItsUsageNames_AndGoesOnToNode(params string[] options)
    {
        var run = Run("bash", ["scripts/backtest.sh", "outcomes.csv", .. options]);

        Assert.DoesNotContain("unknown option", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("node\n", Called()); // past the option check: it handed over to node (a stand-in here)
    }

    [Theory]
    [MemberData(nameof(NodeScripts))]
    public void NodeScript_HelpAndUnknownOption(string script)
    {
        var help = Run("/usr/bin/env", "node", script, "--help");
        var unknown = Run("/usr/bin/env", "node", script, "--no-such-option");

        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("usage:", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--no-such-option", unknown.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_tools, recursive: true);

    private string Called() => File.Exists(Path.Combine(_tools, "called")) ? File.ReadAllText(Path.Combine(_tools, "called")) : "";

    private (int ExitCode, string Stdout, string Stderr) Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        // The stand-ins first, so a script that went past its option check would call them, not the real tools; node
        // scripts are started by the real node (found before the stand-ins are put first).
        var realNode = program == "/usr/bin/env";
        psi.Environment["PATH"] = realNode ? Environment.GetEnvironmentVariable("PATH") : $"{_tools}:/usr/local/bin:/usr/bin:/bin";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
