using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthScoring;

/// <summary>
/// What happened between two scores. Serialized as its wire name ("none", "unchanged", "tier-drop",
/// "tier-rise", "sharp-decline", "recovered", "tier-dwell"); see <see cref="TransitionKindNames"/>.
/// When several apply, <see cref="Transition.Kind"/> is the first of: TierDrop, SharpDecline, Recovered, TierRise, Unchanged.
/// </summary>
[JsonConverter(typeof(TransitionKindJsonConverter))]
public enum TransitionKind
{
    /// <summary>Nothing to compare with (no previous result or no current score).</summary>
    None,

    /// <summary>Same tier and no sharp decline.</summary>
    Unchanged,

    /// <summary>The tier went down.</summary>
    TierDrop,

    /// <summary>The tier went up to a tier not held within the recovery lookback.</summary>
    TierRise,

    /// <summary>The score fell by at least the policy's points within its days, without a tier drop.</summary>
    SharpDecline,

    /// <summary>The tier went back up to a tier the account held within the recovery lookback.</summary>
    Recovered,

    /// <summary>
    /// Not a change: the account has stayed in a tier for a playbook's dwell (<see cref="DwellTrigger"/>). Never a
    /// classifier's result; the daily run raises it, once per dwell episode.
    /// </summary>
    TierDwell,
}

/// <summary>Writes <see cref="TransitionKind"/> as its kebab-case wire name.</summary>
internal sealed class TransitionKindJsonConverter() : ExactEnumJsonConverter<TransitionKind>(JsonNamingPolicy.KebabCaseLower);
