using System.Text;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;
using Xunit;

namespace HealthFunctions.Tests.Ingestion;

public sealed class SignalParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Signal> Parse(string json) => SignalParser.Parse(Encoding.UTF8.GetBytes(json), Now);

    private static RequestValidationException Invalid(string json) => Assert.Throws<RequestValidationException>(() => Parse(json));

    [Theory]
    [InlineData("""{"accountId":"a","metric":"logins","value":3}""")]
    [InlineData("""[{"accountId":"a","metric":"logins","value":3}]""")]
    [InlineData("""{"signals":[{"accountId":"a","metric":"logins","value":3}]}""")]
    public void Parse_AcceptsOneArrayOrWrapped(string json)
    {
        var signal = Assert.Single(Parse(json));
        Assert.Equal(("a", "logins", 3.0, Now), (signal.AccountId, signal.Metric, signal.Value, signal.Timestamp));
        Assert.Null(signal.EventId);
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("-1e308")]
    [InlineData("1.0000000001e15")]
    [InlineData("-2e15")]
    public void Parse_ValueBeyondTheDocumentedMagnitude_IsRefusedNamingTheValue(string value)
    {
        var e = Invalid($$"""{"signals":[{"accountId":"a","metric":"m","value":1},{"accountId":"a","metric":"m","value":{{value}}}]}""");

        var error = Assert.Single(e.Errors);
        Assert.Equal("signals[1].value", error.Field);
        Assert.Contains("1e15", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e15", 1e15)]
    [InlineData("-1e15", -1e15)]
    [InlineData("123456789012345", 123456789012345d)]
    public void Parse_ValueUpToTheMagnitude_IsAccepted(string value, double expected) =>
        Assert.Equal(expected, Assert.Single(Parse($$"""{"accountId":"a","metric":"m","value":{{value}}}""")).Value);

    [Fact]
    public void Parse_BatchWithInvalidItems_ListsEveryInvalidItemByIndex()
    {
        var e = Invalid("""
            {"signals":[
              {"accountId":"a","metric":"logins","value":1},
              {"accountId":"a/b","metric":"logins","value":1},
              {"accountId":"a","metric":"bad metric","value":"x"},
              {"accountId":"a","metric":"nps","value":1,"timestamp":"1999-12-31T00:00:00Z"}
            ]}
            """);

        Assert.Equal(
            ["signals[1].accountId", "signals[2].metric", "signals[2].value", "signals[3].timestamp"],
            e.Errors.Select(x => x.Field));
    }

    [Theory]
    [InlineData("""{"accountId":"a","metric":"m","value":1,"timestamp":"2026-11-25T12:00:01Z"}""", "timestamp", "future")]
    [InlineData("""{"accountId":"a","metric":"m","value":1,"timestamp":"2026-01-01T00:00:00Z"}""", "timestamp", "retention")]
    [InlineData("""{"accountId":"a","metric":"m","value":1,"timestamp":"yesterday"}""", "timestamp", "ISO 8601")]
    [InlineData("""{"accountId":"","metric":"m","value":1}""", "accountId", "empty")]
    [InlineData("""{"accountId":"a#b","metric":"m","value":1}""", "accountId", "'#'")]
    [InlineData("""{"metric":"m","value":1}""", "accountId", "required")]
    [InlineData("""{"accountId":"a","metric":"m"}""", "value", "required")]
    [InlineData("""{"accountId":"a","metric":"m","value":1e400}""", "value", "finite")]
    [InlineData("""{"accountId":"a","metric":"m","value":1,"eventId":""}""", "eventId", "1-256")]
    [InlineData("""{"accountId":7,"metric":"m","value":1}""", "accountId", "string")]
    public void Parse_InvalidField_NamesTheFieldAndTheRule(string json, string field, string words)
    {
        var error = Assert.Single(Invalid(json).Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"accountId\":", "not valid JSON")]
    [InlineData("[]", "no signals")]
    [InlineData("42", "must be a signal object")]
    public void Parse_UnusableBody_SaysWhy(string json, string words) =>
        Assert.Contains(words, Assert.Single(Invalid(json).Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_DeeplyNestedJson_IsA400NotACrash()
    {
        var json = "{\"accountId\":\"a\",\"metric\":\"m\",\"value\":1,\"x\":" + new string('[', 100) + new string(']', 100) + "}";
        Assert.Equal("$", Assert.Single(Invalid(json).Errors).Field);
    }

    [Fact]
    public void Parse_TimestampWithoutEventId_DerivesAStableEventId()
    {
        const string json = """{"accountId":"a","metric":"m","value":2.5,"timestamp":"2026-11-20T08:00:00+01:00"}""";
        var first = Assert.Single(Parse(json));
        var again = Assert.Single(Parse(json));

        Assert.NotNull(first.EventId);
        Assert.Equal(first.EventId, again.EventId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.Zero), first.Timestamp);
    }

    [Fact]
    public void Parse_TooManySignals_IsRejected() =>
        Assert.Contains("at most", Assert.Single(Invalid("[" + string.Join(',', Enumerable.Repeat("""{"accountId":"a","metric":"m","value":1}""", 1001)) + "]").Errors).Message, StringComparison.Ordinal);
}
