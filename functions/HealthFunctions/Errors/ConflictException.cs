using HealthScoring.Calibration;

namespace HealthFunctions.Errors;

/// <summary>
/// The request is valid but conflicts with the state of things (another open task of the playbook; a proposal with
/// concerns activated without <c>force</c>); answered 409 with what it conflicts with.
/// </summary>
public sealed class ConflictException(string message, string? openTask = null, IReadOnlyList<ModelConcern>? concerns = null) : Exception(message)
{
    /// <summary>The open task the request would duplicate.</summary>
    public string? OpenTask { get; } = openTask;

    /// <summary>Why a model is not recommended.</summary>
    public IReadOnlyList<ModelConcern>? Concerns { get; } = concerns;
}
