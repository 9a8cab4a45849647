using System.Text.Json;
using HealthScoring.Calibration;

namespace HealthScoring.Tests;

/// <summary>Enums are read from input by their exact names only: no numbers, no padding, no flag lists.</summary>
public sealed class EnumTextTests
{
    private sealed record Holder(HealthTier Tier, TransitionKind Kind);

    [Theory]
    [InlineData("churned", OutcomeKind.Churned)]
    [InlineData("EXPANDED", OutcomeKind.Expanded)]
    public void TryParse_ExactNameInAnyCase_Reads(string text, OutcomeKind expected)
    {
        Assert.True(EnumText.TryParse<OutcomeKind>(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("contracted, churned")]
    [InlineData("churned,renewed")]
    [InlineData(" churned")]
    [InlineData("churned ")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AnythingElse_IsRefused(string? text) => Assert.False(EnumText.TryParse<OutcomeKind>(text, out _));

    [Fact]
    public void JsonConverter_WritesNames_AndReadsThemBack()
    {
        var json = JsonSerializer.Serialize(new Holder(HealthTier.Yellow, TransitionKind.TierDrop));

        Assert.Equal("""{"Tier":"Yellow","Kind":"tier-drop"}""", json);
        Assert.Equal(new Holder(HealthTier.Yellow, TransitionKind.TierDrop), JsonSerializer.Deserialize<Holder>(json));
        Assert.Equal(HealthTier.Green, JsonSerializer.Deserialize<Holder>("""{"Tier":"green","Kind":"none"}""")!.Tier);
    }

    [Theory]
    [InlineData("""{"Tier":"Red, Green","Kind":"none"}""")]
    [InlineData("""{"Tier":"1","Kind":"none"}""")]
    [InlineData("""{"Tier":1,"Kind":"none"}""")]
    [InlineData("""{"Tier":"Red","Kind":"tier-drop, recovered"}""")]
    [InlineData("""{"Tier":"Red","Kind":"TierDrop"}""")]
    public void JsonConverter_RefusesNumbersAndFlagLists(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>(json));
}
