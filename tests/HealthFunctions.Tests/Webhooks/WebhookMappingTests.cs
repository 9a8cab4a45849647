using System.Text.Json;
using HealthFunctions.Ingestion;
using HealthFunctions.Storage;
using HealthFunctions.Webhooks;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

public sealed class WebhookMappingTests
{
    private static MappedDelivery Map(string source, string json, string? headerId = null, SourceMapping? mapping = null, IReadOnlyCollection<string>? repaired = null)
    {
        using var document = JsonDocument.Parse(json);
        return WebhookMapper.Map(source, mapping ?? WebhookMappingLoader.Default.Sources[source], document.RootElement, headerId, "body-sha256:00",
            WebhookSigner.Now, repaired);
    }

    private static SourceMapping Rules(string rules) =>
        WebhookMappingLoader.Load($$"""{ "version": "t", "sources": { "standard": { "eventId": "id", "rules": [ {{rules}} ] } } }""").Sources["standard"];

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
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "sum": "items.quantity" } }""", "sources.standard.rules[0].value.sum")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "path": "items[].quantity" } }""", "sources.standard.rules[0].value.path")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "path": ["q", { "sum": "x" }] } }""", "sources.standard.rules[0].value.path[1].sum")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "path": ["q", 3] } }""", "sources.standard.rules[0].value.path[1]")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "path": [] } }""", "sources.standard.rules[0].value.path")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "sum": "i[].q", "map": { "x": 1 } } }""", "sources.standard.rules[0].value.map")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "path": "q", "optional": "yes" } }""", "sources.standard.rules[0].value.optional")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": { "path": "q", "scael": 2 } }""", "sources.standard.rules[0].value.scael")]
    [InlineData("""{ "accountId": "a", "metric": "m", "value": 1, "vaule": 2 }""", "sources.standard.rules[0].vaule")]
    [InlineData("""{ "accountId": "a..b", "metric": "m", "value": 1 }""", "sources.standard.rules[0].accountId")]
    [InlineData("""{ "accountId": "a[]", "metric": "m", "value": 1 }""", "sources.standard.rules[0].accountId")]
    [InlineData("""{ "when": { "t[0]": "x" }, "accountId": "a", "metric": "m", "value": 1 }""", "sources.standard.rules[0].when.t[0]")]
    [InlineData("""{ "accountId": "a", "profile": { "name": "n" }, "value": 1 }""", "sources.standard.rules[0].value")]
    public void Load_NewRuleForms_AreValidatedAtStartUp(string rule, string field)
    {
        var json = $$"""{ "version": "t", "sources": { "standard": { "eventId": "id", "rules": [ {{rule}} ] } } }""";

        var e = Assert.Throws<WebhookMappingException>(() => WebhookMappingLoader.Load(json));

        Assert.Contains(field, e.Errors.Select(x => x.Field));
    }

    [Fact]
    public void Load_LoneSurrogateInTheFile_IsAMappingErrorNamingThePath()
    {
        var e = Assert.Throws<WebhookMappingException>(() => WebhookMappingLoader.Load("""{ "version": "v\ud800", "sources": {} }"""));

        Assert.Equal("version", Assert.Single(e.Errors).Field);
    }

    [Theory]
    [InlineData("segment", "segment-track.json", "acme-co", "logins", 1)]
    [InlineData("stripe", "stripe-invoice-payment-failed.json", "acme-co", "payment_failures", 1)]
    [InlineData("stripe", "stripe-subscription-updated.json", "acme-co", "seats_purchased", 42)]
    [InlineData("stripe", "stripe-subscription-updated-multi-item.json", "acme-co", "seats_purchased", 42)]
    [InlineData("zendesk", "zendesk-ticket-created.json", "acme-co", "ticket_severity_max", 3)]
    [InlineData("zendesk", "zendesk-ticket-solved.json", "acme-co", "resolution_hours", 3)]
    [InlineData("nps", "nps-survey-response.json", "acme-co", "nps", 9)]
    [InlineData("nps", "nps-ces-response.json", "acme-co", "ces", 2)]
    [InlineData("stripe", "stripe-subscription-deleted.json", "acme-co", "subscription_canceled", 1)]
    [InlineData("zendesk", "zendesk-ticket-priority-urgent.json", "acme-co", "escalations", 1)]
    [InlineData("zendesk", "zendesk-ticket-priority-urgent.json", "acme-co", "ticket_severity_max", 4)]
    [InlineData("segment", "segment-group-metrics.json", "acme-co", "active_users_pct", 64)]
    [InlineData("segment", "segment-group-metrics.json", "acme-co", "feature_adoption_pct", 52.5)]
    [InlineData("segment", "segment-group-metrics.json", "acme-co", "seat_utilization_pct", 81)]
    [InlineData("standard", "standard-signal.json", "acme-co", "csm_pulse", 7)]
    public void Map_Fixture_YieldsTheDocumentedSignal(string source, string fixture, string account, string metric, double value)
    {
        var mapped = Map(source, System.Text.Encoding.UTF8.GetString(WebhookSigner.Fixture(fixture)), "msg_1");

        var signal = Assert.Single(mapped.Signals, s => s.Metric == metric);
        Assert.Equal(account, signal.AccountId);
        Assert.Equal(value, signal.Value, 6);
        Assert.StartsWith($"{source}:{mapped.DeliveryId}:", signal.EventId, StringComparison.Ordinal);
        Assert.Empty(mapped.Skipped);
    }

    [Fact]
    public void Map_SegmentGroup_YieldsProfileFromTraits_StampedWithTheEventTime()
    {
        var mapped = Map("segment", System.Text.Encoding.UTF8.GetString(WebhookSigner.Fixture("segment-group.json")));

        var update = Assert.Single(mapped.Profiles);
        Assert.Equal("acme-co", update.AccountId);
        Assert.Equal(("Acme Co", "Enterprise", 120000d, new DateOnly(2027, 3, 31)), (update.Fields.Name, update.Fields.Segment, update.Fields.Arr!.Value, update.Fields.RenewalDate!.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 32, 0, TimeSpan.Zero), update.UpdatedAt);
    }

    [Theory]
    [InlineData("""{"type":"track","event":"Signed In","messageId":"m1","context":{"groupId":"a/b"}}""", "context.groupId")]
    [InlineData("""{"type":"track","event":"Signed In","messageId":"m1","context":{"groupId":{"x":1}}}""", "context.groupId")]
    [InlineData("""{"type":"track","event":"Signed In","messageId":"m1","timestamp":"1999-12-31T00:00:00Z","context":{"groupId":"acme"}}""", "timestamp")]
    [InlineData("""{"type":"track","event":"Signed In","messageId":"m1","timestamp":"2030-01-01T00:00:00Z","context":{"groupId":"acme"}}""", "timestamp")]
    [InlineData("""{"type":"track","event":"Signed In","messageId":"m1","timestamp":"2026-05-01T00:00:00Z","context":{"groupId":"acme"}}""", "timestamp")]
    [InlineData("""{"type":"track","event":"Signed In","messageId":"m1","timestamp":"yesterday","context":{"groupId":"acme"}}""", "timestamp")]
    [InlineData("""{"type":"track","event":"Signed In","context":{"groupId":"acme"}}""", "messageId")]
    [InlineData("""{"type":"track","event":"Signed In","messageId":[1],"context":{"groupId":"acme"}}""", "messageId")]
    [InlineData("""[1,2]""", "$")]
    public void Map_UnusableInput_StoresNothing_AndNamesTheFieldInSkipped(string json, string field)
    {
        var mapped = Map("segment", json);

        Assert.Empty(mapped.Signals);
        Assert.Contains(mapped.Skipped, x => x.Field == field);
    }

    [Theory]
    [InlineData("""{"type":"customer.subscription.updated","id":"evt_1","data":{"object":{"customer":"cus_1","quantity":"x"}}}""", "data.object.quantity")]
    [InlineData("""{"type":"customer.subscription.updated","id":"evt_1","data":{"object":{"customer":"cus_1","items":{"data":[{"quantity":1},{"quantity":"2"}]}}}}""", "sum(data.object.items.data[].quantity)")]
    [InlineData("""{"type":"customer.subscription.updated","id":"evt_1","data":{"object":{"customer":"cus_1"}}}""", "data.object.quantity or sum(data.object.items.data[].quantity)")]
    public void Map_StripeWrongOrMissingValue_NamesTheField(string json, string field)
    {
        var mapped = Map("stripe", json);

        var skipped = Assert.Single(mapped.Skipped);
        Assert.Equal((field, "cus_1"), (skipped.Field, skipped.AccountId));
    }

    [Theory]
    [InlineData("""{"id":"e","q":5,"items":[{"n":1},{"n":2}]}""", 5)]
    [InlineData("""{"id":"e","q":null,"items":[{"n":1},{"n":2},{"other":3}]}""", 3)]
    [InlineData("""{"id":"e","items":[],"r":7}""", 7)]
    [InlineData("""{"id":"e","items":{"not":"an array"},"r":7}""", 7)]
    public void Map_FallbackPathsAndSums_TakeTheFirstPresent(string json, double value)
    {
        var mapping = Rules("""{ "accountId": "id", "metric": "m", "value": { "path": ["q", { "sum": "items[].n" }, "r"] } }""");

        Assert.Equal(value, Assert.Single(Map("standard", json, mapping: mapping).Signals).Value);
    }

    [Fact]
    public void Map_OptionalValueAbsent_YieldsNothing_AndIsNoProblem()
    {
        var mapping = Rules("""{ "accountId": "id", "metric": "m", "value": { "path": "traits.pct", "optional": true } }""");

        var absent = Map("standard", """{"id":"e","traits":{}}""", mapping: mapping);
        var present = Map("standard", """{"id":"e","traits":{"pct":40}}""", mapping: mapping);
        var wrong = Map("standard", """{"id":"e","traits":{"pct":"forty"}}""", mapping: mapping);

        Assert.Equal((0, 0), (absent.Signals.Count, absent.Skipped.Count));
        Assert.Equal(40, Assert.Single(present.Signals).Value);
        Assert.Equal("traits.pct", Assert.Single(wrong.Skipped).Field);
    }

    [Fact]
    public void Map_WhenWithAnArrayStep_MatchesAnyElement()
    {
        var mapping = Rules("""{ "when": { "tags[]": "escalated" }, "accountId": "id", "metric": "escalations", "value": 1 }""");

        Assert.Single(Map("standard", """{"id":"e","tags":["vip","escalated"]}""", mapping: mapping).Signals);
        Assert.Empty(Map("standard", """{"id":"e","tags":["vip"]}""", mapping: mapping).Signals);
        Assert.Empty(Map("standard", """{"id":"e","tags":"escalated"}""", mapping: mapping).Signals);
    }

    [Fact]
    public void Map_OneBadRuleOfTwo_KeepsTheOther()
    {
        var mapped = Map("zendesk", System.Text.Encoding.UTF8.GetString(WebhookSigner.Fixture("zendesk-ticket-created.json"))
            .Replace("\"priority\": \"HIGH\"", "\"priority\": \"SOMEWHAT\"", StringComparison.Ordinal));

        Assert.Equal("tickets_opened", Assert.Single(mapped.Signals).Metric);
        Assert.Equal(("detail.priority", "ticket_severity_max"), (Assert.Single(mapped.Skipped).Field, mapped.Skipped[0].Metric));
    }

    [Fact]
    public void Map_ProfileWithOneBadField_KeepsTheOthers()
    {
        var mapped = Map("segment", """{"type":"group","groupId":"acme","messageId":"m","traits":{"name":"Acme","arr":"lots"}}""");

        Assert.Equal(AccountProfileData.Empty with { Name = "Acme" }, Assert.Single(mapped.Profiles).Fields);
        Assert.Equal("traits.arr", Assert.Single(mapped.Skipped).Field);
    }

    [Fact]
    public void Map_AccountIdWhoseTextWasRepaired_IsSkipped()
    {
        var mapped = Map("segment", """{"type":"track","event":"Signed In","messageId":"m1","context":{"groupId":"acme\ufffd"}}""", repaired: ["context.groupId"]);

        Assert.Empty(mapped.Signals);
        Assert.Contains(JsonText.UnpairedSurrogateProblem, Assert.Single(mapped.Skipped, s => s.Metric == "logins").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TrackWithoutGroup_IsIgnoredNotRefused()
    {
        var mapped = Map("segment", """{"type":"track","event":"Signed In","messageId":"m1","userId":"u1"}""");

        Assert.Equal((0, 0), (mapped.Signals.Count, mapped.Skipped.Count));
        Assert.Equal("m1", mapped.DeliveryId);
    }

    [Fact]
    public void Map_WithoutAnEventId_KeepsNothing_AndTheDeliveryIdIsTheBodyHash()
    {
        var mapped = Map("stripe", """{"type":"invoice.payment_failed","data":{"object":{"customer":"cus_1"}}}""");

        Assert.Equal((0, "body-sha256:00"), (mapped.Signals.Count, mapped.DeliveryId));
        Assert.Equal("id", Assert.Single(mapped.Skipped).Field);
    }
}
