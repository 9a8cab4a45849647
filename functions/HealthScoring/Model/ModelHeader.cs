namespace HealthScoring;

/// <summary>The model-wide settings read from a document.</summary>
internal sealed record ModelHeader(
    string Version,
    string? Name,
    string? Description,
    MissingDataPolicy MissingData,
    double MinimumCoverage,
    TierPolicy Tiers,
    TransitionPolicy Transitions,
    PlaybookRules Playbooks,
    DisplayScale? DisplayScale = null);
