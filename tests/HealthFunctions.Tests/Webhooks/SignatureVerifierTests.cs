using System.Text;
using HealthFunctions.Webhooks;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

public sealed class SignatureVerifierTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static VerifiedDelivery Verify(SignatureScheme scheme, IReadOnlyDictionary<string, string> headers, byte[] body,
        IReadOnlyList<string> secrets, DateTimeOffset now) =>
        SignatureVerifier.Verify(scheme, name => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value,
            body, secrets, now, Tolerance);

    [Fact]
    public void Standard_PublishedTestVector_Verifies()
    {
        // The example in the Standard Webhooks / Svix documentation: fixed secret, id, timestamp and body.
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = "msg_p5jXN8AQM9LWM0D4loKWxJek",
            ["webhook-timestamp"] = "1614265330",
            ["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        };

        var result = Verify(SignatureScheme.Standard, headers, body, [WebhookSigner.StandardSecret], DateTimeOffset.FromUnixTimeSeconds(1614265330));

        Assert.Equal("msg_p5jXN8AQM9LWM0D4loKWxJek", result.HeaderDeliveryId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1614265330), result.SignedAt);
    }

    [Fact]
    public void Standard_PublishedVectorWithOneByteChanged_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232315}");
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = "msg_p5jXN8AQM9LWM0D4loKWxJek",
            ["webhook-timestamp"] = "1614265330",
            ["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        };

        Assert.Throws<WebhookSignatureException>(() =>
            Verify(SignatureScheme.Standard, headers, body, [WebhookSigner.StandardSecret], DateTimeOffset.FromUnixTimeSeconds(1614265330)));
    }

    [Theory]
    [InlineData("segment", SignatureScheme.Segment)]
    [InlineData("stripe", SignatureScheme.Stripe)]
    [InlineData("zendesk", SignatureScheme.Zendesk)]
    [InlineData("standard", SignatureScheme.Standard)]
    public void Verify_SignedBySecondarySecret_AcceptedDuringRotation(string source, SignatureScheme scheme)
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var headers = WebhookSigner.Headers(source, body, WebhookSigner.Now, secret: "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("next-secret")));

        Verify(scheme, headers, body, [WebhookSigner.Secrets[source], "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("next-secret"))], WebhookSigner.Now);
        var e = Assert.Throws<WebhookSignatureException>(() => Verify(scheme, headers, body, [WebhookSigner.Secrets[source]], WebhookSigner.Now));
        Assert.Contains("does not match", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("segment", SignatureScheme.Segment)]
    [InlineData("stripe", SignatureScheme.Stripe)]
    [InlineData("zendesk", SignatureScheme.Zendesk)]
    [InlineData("standard", SignatureScheme.Standard)]
    public void Verify_TamperedBody_IsRefused(string source, SignatureScheme scheme)
    {
        var body = Encoding.UTF8.GetBytes("{\"a\":1}");
        var headers = WebhookSigner.Headers(source, body, WebhookSigner.Now);

        Verify(scheme, headers, body, [WebhookSigner.Secrets[source]], WebhookSigner.Now);
        Assert.Throws<WebhookSignatureException>(() => Verify(scheme, headers, Encoding.UTF8.GetBytes("{\"a\":2}"), [WebhookSigner.Secrets[source]], WebhookSigner.Now));
    }

    [Theory]
    [InlineData("stripe", SignatureScheme.Stripe, 301)]
    [InlineData("stripe", SignatureScheme.Stripe, -301)]
    [InlineData("zendesk", SignatureScheme.Zendesk, 301)]
    [InlineData("standard", SignatureScheme.Standard, 301)]
    [InlineData("standard", SignatureScheme.Standard, -400)]
    public void Verify_TimestampOutsideTolerance_IsRefusedAsStale(string source, SignatureScheme scheme, int secondsOff)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var headers = WebhookSigner.Headers(source, body, WebhookSigner.Now.AddSeconds(-secondsOff));

        Verify(scheme, headers, body, [WebhookSigner.Secrets[source]], WebhookSigner.Now.AddSeconds(-secondsOff));
        var e = Assert.Throws<WebhookSignatureException>(() => Verify(scheme, headers, body, [WebhookSigner.Secrets[source]], WebhookSigner.Now));
        Assert.Contains("at most 300 s", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignatureScheme.Segment, "X-Signature")]
    [InlineData(SignatureScheme.Stripe, "Stripe-Signature")]
    [InlineData(SignatureScheme.Zendesk, "X-Zendesk-Webhook-Signature")]
    [InlineData(SignatureScheme.Standard, "webhook-id")]
    public void Verify_MissingHeader_NamesIt(SignatureScheme scheme, string header)
    {
        var e = Assert.Throws<WebhookSignatureException>(() => Verify(scheme, new Dictionary<string, string>(), [1], ["s"], WebhookSigner.Now));
        Assert.Contains(header, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoSecretConfigured_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        Assert.Throws<WebhookSignatureException>(() => Verify(SignatureScheme.Segment, WebhookSigner.Headers("segment", body, WebhookSigner.Now), body, [], WebhookSigner.Now));
    }

    [Fact]
    public void Verify_SameEventResigned_GivesADifferentClaim_AndARewrittenHeaderTheSame()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var headers = WebhookSigner.Headers("stripe", body, WebhookSigner.Now);
        var first = Verify(SignatureScheme.Stripe, headers, body, [WebhookSigner.Secrets["stripe"]], WebhookSigner.Now);
        var again = Verify(SignatureScheme.Stripe, WebhookSigner.Headers("stripe", body, WebhookSigner.Now.AddSeconds(60)), body, [WebhookSigner.Secrets["stripe"]], WebhookSigner.Now);
        var rewritten = Verify(SignatureScheme.Stripe, new Dictionary<string, string> { ["Stripe-Signature"] = "v1=00, " + headers["Stripe-Signature"] }, body,
            [WebhookSigner.Secrets["stripe"]], WebhookSigner.Now);

        Assert.NotEqual(DeliveryLog.ClaimKey("evt_1", first.SignedAt!.Value), DeliveryLog.ClaimKey("evt_1", again.SignedAt!.Value));
        Assert.Equal(DeliveryLog.ClaimKey("evt_1", first.SignedAt!.Value), DeliveryLog.ClaimKey("evt_1", rewritten.SignedAt!.Value));
    }
}
