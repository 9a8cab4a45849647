namespace HealthFunctions.Ingestion;

/// <summary>Metric names: 1-100 ASCII letters, digits, '_', '.', ':' or '-', starting with a letter or digit.</summary>
public static class MetricName
{
    /// <summary>The rule, as said in a 400.</summary>
    public const string Rule = "must be 1-100 characters of letters, digits, '_', '.', ':' or '-', starting with a letter or digit.";

    /// <summary>True when the name follows the rule.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > 100 || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
