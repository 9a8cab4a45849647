namespace HealthScoring;

/// <summary>
/// A CSM's pulse rating, entering the score as the raw value of every metric marked <c>"pulse": true</c>
/// (in the default model <c>csm_pulse</c>, 1-10). When it expires and no pulse signal is in the metric's
/// window, the metric is missing and its weight is redistributed over its siblings.
/// </summary>
/// <param name="Value">The rating on the metric's raw scale.</param>
/// <param name="Author">Who gave it.</param>
/// <param name="ExpiresOn">Last day the pulse counts (inclusive).</param>
/// <param name="Note">Optional reason or context.</param>
public sealed record CsmPulse(double Value, string Author, DateOnly ExpiresOn, string? Note = null)
{
    /// <summary>Whether the pulse counts on <paramref name="asOf"/>.</summary>
    public bool IsActiveOn(DateOnly asOf) => asOf <= ExpiresOn;
}
