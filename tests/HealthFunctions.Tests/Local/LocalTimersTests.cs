using HealthFunctions.Dispatch;
using HealthFunctions.Local;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace HealthFunctions.Tests.Local;

public sealed class LocalTimersTests
{
    private static LocalFunction Dispatch() =>
        FunctionCatalog.Load(typeof(PlaybookDispatcher).Assembly, "api").Timers.Single(f => f.Name == DispatchPlaybooksFunction.Name);

    private static IConfiguration Settings(string? schedule) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["DispatchSchedule"] = schedule })
        .Build();

    [Fact]
    public void Parse_SettingSchedule_ReadsSixFieldsWithSeconds()
    {
        var schedule = LocalTimers.Parse(Dispatch(), Settings("*/30 * * * * *"));
        var start = new DateTime(2026, 11, 2, 9, 0, 10, DateTimeKind.Utc);

        Assert.Equal(start.AddSeconds(20), schedule.GetNextOccurrence(start));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("every minute", "not a 6-field NCRONTAB")]
    [InlineData("0 * * * *", "not a 6-field NCRONTAB")]
    public void Parse_MissingOrBadSetting_NamesTheSettingAndTheFunction(string? value, string hint)
    {
        var e = Assert.Throws<InvalidOperationException>(() => LocalTimers.Parse(Dispatch(), Settings(value)));

        Assert.Contains("DispatchSchedule", e.Message, StringComparison.Ordinal);
        Assert.Contains(DispatchPlaybooksFunction.Name, e.Message, StringComparison.Ordinal);
        Assert.Contains(hint, e.Message, StringComparison.Ordinal);
    }
}
