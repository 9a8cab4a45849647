namespace HealthScoring;

/// <summary>What one scoring of an account read: the profile, the signal history, the day and the extra inputs; kept so that
/// the same inputs can be scored again with one thing changed (another model, the earlier profile, the earlier pulse).</summary>
/// <param name="Profile">The account as scored.</param>
/// <param name="History">Its signal buckets.</param>
/// <param name="AsOf">The day scored.</param>
/// <param name="Inputs">Previous tier, override, pulse and population.</param>
public sealed record ScoringCase(AccountProfile Profile, SignalHistory History, DateOnly AsOf, ScoringInputs Inputs)
{
    /// <summary>Scores the case with <paramref name="model"/>.</summary>
    public HealthResult Score(HealthModel model) => ScoringEngine.Score(model, Profile, History, AsOf, Inputs);
}
