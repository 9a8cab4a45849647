using System.Text;
using HealthFunctions.Hosting;
using Xunit;

namespace HealthFunctions.Tests.Hosting;

public sealed class InvocationPayloadTests
{
    private static InvocationPayload Parse(string json) => InvocationPayload.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void GetBinary_Base64Body_AsDataTypeBinarySendsIt_Decodes()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"hello":"world"}"""));
        using var payload = Parse($$$"""{"Data":{"msg":"{{{body}}}"},"Metadata":{}}""");

        Assert.Equal("""{"hello":"world"}""", Encoding.UTF8.GetString(payload.GetBinary("msg")!));
    }

    [Fact]
    public void GetBinary_DoublyQuotedBase64_IsUnquotedFirst()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("abc"));
        using var payload = Parse($$$"""{"Data":{"msg":"\"{{{body}}}\""}}""");

        Assert.Equal("abc", Encoding.UTF8.GetString(payload.GetBinary("msg")!));
    }

    [Theory]
    [InlineData("""{"Metadata":{"MessageId":"\"m-1\"","DeliveryCount":"3"}}""")]
    [InlineData("""{"Metadata":{"MessageId":"m-1","DeliveryCount":3}}""")]
    [InlineData("""{"metadata":{"messageId":"m-1","deliveryCount":"\"3\""}}""")]
    public void Metadata_QuotedOrPlain_ReadsTheSame(string json)
    {
        using var payload = Parse(json);

        Assert.Equal("m-1", payload.GetMetadataString("MessageId"));
        Assert.Equal(3, payload.GetMetadataInt64("DeliveryCount"));
    }

    [Theory]
    [InlineData("""{"Metadata":{"ApplicationProperties":{"kind":"tier-drop","n":2}}}""")]
    [InlineData("""{"Metadata":{"ApplicationProperties":"{\"kind\":\"tier-drop\",\"n\":2}"}}""")]
    public void GetMetadataMap_ObjectOrJsonString_ReadsTheSame(string json)
    {
        using var payload = Parse(json);
        var map = payload.GetMetadataMap("ApplicationProperties");

        Assert.Equal("tier-drop", map["kind"]);
        Assert.Equal("2", map["n"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Parse_NotAnObject_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => Parse(json));
}
