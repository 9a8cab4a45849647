using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthScoring;

/// <summary>
/// What moved an account from its baseline to its current result. Serialized as its wire name ("signals", "pulse",
/// "override", "profile", "model"); see <see cref="TransitionCauseNames"/>. Playbook rules may act on some causes only
/// (by default a model activation starts no playbook, and a rise set by an override starts no expansion).
/// </summary>
[JsonConverter(typeof(TransitionCauseJsonConverter))]
public enum TransitionCause
{
    /// <summary>The account's signals (the default: nothing else alone explains the change).</summary>
    Signals,

    /// <summary>A CSM pulse set, changed or ended, which alone moved it.</summary>
    Pulse,

    /// <summary>A manual override that set the tier, or one that ended.</summary>
    Override,

    /// <summary>A new segment or lifecycle stage (other weights), which alone moved it.</summary>
    Profile,

    /// <summary>A model activation: the baseline was scored with another model version, and that alone moved it.</summary>
    Model,
}

/// <summary>Stable wire names of <see cref="TransitionCause"/> (messages, the <c>cause</c> application property, playbook rules).</summary>
public static class TransitionCauseNames
{
    private static readonly string[] Names = ["signals", "pulse", "override", "profile", "model"];

    /// <summary>The wire name, e.g. "override".</summary>
    public static string ToWireName(this TransitionCause cause) => Names[(int)cause];

    /// <summary>Parses a wire name (exact, lower case).</summary>
    public static bool TryParse(string? wireName, out TransitionCause cause)
    {
        var index = Array.IndexOf(Names, wireName);
        cause = index < 0 ? TransitionCause.Signals : (TransitionCause)index;
        return index >= 0;
    }

    /// <summary>All wire names in enum order.</summary>
    public static IReadOnlyList<string> All => Names;
}

/// <summary>Writes <see cref="TransitionCause"/> as its lower-case wire name.</summary>
internal sealed class TransitionCauseJsonConverter() : ExactEnumJsonConverter<TransitionCause>(JsonNamingPolicy.KebabCaseLower);
