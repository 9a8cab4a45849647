namespace HealthFunctions.Calibration;

/// <summary>The answer to <c>POST /api/models/activate</c>: the model now active.</summary>
public sealed record ActivationResult(string Active);
