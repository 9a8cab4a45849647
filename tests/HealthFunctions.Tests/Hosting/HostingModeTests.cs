using HealthFunctions.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

public sealed class HostingModeTests
{
    private static HostingMode Read(string? bus, bool localRunner) => HostingMode.Read(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["HealthFunctions:Bus"] = bus })
        .Build(), localRunner);

    [Theory]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData("", false, false)]
    [InlineData("Local", false, true)]
    [InlineData("local", false, true)]
    [InlineData("ServiceBus", true, false)]
    public void Read_BusSettingOrWhoHosts_DecidesTheBus(string? bus, bool localRunner, bool localBus)
    {
        var mode = Read(bus, localRunner);

        Assert.Equal(new HostingMode(localRunner, localBus), mode);
        Assert.Equal(localRunner ? "local" : "functions-host", mode.Name);
    }

    [Fact]
    public void Read_UnknownBus_NamesTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read("Kafka", localRunner: true));

        Assert.Contains("HealthFunctions:Bus", e.Message, StringComparison.Ordinal);
    }
}
