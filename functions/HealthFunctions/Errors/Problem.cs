using HealthScoring.Calibration;

namespace HealthFunctions.Errors;

/// <summary>An RFC 9457 problem details body, with the invalid fields as an extension.</summary>
/// <param name="Type">The problem type.</param>
/// <param name="Title">A short summary.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Detail">What happened, in words.</param>
/// <param name="Instance">The request path.</param>
/// <param name="Errors">The invalid fields (400).</param>
/// <param name="OpenTask">For a 409 on a task: the open task of the same playbook.</param>
/// <param name="Concerns">For a 409 on an activation: why the model is not recommended.</param>
public sealed record Problem(string Type, string Title, int Status, string? Detail, string? Instance, IReadOnlyList<FieldError>? Errors,
    string? OpenTask = null, IReadOnlyList<ModelConcern>? Concerns = null);
