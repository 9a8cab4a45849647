using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>
/// One row of the accounts list: the profile and the current score, without the explanation. <c>Delta</c> is the score
/// minus the previous day's (1 decimal); <c>Adjusted</c> is "override", "pulse" or "override,pulse" when a CSM input is in
/// force today.
/// </summary>
public sealed record AccountLine(
    string AccountId,
    string? Name,
    string? Segment,
    string? LifecycleStage,
    string? Owner,
    double? Arr,
    DateOnly? RenewalDate,
    double? Score,
    HealthTier? Tier,
    double? PreviousScore,
    HealthTier? PreviousTier,
    double? Delta,
    double? Coverage,
    DateOnly? ScoredDay,
    string? Adjusted);
