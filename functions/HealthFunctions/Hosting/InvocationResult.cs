namespace HealthFunctions.Hosting;

/// <summary>
/// The answer to the Functions host: always a JSON object (the host base64-decodes plain strings that happen
/// to be valid base64). <see cref="ReturnValue"/> carries a small summary for the invocation log.
/// </summary>
public sealed record InvocationResult(IReadOnlyDictionary<string, object?> Outputs, IReadOnlyList<string> Logs, InvocationSummary? ReturnValue)
{
    /// <summary>A result with logs and a summary and no outputs.</summary>
    public static InvocationResult Of(InvocationSummary summary, params string[] logs) =>
        new(new Dictionary<string, object?>(), logs, summary);
}
