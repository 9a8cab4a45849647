namespace HealthScoring;

/// <summary>Stable wire names of <see cref="TransitionKind"/> (used in messages and Service Bus filters).</summary>
public static class TransitionKindNames
{
    private static readonly string[] Names = ["none", "unchanged", "tier-drop", "tier-rise", "sharp-decline", "recovered", "tier-dwell"];

    /// <summary>The wire name, e.g. "tier-drop".</summary>
    public static string ToWireName(this TransitionKind kind) => Names[(int)kind];

    /// <summary>Parses a wire name (exact, lower case).</summary>
    public static bool TryParse(string? wireName, out TransitionKind kind)
    {
        var index = Array.IndexOf(Names, wireName);
        kind = index < 0 ? TransitionKind.None : (TransitionKind)index;
        return index >= 0;
    }

    /// <summary>Whether a change of this kind is worth a message: a tier drop or rise, a sharp decline, a recovery, a dwell.</summary>
    public static bool IsNotable(this TransitionKind kind) =>
        kind is TransitionKind.TierDrop or TransitionKind.TierRise or TransitionKind.SharpDecline or TransitionKind.Recovered or TransitionKind.TierDwell;

    /// <summary>All wire names in enum order.</summary>
    public static IReadOnlyList<string> All => Names;
}
