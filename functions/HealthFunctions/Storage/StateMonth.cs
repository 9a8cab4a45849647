using System.Globalization;

namespace HealthFunctions.Storage;

/// <summary>A calendar month (UTC), the unit in which an account's older signal buckets are stored apart from its row.</summary>
/// <param name="Index">Months since January of year 0 (year × 12 + month − 1), so months compare and subtract as numbers.</param>
public readonly record struct StateMonth(int Index) : IComparable<StateMonth>
{
    /// <summary>The month holding <paramref name="day"/>.</summary>
    public static StateMonth Of(DateOnly day) => new((day.Year * 12) + day.Month - 1);

    /// <summary>The month holding the day number <paramref name="dayNumber"/>.</summary>
    public static StateMonth OfDayNumber(int dayNumber) => Of(DateOnly.FromDayNumber(dayNumber));

    /// <summary>The year.</summary>
    public int Year => Index / 12;

    /// <summary>The month, 1-12.</summary>
    public int Month => (Index % 12) + 1;

    /// <summary>The first day of the month.</summary>
    public DateOnly First => new(Year, Month, 1);

    /// <summary>The last day of the month.</summary>
    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    /// <summary>yyyyMM, fixed width (row keys sort by it).</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}{Month:D2}");

    /// <summary>Reads <see cref="Key"/>; null when it is not one.</summary>
    public static StateMonth? Parse(string key) =>
        key.Length == 6 && int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(key.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? new StateMonth((y * 12) + m - 1)
            : null;

    /// <inheritdoc />
    public int CompareTo(StateMonth other) => Index.CompareTo(other.Index);

    /// <summary>Orders months.</summary>
    public static bool operator <(StateMonth a, StateMonth b) => a.Index < b.Index;

    /// <summary>Orders months.</summary>
    public static bool operator >(StateMonth a, StateMonth b) => a.Index > b.Index;

    /// <summary>Orders months.</summary>
    public static bool operator <=(StateMonth a, StateMonth b) => a.Index <= b.Index;

    /// <summary>Orders months.</summary>
    public static bool operator >=(StateMonth a, StateMonth b) => a.Index >= b.Index;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
