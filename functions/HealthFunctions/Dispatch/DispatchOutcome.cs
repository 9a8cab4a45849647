namespace HealthFunctions.Dispatch;

/// <summary>
/// What became of a message: completed (processed, or processed before), or to be dead-lettered because it can never
/// succeed, with the reason Service Bus keeps beside it. A transient failure is an exception instead, so the message
/// is delivered again.
/// </summary>
public sealed record DispatchOutcome(string? DeadLetterReason, string? DeadLetterDescription)
{
    /// <summary>Processed.</summary>
    public static readonly DispatchOutcome Completed = new(null, null);

    /// <summary>True when the message is to be dead-lettered.</summary>
    public bool IsDeadLetter => DeadLetterReason is not null;

    /// <summary>A message that can never succeed.</summary>
    public static DispatchOutcome DeadLetter(string reason, string description) => new(reason, description);
}
