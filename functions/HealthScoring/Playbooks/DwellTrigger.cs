namespace HealthScoring;

/// <summary>
/// A playbook that fires on a state rather than a change: an account that has stayed in <paramref name="Tier"/> for
/// <paramref name="Days"/> days (<c>"when": { "dwell": { "tier": "Red", "days": 14 } }</c>). Evaluated by the daily run,
/// once per dwell episode.
/// </summary>
/// <param name="Tier">The tier the account stays in.</param>
/// <param name="Days">Days in the tier before the playbook fires (1-366).</param>
public sealed record DwellTrigger(HealthTier Tier, int Days);
