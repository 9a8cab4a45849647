using System.Text.Json;
using HealthFunctions.Errors;
using HealthFunctions.Webhooks;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

public sealed class WebhookMappingTests
{
    [Fact]
    public void Default_CoversEverySource()
    {
        Assert.Equal(WebhookSource.All.Keys.Order(), WebhookMappingLoader.Default.Sources.Keys.Order());
    }

    [Fact]
    public void Load_InvalidMapping_ListsEveryProblemByPath()
    {
        const string json = """
            { "version": "x", "sources": {
                "segment": { "rules": [ { "accountId": "groupId", "metric": "bad name!", "value": 1 },
                                        { "accountId": [], "metric": "ok", "value": "one" } ] },
                "mailchimp": { "rules": [] } } }
            """;

        var e = Assert.Throws<WebhookMappingException>(() => WebhookMappingLoader.Load(json));

        var fields = e.Errors.Select(x => x.Field).ToList();
        Assert.Contains("sources.segment.rules[0].metric", fields);
        Assert.Contains("sources.segment.rules[1].accountId", fields);
        Assert.Contains("sources.segment.rules[1].value", fields);
        Assert.Contains("sources.mailchimp", fields);
    }

    [Theory]
    [InlineData("segment", "segment-track.json", "acme-co", "logins", 1)]
    [InlineData("segment", "segment-identify.json", "acme-co", "active_users", 1)]
    [InlineData("stripe", "stripe-invoice-payment-failed.json", "acme-co", "payment_failures", 1)]
    [InlineData("stripe", "stripe-subscription-updated.json", "acme-co", "seats_purchased", 42)]
    [InlineData("zendesk", "zendesk-ticket-created.json", "acme-co", "ticket_severity_max", 3)]
    [InlineData("zendesk", "zendesk-ticket-solved.json", "acme-co", "resolution_hours", 3)]
    [InlineData("nps", "nps-survey-response.json", "acme-co", "nps", 9)]
    [InlineData("standard", "standard-signal.json", "acme-co", "csm_pulse", 7)]
    public void Map_Fixture_YieldsTheDocumentedSignal(string source, string fixture, string account, string metric, double value)
    {
        using var document = JsonDocument.Parse(WebhookSigner.Fixture(fixture));

        var mapped = WebhookMapper.Map(source, WebhookMappingLoader.Default.Sources[source], document.RootElement, "msg_1", WebhookSigner.Now);

        var signal = Assert.Single(mapped.Signals, s => s.Metric == metric);
        Assert.Equal(account, signal.AccountId);
        Assert.Equal(value, signal.Value, 6);
        Assert.StartsWith($"{source}:{mapped.DeliveryId}:", signal.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SegmentGroup_YieldsProfileFromTraits()
    {
        using var document = JsonDocument.Parse(WebhookSigner.Fixture("segment-group.json"));

        var mapped = WebhookMapper.Map("segment", WebhookMappingLoader.Default.Sources["segment"], document.RootElement, null, WebhookSigner.Now);

        var update = Assert.Single(mapped.Profiles);
        Assert.Equal("acme-co", update.AccountId);
        Assert.Equal(("Acme Co", "Enterprise", 120000d, new DateOnly(2027, 3, 31)), (update.Fields.Name, update.Fields.Segment, update.Fields.Arr!.Value, update.Fields.RenewalDate!.Value));
        Assert.Empty(mapped.Signals);
    }

    [Theory]
    [InlineData("""{"type":"track","messageId":"m1","context":{"groupId":"a/b"}}""", "context.groupId")]
    [InlineData("""{"type":"track","messageId":"m1","context":{"groupId":{"x":1}}}""", "context.groupId")]
    [InlineData("""{"type":"track","context":{"groupId":"acme"}}""", "messageId")]
    [InlineData("""{"type":"track","messageId":"m1","timestamp":"1999-12-31T00:00:00Z","context":{"groupId":"acme"}}""", "timestamp")]
    [InlineData("""{"type":"track","messageId":"m1","timestamp":"2030-01-01T00:00:00Z","context":{"groupId":"acme"}}""", "timestamp")]
    [InlineData("""{"type":"track","messageId":"m1","timestamp":"yesterday","context":{"groupId":"acme"}}""", "timestamp")]
    [InlineData("""[1,2]""", "$")]
    public void Map_BadInput_NamesTheField(string json, string field)
    {
        using var document = JsonDocument.Parse(json);

        var e = Assert.Throws<RequestValidationException>(() =>
            WebhookMapper.Map("segment", WebhookMappingLoader.Default.Sources["segment"], document.RootElement, null, WebhookSigner.Now));

        Assert.Contains(e.Errors, x => x.Field == field);
    }

    [Theory]
    [InlineData("""{"type":"invoice.paid","id":"evt_1","data":{"object":{"customer":"cus_1","amount_paid":"lots"}}}""", "data.object.amount_paid")]
    [InlineData("""{"type":"invoice.paid","id":"evt_1","data":{"object":{"customer":"cus_1","amount_paid":1e309}}}""", "data.object.amount_paid")]
    public void Map_StripeWrongValueType_NamesTheField(string json, string field)
    {
        using var document = JsonDocument.Parse(json);

        var e = Assert.Throws<RequestValidationException>(() =>
            WebhookMapper.Map("stripe", WebhookMappingLoader.Default.Sources["stripe"], document.RootElement, null, WebhookSigner.Now));

        Assert.Contains(e.Errors, x => x.Field == field);
    }

    [Fact]
    public void Map_TrackWithoutGroup_IsIgnoredNotRefused()
    {
        using var document = JsonDocument.Parse("""{"type":"track","messageId":"m1","event":"Signed In","userId":"u1"}""");

        var mapped = WebhookMapper.Map("segment", WebhookMappingLoader.Default.Sources["segment"], document.RootElement, null, WebhookSigner.Now);

        Assert.Empty(mapped.Signals);
        Assert.Equal("m1", mapped.DeliveryId);
    }
}
