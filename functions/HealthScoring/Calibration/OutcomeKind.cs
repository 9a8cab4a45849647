namespace HealthScoring.Calibration;

/// <summary>What an account did at renewal.</summary>
public enum OutcomeKind
{
    /// <summary>Renewed at about the same value.</summary>
    Renewed,

    /// <summary>Left: the event a health score should predict.</summary>
    Churned,

    /// <summary>Renewed for less (counted as retained, reported apart).</summary>
    Contracted,

    /// <summary>Renewed for more.</summary>
    Expanded,
}
