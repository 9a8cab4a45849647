namespace HealthFunctions.Messaging;

/// <summary>
/// What a bus handler did with a message. Both outcomes complete the message; a transient failure is an
/// exception instead, so the broker (or the local driver) delivers the message again.
/// </summary>
public enum MessageOutcome
{
    /// <summary>Processed (or already processed before: handlers are idempotent).</summary>
    Completed,

    /// <summary>Can never succeed (malformed, unknown schema); recorded in the poison table.</summary>
    Poisoned,
}
