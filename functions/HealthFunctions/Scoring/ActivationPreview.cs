using HealthScoring.Calibration;

namespace HealthFunctions.Scoring;

/// <summary>
/// What activating a stored model would do, found by a dry run (a <c>preview</c> job): each account scored with it as the
/// next rescore would, the tier changes by direction, the playbook tasks the changes would open (under the model's rules,
/// its causes, and the tasks already open), and both models backtested on the same outcomes.
/// </summary>
/// <param name="Version">The model previewed.</param>
/// <param name="ActiveVersion">The model active when it ran.</param>
/// <param name="Accounts">Accounts scored.</param>
/// <param name="TierChanges">Accounts whose tier would change, by current and new tier.</param>
/// <param name="Drops">Accounts that would fall a tier or more.</param>
/// <param name="Rises">Accounts that would rise.</param>
/// <param name="TasksWouldOpen">Playbook tasks the activation's changes would open.</param>
/// <param name="TasksByPlaybook">The same by playbook.</param>
/// <param name="Backtest">Both models backtested on the same outcomes.</param>
/// <param name="Recommended">False when there are <paramref name="Concerns"/>.</param>
/// <param name="Concerns">Why activating it needs <c>force</c> and a reason.</param>
public sealed record ActivationPreview(
    string Version,
    string ActiveVersion,
    int Accounts,
    IReadOnlyList<TierChangeCount> TierChanges,
    int Drops,
    int Rises,
    int TasksWouldOpen,
    IReadOnlyDictionary<string, int> TasksByPlaybook,
    PreviewBacktests Backtest,
    bool Recommended,
    IReadOnlyList<ModelConcern> Concerns);

/// <summary>Accounts whose tier would go from <paramref name="From"/> to <paramref name="To"/>.</summary>
/// <param name="From">The tier now ("Unscored" for none).</param>
/// <param name="To">The tier under the previewed model.</param>
/// <param name="Count">How many accounts.</param>
public sealed record TierChangeCount(string From, string To, int Count);

/// <summary>The active and the previewed model backtested on the same outcomes.</summary>
/// <param name="Active">The active model's backtest.</param>
/// <param name="Proposed">The previewed model's.</param>
public sealed record PreviewBacktests(BacktestReport Active, BacktestReport Proposed);
