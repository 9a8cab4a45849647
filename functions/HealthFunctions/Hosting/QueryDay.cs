using System.Globalization;
using HealthFunctions.Errors;
using HealthFunctions.Storage;

namespace HealthFunctions.Hosting;

/// <summary>
/// Reads a day from a query parameter: <c>yyyy-MM-dd</c>, within bounds, or a problem naming the parameter (a 400,
/// never a 500 from date arithmetic at the edges of the calendar).
/// </summary>
public static class QueryDay
{
    /// <summary>
    /// The oldest day an operation on signals may ask for: signals are kept for <paramref name="days"/> days (the
    /// retention setting for a rescore as of a past day; the <see cref="SignalState.LiveDays"/>-day live window for a
    /// webhook replay, whose signals are held to it), so an earlier day has no signal to score or to store again.
    /// </summary>
    public static DateOnly EarliestWithSignals(DateOnly today, int days) => today.AddDays(-days);

    /// <summary>Why a rescore's day lies within the retention: the days signals are kept for, and the setting that says so.</summary>
    public static string RetentionWindow(int retentionDays) => string.Create(CultureInfo.InvariantCulture,
        $"signals are kept for {retentionDays} days (the signal retention, {Settings.SettingNames.SignalRetentionDays.Replace(":", "__", StringComparison.Ordinal)}); nothing is scored ahead of today");

    /// <summary>Why a replay's days lie within the live window, and how it differs from the retention a rescore is held to.</summary>
    public static string LiveWindow(int retentionDays) => string.Create(CultureInfo.InvariantCulture,
        $"a replay stores webhook signals, which are held to the {SignalState.LiveDays}-day live window; the {retentionDays}-day signal retention ({Settings.SettingNames.SignalRetentionDays.Replace(":", "__", StringComparison.Ordinal)}) is for backfills posted to /api/signals?backfill=true and for rescores of past days");

    /// <summary>
    /// The day in <paramref name="text"/>, if it lies from <paramref name="earliest"/> to <paramref name="latest"/>; otherwise null, and a
    /// problem in <paramref name="errors"/> that says why the range is what it is (<paramref name="why"/>: <see cref="RetentionWindow"/> or <see cref="LiveWindow"/>).
    /// </summary>
    public static DateOnly? Read(string? text, string field, DateOnly earliest, DateOnly latest, string why, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= earliest && day <= latest)
        {
            return day;
        }

        errors.Add(new FieldError(field, string.Create(CultureInfo.InvariantCulture,
            $"must be a date as yyyy-MM-dd from {earliest:yyyy-MM-dd} to {latest:yyyy-MM-dd}: {why}.")));
        return null;
    }
}
