namespace HealthFunctions.Webhooks;

/// <summary>How a source signs its deliveries.</summary>
public enum SignatureScheme
{
    /// <summary>Segment: <c>X-Signature</c>, hex HMAC-SHA1 of the body. No timestamp: replay protection is the messageId dedupe.</summary>
    Segment,

    /// <summary>Stripe: <c>Stripe-Signature: t=..,v1=..</c>, hex HMAC-SHA256 of <c>{t}.{body}</c>.</summary>
    Stripe,

    /// <summary>Zendesk: <c>X-Zendesk-Webhook-Signature</c>, base64 HMAC-SHA256 of timestamp + body.</summary>
    Zendesk,

    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64&gt;</c>.</summary>
    Standard,
}
