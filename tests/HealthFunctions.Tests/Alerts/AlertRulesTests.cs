using HealthFunctions.Alerts;
using HealthScoring;
using Xunit;

namespace HealthFunctions.Tests.Alerts;

/// <summary>Which changes alert for which accounts, and the messages' limits: pure, no storage.</summary>
public sealed class AlertRulesTests
{
    [Theory]
    [InlineData("tier-drop", false, HealthTier.Red, "Enterprise", 300_000.0, "tier-drop")]
    [InlineData("tier-drop", true, HealthTier.Red, "Enterprise", 300_000.0, "tier-drop,new-task")]
    [InlineData("sharp-decline", false, HealthTier.Red, "Enterprise", 300_000.0, "sharp-decline")]
    [InlineData("tier-rise", true, HealthTier.Red, "Enterprise", 300_000.0, "new-task")]
    [InlineData("tier-rise", false, HealthTier.Red, "Enterprise", 300_000.0, "")]
    [InlineData("tier-drop", false, HealthTier.Yellow, "Enterprise", 300_000.0, "")] // not a routed tier
    [InlineData("tier-drop", false, HealthTier.Red, "SMB", 300_000.0, "")] // not a routed segment
    [InlineData("tier-drop", false, HealthTier.Red, "enterprise", 99_999.0, "")] // below the ARR threshold
    public void Match_RoutesByTierSegmentAndArr_AndNamesTheTriggersMet(string kind, bool opensTask, HealthTier tier, string segment, double arr, string expected)
    {
        var rules = AlertRules.From(new AlertOptions { Tiers = "Red", Segments = "Enterprise, MidMarket", MinArr = 100_000 });

        Assert.Equal(expected, string.Join(',', rules.Match(kind, opensTask, tier, segment, arr)));
    }

    [Fact]
    public void From_RefusesUnknownTriggersAndTiers_NamingTheSetting()
    {
        Assert.Contains("Triggers", AlertRules.Problem(new AlertOptions { Triggers = "tier-drop,churn" }), StringComparison.Ordinal);
        Assert.Contains("Tiers", AlertRules.Problem(new AlertOptions { Tiers = "Blue" }), StringComparison.Ordinal);
        Assert.Null(AlertRules.Problem(new AlertOptions { Triggers = "new-task", Tiers = "red,yellow" }));
        Assert.Equal(["new-task"], AlertRules.From(new AlertOptions { Triggers = "New-Task" }).Match("tier-drop", true, HealthTier.Red, null, null));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T0/B0/x", true)]
    [InlineData("http://127.0.0.1:9000/slack", true)]
    [InlineData("http://hooks.slack.com/services/T0/B0/x", false)] // not https
    [InlineData("kP3x9dGq0LmZ2wYbV7rT1uNcE4fH6jA8", false)] // the random placeholder a deployment seeds
    [InlineData("", false)]
    public void Destination_IsOnlyAnHttpsUrl_OrALoopbackOne(string url, bool usable) => Assert.Equal(usable, AlertDestination.Usable(url) is not null);

    [Fact]
    public void Slack_CutsALongHeaderToItsLimit_AndEscapesMarkup()
    {
        var alert = new Alert("sc-1", "a1", new string('x', 200) + " <!channel>", "tier-drop", ["tier-drop"], new DateOnly(2026, 11, 2), HealthTier.Green,
            HealthTier.Red, 90, 40, -50, "SMB", 1000, null, "dana & co", null, ["Logins: -10.0 points"], [], "v1", null);

        var message = SlackMessage.For(alert);

        Assert.Empty(VendorShapes.SlackProblems(message));
        Assert.Equal(SlackMessage.MaxHeader, message["blocks"]![0]!["text"]!["text"]!.GetValue<string>().Length);
        var text = VendorShapes.AllText(message);
        Assert.DoesNotContain("<!channel>", text.Replace(message["blocks"]![0]!["text"]!["text"]!.GetValue<string>(), "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("dana &amp; co", text, StringComparison.Ordinal);
        Assert.Empty(VendorShapes.TeamsProblems(TeamsMessage.For(alert)));
    }
}
