using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// The answer to the pulse and override endpoints: what is stored on the account now, and when it counts. For a pulse,
/// <see cref="PulseMovesScore"/> says whether it can move the score at all (the weights that apply to the account may give
/// the pulse metric, or its component, weight 0) and <see cref="PulseNote"/> why not.
/// </summary>
public sealed record CsmState(string AccountId, CsmPulse? Pulse, ManualOverride? Override, string TakesEffect, bool? PulseMovesScore = null,
    string? PulseNote = null);
