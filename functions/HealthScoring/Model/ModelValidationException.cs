namespace HealthScoring;

/// <summary>A model document failed validation; <see cref="Errors"/> lists every problem found.</summary>
public sealed class ModelValidationException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public ModelValidationException(IReadOnlyList<ModelError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<ModelError> Errors { get; }

    private static string Describe(IReadOnlyList<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return $"The health model has {errors.Count} problem(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
