using HealthScoring;

namespace HealthFunctions.Alerts;

/// <summary>
/// Which score changes alert, for which accounts: a pure decision from the change's kind, whether it opens a playbook
/// task, and the account's tier, segment and ARR. Routing by owner is by mention (<see cref="AlertOptions.Owners"/>).
/// </summary>
public sealed record AlertRules(IReadOnlySet<string> Triggers, IReadOnlySet<HealthTier>? Tiers, IReadOnlySet<string>? Segments, double MinArr)
{
    /// <summary>A tier drop alerts.</summary>
    public const string TierDrop = "tier-drop";

    /// <summary>A sharp decline alerts.</summary>
    public const string SharpDecline = "sharp-decline";

    /// <summary>A change that opens a playbook task alerts.</summary>
    public const string NewTask = "new-task";

    /// <summary>Every trigger.</summary>
    public static readonly IReadOnlyList<string> AllTriggers = [TierDrop, SharpDecline, NewTask];

    /// <summary>The rules the options set; a name that is not a trigger or a tier is an error naming the setting.</summary>
    public static AlertRules From(AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var triggers = List(options.Triggers);
        var unknown = triggers.Where(t => !AllTriggers.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{AlertOptions.Section}:Triggers: '{string.Join(", ", unknown)}' is not one of {string.Join(", ", AllTriggers)}.");
        }

        HashSet<HealthTier>? tiers = null;
        foreach (var name in List(options.Tiers))
        {
            tiers ??= [];
            tiers.Add(Enum.TryParse<HealthTier>(name, ignoreCase: true, out var t) && Enum.IsDefined(t)
                ? t
                : throw new InvalidOperationException($"{AlertOptions.Section}:Tiers: '{name}' is not Red, Yellow or Green."));
        }

        var segments = List(options.Segments);
        return new AlertRules(
            triggers.Count == 0 ? AllTriggers.ToHashSet(StringComparer.Ordinal) : triggers.Select(t => t.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            tiers, segments.Count == 0 ? null : segments.ToHashSet(StringComparer.OrdinalIgnoreCase), options.MinArr);
    }

    /// <summary>Why the options' triggers or tiers are not acceptable, or null.</summary>
    public static string? Problem(AlertOptions options)
    {
        try
        {
            From(options);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>The triggers this change meets for this account (none: no alert).</summary>
    public IReadOnlyList<string> Match(string kind, bool opensTask, HealthTier? tier, string? segment, double? arr)
    {
        if ((Tiers is not null && (tier is not { } t || !Tiers.Contains(t)))
            || (Segments is not null && (segment is null || !Segments.Contains(segment)))
            || (MinArr > 0 && (arr ?? 0) < MinArr))
        {
            return [];
        }

        var met = new List<string>(3);
        if (kind == TierDrop && Triggers.Contains(TierDrop))
        {
            met.Add(TierDrop);
        }

        if (kind == SharpDecline && Triggers.Contains(SharpDecline))
        {
            met.Add(SharpDecline);
        }

        if (opensTask && Triggers.Contains(NewTask))
        {
            met.Add(NewTask);
        }

        return met;
    }

    private static List<string> List(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
