namespace HealthFunctions.Storage.Internal;

/// <summary>The naming rule blob containers and queues share: 3-63 lower-case letters, digits and single hyphens, not at either end.</summary>
internal static class ResourceName
{
    public static void Validate(string name, string kind, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length is < 3 or > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || name.StartsWith('-') || name.EndsWith('-') || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid {kind} name: 3-63 lower-case letters, digits and single hyphens.", paramName);
        }
    }
}
