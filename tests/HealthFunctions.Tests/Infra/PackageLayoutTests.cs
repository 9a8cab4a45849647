using System.Text.Json;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Infra;

/// <summary>The published package has the custom-handler layout the Functions host expects at the app root.</summary>
[Trait("Category", "Slow")]
public sealed class PackageLayoutTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    [Fact]
    public void HostJson_NamesAnExecutableThatIsInThePackage()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Root, "host.json")));
        var description = host.RootElement.GetProperty("customHandler").GetProperty("description");
        var working = description.TryGetProperty("workingDirectory", out var w) ? w.GetString() ?? "" : "";
        var executable = Path.Combine(package.Root, working, description.GetProperty("defaultExecutablePath").GetString()!);

        Assert.True(File.Exists(executable), $"host.json names {executable}, which the package lacks.");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable.");
        }

        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host.RootElement.GetProperty("extensionBundle").GetProperty("id").GetString());
    }

    [Fact]
    public void EveryFunctionFolder_IsInThePackage_WithBindingsThatParse()
    {
        var functions = AppSettingsTests.FunctionJsonFiles().Select(f => Path.GetFileName(Path.GetDirectoryName(f))!).ToList();

        Assert.NotEmpty(functions);
        Assert.All(functions, name =>
        {
            var path = Path.Combine(package.Root, name, "function.json");
            Assert.True(File.Exists(path), $"The package lacks {name}/function.json.");
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var bindings = doc.RootElement.GetProperty("bindings").EnumerateArray().ToList();
            Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            Assert.All(bindings, b =>
            {
                Assert.False(string.IsNullOrWhiteSpace(b.GetProperty("name").GetString()));
                Assert.Contains(b.GetProperty("direction").GetString(), new[] { "in", "out", "inout" });
            });
        });
    }

    [Fact]
    public void Package_IsSelfContainedForLinux_AndCarriesNoLocalSettings()
    {
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.Root, "HealthFunctions.runtimeconfig.json")));

        Assert.True(runtimeConfig.RootElement.GetProperty("runtimeOptions").TryGetProperty("includedFrameworks", out _),
            "The package is framework-dependent; Flex Consumption's custom runtime provides no .NET.");
        Assert.True(File.Exists(Path.Combine(package.Root, "libcoreclr.so")), "The package holds no linux runtime.");
        Assert.False(File.Exists(Path.Combine(package.Root, "local.settings.json")));
    }
}
