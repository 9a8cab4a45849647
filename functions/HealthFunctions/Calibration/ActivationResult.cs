using HealthScoring.Calibration;

namespace HealthFunctions.Calibration;

/// <summary>The answer to <c>POST /api/models/activate</c>: the model now active, and what the activation did.</summary>
/// <param name="Active">The model now active.</param>
/// <param name="Previous">The model active before.</param>
/// <param name="RolledBack">True when this activated the model that was active before <paramref name="Previous"/> (a rollback).</param>
/// <param name="ClosedTasks">Open tasks the rolled-back model's activation had opened, now closed with the reason.</param>
/// <param name="Forced">True when the model had concerns and was activated with <c>force</c> and a reason.</param>
/// <param name="Concerns">The concerns it was activated despite.</param>
public sealed record ActivationResult(string Active, string? Previous = null, bool RolledBack = false, int ClosedTasks = 0, bool Forced = false,
    IReadOnlyList<ModelConcern>? Concerns = null);
