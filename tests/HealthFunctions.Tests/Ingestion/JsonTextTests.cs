using System.Text;
using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Ingestion;
using Xunit;

namespace HealthFunctions.Tests.Ingestion;

public sealed class JsonTextTests
{
    private static ReadOnlyMemory<byte> Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Theory]
    [InlineData("""{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"\\ud800"}""")]
    [InlineData("""{"a":"\\\ud83d\ude00 \u0041 \"\\u"}""")]
    [InlineData("""{"a":"😀","b":["\uD83D\uDE00"]}""")]
    public void Parse_PairedOrNoSurrogates_ReadsEveryString(string json)
    {
        using var document = JsonText.Parse(Utf8(json), default);

        Assert.NotNull(document.RootElement.GetProperty("a").GetString());
    }

    [Theory]
    [InlineData("""{"a":"x\ud800"}""", "a")]
    [InlineData("""{"a":"\udc00x"}""", "a")]
    [InlineData("""{"a":"\ude00\ud83d"}""", "a")]
    [InlineData("""{"a":"\ud83d\ud83d\ude00"}""", "a")]
    [InlineData("""{"a":"\ud83dx\ude00"}""", "a")]
    [InlineData("""{"signals":[{"x":1},{"accountId":"\uD800"}]}""", "signals[1].accountId")]
    [InlineData("""[1,{"b":{"c":["ok","\ud800"]}}]""", "[1].b.c[1]")]
    [InlineData("""{"o":{"k\ud800":1}}""", "o.k\ufffd")]
    [InlineData(""""\ud800"""", "$")]
    public void Parse_UnpairedSurrogate_Is400NamingThePath(string json, string path)
    {
        var e = Assert.Throws<RequestValidationException>(() => JsonText.Parse(Utf8(json), default));

        Assert.Equal(path, Assert.Single(e.Errors).Field);
    }

    [Fact]
    public void ParseRepairing_ReplacesEachUnpairedEscape_AndKeepsPairs()
    {
        using var document = JsonText.ParseRepairing(Utf8("""{"a":"x\ud800y\ud83d\ude00\udc00","n\ud800":{"b":"\ud83d"}}"""), default, out var repaired);

        Assert.Equal("x\ufffdy\U0001F600\ufffd", document.RootElement.GetProperty("a").GetString());
        Assert.Equal("\ufffd", document.RootElement.GetProperty("n\ufffd").GetProperty("b").GetString());
        Assert.Equal(["a", "n\ufffd", "n\ufffd.b"], repaired);
    }

    [Theory]
    [InlineData("", "the body is empty")]
    [InlineData("{\"a\":", "not valid JSON")]
    public void Parse_EmptyOrMalformed_Is400AtTheRoot(string json, string message)
    {
        var e = Assert.Throws<RequestValidationException>(() => JsonText.Parse(Utf8(json), default));

        Assert.Contains(message, Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_Is400()
    {
        var e = Assert.Throws<RequestValidationException>(() => JsonText.Parse(new byte[] { (byte)'"', 0xC3, (byte)'"' }, default));

        Assert.Contains("UTF-8", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooDeep_Is400()
    {
        Assert.Throws<RequestValidationException>(() => JsonText.Parse(Utf8(new string('[', 20) + new string(']', 20)), new JsonDocumentOptions { MaxDepth = 16 }));
    }
}
