namespace HealthFunctions.Errors;

/// <summary>The request is malformed; answered 400 with every problem listed.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : Exception(errors.Count == 1 ? $"{errors[0].Field}: {errors[0].Message}" : $"{errors.Count} fields are invalid.")
{
    /// <summary>Creates the exception for one field.</summary>
    public RequestValidationException(string field, string message) : this([new FieldError(field, message)])
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
