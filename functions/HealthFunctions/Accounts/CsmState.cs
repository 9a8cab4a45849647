using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>The answer to the pulse and override endpoints: what is stored on the account now, and when it counts.</summary>
public sealed record CsmState(string AccountId, CsmPulse? Pulse, ManualOverride? Override, string TakesEffect);
