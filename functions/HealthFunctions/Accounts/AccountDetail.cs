using HealthFunctions.Storage;
using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// The answer to <c>GET /api/accounts/{id}</c>: the profile, the pulse and override as stored (they count from the
/// account's next rescore; <see cref="AccountHealth.PulseApplied"/> and <see cref="AccountHealth.OverrideApplied"/> say
/// what the current score used), the current health with its explanation, the tier boundaries of the model that computed
/// it, and, when a CSM pulse cannot move this account's score under the active model's weights, why (<see cref="PulseNote"/>).
/// </summary>
public sealed record AccountDetail(
    string AccountId,
    AccountProfileData Profile,
    DateTimeOffset? ProfileUpdatedAt,
    CsmPulse? Pulse,
    ManualOverride? Override,
    AccountHealth Health,
    TierPolicy Tiers,
    string? PulseNote = null);
