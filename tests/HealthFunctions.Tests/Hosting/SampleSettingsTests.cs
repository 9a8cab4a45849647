using System.Reflection;
using System.Text.Json;
using HealthFunctions.Settings;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

public sealed class SampleSettingsTests
{
    private static HashSet<string> SampleKeys()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.sample.json")));
        return doc.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void SampleSettings_ListEverySettingTheAppReads()
    {
        var keys = SampleKeys();
        var names = typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((string)f.GetValue(null)!).Replace(":", "__", StringComparison.Ordinal));

        var missing = names.Where(n => !keys.Contains(n) && !keys.Any(k => k.StartsWith(n + "__", StringComparison.Ordinal))).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void SampleSettings_HoldNoSecrets()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.sample.json"));
        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey=", text, StringComparison.OrdinalIgnoreCase);
    }
}
