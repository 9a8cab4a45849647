namespace HealthFunctions.Webhooks;

/// <summary>Where a value may come from: the value at <see cref="Path"/>, or with <see cref="Sum"/> the sum of the numbers it reaches (a path with [] steps).</summary>
public sealed record ValueSource(string Path, bool Sum)
{
    /// <summary>How the source reads in mapping files and answers: the path, or <c>sum(path)</c>.</summary>
    public override string ToString() => Sum ? $"sum({Path})" : Path;
}
