using HealthScoring;

namespace HealthFunctions.Storage;

/// <summary>
/// What a CSM set on an account by hand: a pulse rating and a manual override, each with its expiry. Stored on the
/// account row (columns <c>Pulse</c> and <c>Override</c>, JSON; empty when none), fed into every rescore and shown in
/// the explanation.
/// </summary>
public sealed record CsmInputs(CsmPulse? Pulse, ManualOverride? Override)
{
    /// <summary>Neither set.</summary>
    public static readonly CsmInputs None = new(null, null);
}
