namespace HealthScoring.Calibration;

/// <summary>One change a calibration makes to the model, said in words.</summary>
/// <param name="Subject">What changed: a metric or component path, a segment, a stage, or "tiers".</param>
/// <param name="Kind">What kind of change it is.</param>
/// <param name="Text">The change and the evidence for it, e.g. "flipped `intl_plan`: accounts with it churned more".</param>
public sealed record ModelChange(string Subject, ChangeKind Kind, string Text);
