using System.Globalization;

namespace HealthScoring.Calibration;

/// <summary>Numbers as the explanations print them.</summary>
internal static class Format
{
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Signed(double value) => (value > 0 ? "+" : "") + Number(value);

    public static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
