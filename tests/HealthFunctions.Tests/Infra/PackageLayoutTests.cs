using System.Reflection;
using System.Text.Json;
using HealthFunctions.Dispatch;
using Microsoft.Azure.Functions.Worker;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>The published package has the isolated-worker layout the Functions host expects at the app root.</summary>
[Trait("Category", "Slow")]
public sealed class PackageLayoutTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    [Fact]
    public void HostJson_IsAVersion2HostFile_WithoutCustomHandlerOrBundle()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Root, "host.json")));

        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        // .NET apps build their extensions in (.azurefunctions/); the host does not use extension bundles for them.
        Assert.False(host.RootElement.TryGetProperty("extensionBundle", out _));
    }

    [Fact]
    public void WorkerConfig_StartsTheAppAssemblyInThePackage()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Root, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.True(File.Exists(Path.Combine(package.Root, description.GetProperty("defaultWorkerPath").GetString()!)));
        Assert.True(Directory.Exists(Path.Combine(package.Root, ".azurefunctions")), "The package lacks the built-in extensions folder.");
    }

    [Fact]
    public void FunctionMetadata_ListsEveryDeclaredFunction_WithOneTrigger()
    {
        var declared = typeof(PlaybookDispatcher).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Root, "functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, functions.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(functions, f =>
            Assert.Single(f.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));
    }

    [Fact]
    public void Package_CarriesTheDashboard_EmbeddedInTheAppAssembly()
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("package-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        try
        {
            var app = context.LoadFromAssemblyPath(Path.Combine(package.Root, "HealthFunctions.dll"));
            var names = app.GetManifestResourceNames();

            Assert.Contains("dashboard/index.html", names);
            Assert.Contains("dashboard/js/main.js", names);
            Assert.Contains("dashboard/vendor/chart.umd.min.js", names);
            using var chart = app.GetManifestResourceStream("dashboard/vendor/chart.umd.min.js")!;
            Assert.True(chart.Length > 100_000, "Chart.js is embedded whole.");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Package_IsFrameworkDependentOnNet10_AndCarriesNoLocalSettings()
    {
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Root, "HealthFunctions.runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");

        Assert.Equal("net10.0", options.GetProperty("tfm").GetString());
        Assert.False(options.TryGetProperty("includedFrameworks", out _), "The package is self-contained; the dotnet-isolated runtime provides .NET.");
        Assert.Contains(options.GetProperty("frameworks").EnumerateArray(), f => f.GetProperty("name").GetString() == "Microsoft.AspNetCore.App");
        Assert.False(File.Exists(Path.Combine(package.Root, "local.settings.json")));
    }
}
