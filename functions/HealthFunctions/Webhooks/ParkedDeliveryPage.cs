namespace HealthFunctions.Webhooks;

/// <summary>One page of the parked list; <see cref="Continuation"/> asks for the next one (null on the last page).</summary>
public sealed record ParkedDeliveryPage(IReadOnlyList<ParkedDelivery> Items, string? Continuation);
