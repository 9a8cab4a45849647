namespace HealthFunctions.Webhooks;

/// <summary>A delivery's signature is missing, wrong, stale or replayed; answered 401 and nothing is stored.</summary>
public sealed class WebhookSignatureException(string message) : Exception(message);
