using System.Globalization;

namespace HealthScoring;

/// <summary>Numbers rounded and written for people: 3.2249999999999996 is 3.22, 1234.5678 is 1,234.6.</summary>
public static class Readable
{
    /// <summary>Rounds to 2 decimals below 100 in size, to 1 decimal from 100 on (sensible for counts, percentages, hours, money).</summary>
    public static double Round(double value) =>
        !double.IsFinite(value) ? value : Math.Round(value, Math.Abs(value) < 100 ? 2 : 1, MidpointRounding.AwayFromZero);

    /// <summary>Rounds a nullable value (see <see cref="Round(double)"/>).</summary>
    public static double? Round(double? value) => value is { } v ? Round(v) : null;

    /// <summary>The value rounded and written with thousands separators and no trailing zeros ("1,234.5", "0.25", "42").</summary>
    public static string Format(double value) => Round(value).ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A signed number of points with 1 decimal ("+2.5", "-8.3").</summary>
    public static string Points(double value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    /// <summary>A share as a whole percentage ("35%").</summary>
    public static string Percent(double share) =>
        Math.Round(share * 100, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";
}
