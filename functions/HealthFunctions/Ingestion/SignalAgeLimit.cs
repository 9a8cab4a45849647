using HealthFunctions.Settings;
using HealthFunctions.Storage;

namespace HealthFunctions.Ingestion;

/// <summary>How old a posted signal's timestamp may be, and what a sender is told when it is older.</summary>
/// <param name="Days">Days before now.</param>
/// <param name="Problem">The 400 message for an older timestamp.</param>
public sealed record SignalAgeLimit(int Days, string Problem)
{
    /// <summary>Webhooks (and any caller without a backfill path): the live window.</summary>
    public static SignalAgeLimit Live { get; } = new(SignalState.LiveDays, $"is older than the {SignalState.LiveDays}-day signal retention.");

    /// <summary>An ordinary <c>POST /api/signals</c>: the live window, and where older history goes.</summary>
    public static SignalAgeLimit Post { get; } = new(SignalState.LiveDays,
        $"is older than the {SignalState.LiveDays}-day signal retention of ordinary posts; post history with ?backfill=true.");

    /// <summary>A backfill (<c>POST /api/signals?backfill=true</c>): as far back as signals are kept.</summary>
    public static SignalAgeLimit Backfill(int retentionDays) => new(retentionDays,
        $"is older than the {retentionDays}-day signal retention (setting {SettingNames.SignalRetentionDays.Replace(":", "__", StringComparison.Ordinal)}).");
}
