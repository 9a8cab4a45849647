using HealthFunctions.Errors;

namespace HealthFunctions.Webhooks;

/// <summary>The webhook mapping file is invalid; <see cref="Errors"/> lists every problem by JSON path.</summary>
public sealed class WebhookMappingException(IReadOnlyList<FieldError> errors)
    : Exception("The webhook mapping is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => $"  {e.Field}: {e.Message}")))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
