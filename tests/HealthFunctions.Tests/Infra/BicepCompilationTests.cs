using System.Text;
using System.Text.Json;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// Every template and parameter file in infra/ (found on disk, not listed here) compiles, lints and evaluates with the
/// Bicep CLI without a single diagnostic: infra/bicepconfig.json raises every linter rule to error, and these tests
/// also fail on any warning or info the CLI prints.
/// </summary>
public sealed class BicepCompilationTests
{
    [Fact]
    public void Discovery_FindsTheMainTemplate_ItsModules_AndParameterFiles()
    {
        Assert.Contains("main.bicep", InfraBuild.Templates);
        Assert.Contains(InfraBuild.Templates, t => t.StartsWith("modules/", StringComparison.Ordinal));
        Assert.NotEmpty(InfraBuild.ParameterFiles);
    }

    [Fact]
    public async Task Build_OfEveryTemplate_PrintsNoDiagnostics()
    {
        var build = await InfraBuild.GetAsync();

        Assert.True(build.Build.IsClean, build.Build.ToString());
    }

    [Theory]
    [MemberData(nameof(InfraBuild.TemplateData), MemberType = typeof(InfraBuild))]
    public async Task Build_WritesArmJson_ForTemplate(string template)
    {
        var build = await InfraBuild.GetAsync();

        Assert.True(build.HasCompiledTemplate(template), $"bicep build wrote nothing for {template}.\n{build.Build}");
        Assert.Equal(
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            build.CompiledTemplate(template).GetProperty("$schema").GetString());
    }

    [Fact]
    public async Task Lint_OfEveryTemplate_ReportsNothing()
    {
        var build = await InfraBuild.GetAsync();
        var runs = SarifRuns(build.Lint.StdOut);

        Assert.True(build.Lint.ExitCode == 0 && build.Lint.StdErr.Trim().Length == 0, build.Lint.ToString());
        // One SARIF log per linted file: every template was linted.
        Assert.Equal(InfraBuild.Templates.Count, runs.Count);
        Assert.All(runs, results => Assert.True(results.Count == 0, string.Join('\n', results)));
    }

    [Fact]
    public async Task BuildParams_OfEveryParameterFile_PrintsNoDiagnostics()
    {
        var build = await InfraBuild.GetAsync();

        Assert.True(build.BuildParams.IsClean, build.BuildParams.ToString());
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task BuildParams_WritesParameters_ForParameterFile(string parameterFile)
    {
        var build = await InfraBuild.GetAsync();

        var parameters = build.CompiledParameters(parameterFile);

        Assert.True(parameters.HasValue, $"bicep build-params wrote nothing for {parameterFile}.\n{build.BuildParams}");
        Assert.True(parameters.Value.GetProperty("parameters").TryGetProperty("environmentName", out _));
    }

    [Theory]
    [MemberData(nameof(InfraBuild.ParameterFileData), MemberType = typeof(InfraBuild))]
    public async Task Snapshot_OfParameterFile_EvaluatesWithoutDiagnostics(string parameterFile)
    {
        var build = await InfraBuild.GetAsync();
        var run = build.SnapshotRuns[parameterFile];

        Assert.True(run.IsClean, run.ToString());
        var snapshot = build.Snapshot(parameterFile);
        Assert.Empty(snapshot.Diagnostics);
        Assert.NotEmpty(snapshot.Resources);
    }

    [Fact]
    public async Task LinterConfig_TurnsAWarningIntoAnError()
    {
        var build = await InfraBuild.GetAsync();

        // An unused parameter is a warning by default; with infra/bicepconfig.json it must fail the lint.
        Assert.NotEqual(0, build.Canary.ExitCode);
        Assert.Contains("Error no-unused-params", build.Canary.StdOut + build.Canary.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void LinterConfig_SetsEveryRuleToError_ButTheDateAndNetworkDependentOnes()
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraBuild.InfraDirectory, "bicepconfig.json")), options);
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        var levels = core.GetProperty("rules").EnumerateObject()
            .ToDictionary(r => r.Name, r => r.Value.GetProperty("level").GetString());

        Assert.True(core.GetProperty("enabled").GetBoolean());
        Assert.True(levels.Count > 30, $"Only {levels.Count} rules are configured.");
        string[] off = ["use-recent-api-versions", "use-recent-module-versions"];
        Assert.All(levels, r => Assert.Equal(off.Contains(r.Key) ? "off" : "error", r.Value));
    }

    // `bicep lint --diagnostics-format sarif` over a pattern prints one SARIF log per file, back to back.
    private static List<List<string>> SarifRuns(string output)
    {
        var runs = new List<List<string>>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var log = JsonDocument.ParseValue(ref reader);
            foreach (var run in log.RootElement.GetProperty("runs").EnumerateArray())
            {
                runs.Add(run.GetProperty("results").EnumerateArray()
                    .Select(r => $"{r.GetProperty("ruleId").GetString()}: {r.GetProperty("message").GetProperty("text").GetString()}")
                    .ToList());
            }
        }

        return runs;
    }
}
