namespace HealthScoring;

/// <summary>One problem in a model document.</summary>
/// <param name="Path">Where, e.g. <c>components[1].metrics[0].weight</c>; <c>$</c> for the document itself.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record ModelError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
