using HealthFunctions.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

public sealed class HostingModeTests
{
    private static HostingMode From(string? mode, string? port) => HostingMode.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["HealthFunctions:Mode"] = mode, ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port })
        .Build());

    [Theory]
    [InlineData(null, null, true, null)]
    [InlineData(null, "7071", false, 7071)]
    [InlineData("", "5000", false, 5000)]
    [InlineData("Local", "5000", true, null)]
    [InlineData("local", null, true, null)]
    [InlineData("Host", null, false, null)]
    [InlineData("HOST", "6000", false, 6000)]
    public void Mode_FollowsTheSettingThenThePort(string? mode, string? port, bool local, int? hostPort)
    {
        Assert.Equal(new HostingMode(local, hostPort), From(mode, port));
    }

    [Fact]
    public void UnknownMode_NamesTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => From("Cloud", null));
        Assert.Contains("HealthFunctions:Mode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPort_NamesTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => From(null, "http"));
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT", e.Message, StringComparison.Ordinal);
    }
}
