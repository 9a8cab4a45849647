using System.Text.Json;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>
/// Compiles, lints and evaluates everything in infra/ once per test run, with the files found on disk (every
/// <c>*.bicep</c> and <c>*.bicepparam</c>, in any folder), and shares the results between the test classes:
/// <list type="bullet">
/// <item><c>bicep lint</c> and <c>bicep build</c> of every template, <c>bicep build-params</c> of every parameter file
/// (one process each, over the whole folder);</item>
/// <item><c>bicep snapshot</c> of every parameter file: the resources a deployment with those parameters would create,
/// with every value that depends only on parameters evaluated (run on a copy, since it writes next to the file);</item>
/// <item>a canary: a template with an unused parameter, linted with infra/bicepconfig.json, which must fail, so a
/// clean lint above means "no warnings", not "warnings ignored".</item>
/// </list>
/// </summary>
internal sealed class InfraBuild
{
    /// <summary>Deployment context the snapshots are evaluated in (fixed, so resource ids are stable).</summary>
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";

    public const string ResourceGroup = "rg-snapshot";

    private static readonly Lazy<Task<InfraBuild>> s_instance = new(RunAsync);

    private InfraBuild(string workRoot)
    {
        WorkRoot = workRoot;
    }

    /// <summary>The repository's infra folder.</summary>
    public static string InfraDirectory { get; } = Path.Combine(RepositoryRoot.Find(), "infra");

    /// <summary>Every template under infra/, as a path relative to it with '/' separators.</summary>
    public static IReadOnlyList<string> Templates { get; } = Discover("*.bicep");

    /// <summary>Every parameter file under infra/, relative like <see cref="Templates"/>.</summary>
    public static IReadOnlyList<string> ParameterFiles { get; } = Discover("*.bicepparam");

    public string WorkRoot { get; }

    public BicepRun Lint { get; private set; } = null!;

    public BicepRun Build { get; private set; } = null!;

    public BicepRun BuildParams { get; private set; } = null!;

    public BicepRun Canary { get; private set; } = null!;

    public IReadOnlyDictionary<string, BicepRun> SnapshotRuns { get; private set; } = null!;

    private string BuildDirectory => Path.Combine(WorkRoot, "build");

    private string ParamsDirectory => Path.Combine(WorkRoot, "params");

    private string SnapshotSource => Path.Combine(WorkRoot, "snapshot");

    public static Task<InfraBuild> GetAsync() => s_instance.Value;

    public static TheoryData<string> TemplateData() => new(Templates);

    public static TheoryData<string> ParameterFileData() => new(ParameterFiles);

    /// <summary>The ARM JSON <c>bicep build</c> wrote for a template.</summary>
    public JsonElement CompiledTemplate(string template) =>
        ReadJson(Path.Combine(BuildDirectory, Path.ChangeExtension(template, ".json")), Build);

    /// <summary>True when <c>bicep build</c> wrote a JSON file for the template.</summary>
    public bool HasCompiledTemplate(string template) => File.Exists(Path.Combine(BuildDirectory, Path.ChangeExtension(template, ".json")));

    /// <summary>The parameters JSON <c>bicep build-params</c> wrote for a parameter file.</summary>
    public JsonElement? CompiledParameters(string parameterFile)
    {
        var path = Path.Combine(ParamsDirectory, Path.ChangeExtension(parameterFile, ".json"));
        return File.Exists(path) ? ReadJson(path, BuildParams) : null;
    }

    /// <summary>The evaluated deployment for a parameter file.</summary>
    public DeploymentSnapshot Snapshot(string parameterFile) =>
        new(ReadJson(Path.Combine(SnapshotSource, parameterFile[..^".bicepparam".Length] + ".snapshot.json"), SnapshotRuns[parameterFile]));

    private static async Task<InfraBuild> RunAsync()
    {
        var root = Directory.CreateTempSubdirectory("hf-bicep-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        var build = new InfraBuild(root);

        CopyDirectory(InfraDirectory, build.SnapshotSource);
        var canaryDirectory = Directory.CreateDirectory(Path.Combine(root, "canary")).FullName;
        File.Copy(Path.Combine(InfraDirectory, "bicepconfig.json"), Path.Combine(canaryDirectory, "bicepconfig.json"));
        await File.WriteAllTextAsync(Path.Combine(canaryDirectory, "canary.bicep"), "param unusedOnPurpose string\n");

        // At most one CLI per core: the machine is shared.
        using var gate = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount));
        async Task<BicepRun> Run(string directory, params string[] args)
        {
            await gate.WaitAsync();
            try
            {
                return await BicepCli.RunAsync(directory, args);
            }
            finally
            {
                gate.Release();
            }
        }

        var lint = Run(InfraDirectory, "lint", "--pattern", "**/*.bicep", "--diagnostics-format", "sarif");
        var compile = Run(InfraDirectory, "build", "--pattern", "**/*.bicep", "--outdir", build.BuildDirectory);
        var parameters = Run(InfraDirectory, "build-params", "--pattern", "**/*.bicepparam", "--outdir", build.ParamsDirectory);
        var canary = Run(canaryDirectory, "lint", "canary.bicep");
        var snapshots = ParameterFiles.ToDictionary(f => f, f => Run(
            build.SnapshotSource, "snapshot", f, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", "swedencentral",
            "--tenant-id", "00000000-0000-0000-0000-000000000002", "--deployment-name", "snapshot"));

        await Task.WhenAll([lint, compile, parameters, canary, .. snapshots.Values]);
        build.Lint = await lint;
        build.Build = await compile;
        build.BuildParams = await parameters;
        build.Canary = await canary;
        build.SnapshotRuns = snapshots.ToDictionary(s => s.Key, s => s.Value.Result);
        return build;
    }

    private static IReadOnlyList<string> Discover(string pattern) =>
        Directory.EnumerateFiles(InfraDirectory, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(InfraDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    // A missing output means the command failed: say so with its diagnostics rather than "file not found".
    private static JsonElement ReadJson(string path, BicepRun producer)
    {
        Assert.True(File.Exists(path), $"No {Path.GetFileName(path)}: {producer}");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
