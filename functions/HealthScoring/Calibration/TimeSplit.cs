namespace HealthScoring.Calibration;

/// <summary>
/// Splits outcomes in time order, never shuffled: the earlier ones train, the later ones test, and every training
/// date is strictly before every test date (outcomes on the boundary day all go to the test side).
/// </summary>
public static class TimeSplit
{
    /// <summary>Splits <paramref name="items"/> by <paramref name="date"/> with about <paramref name="trainFraction"/> for training.</summary>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Test, DateOnly? FirstTestDate) Split<T>(
        IEnumerable<T> items, Func<T, DateOnly> date, double trainFraction)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(date);
        if (trainFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), "must be between 0 and 1 (exclusive).");
        }

        var sorted = items.OrderBy(date).ToList();
        var cut = (int)Math.Floor(sorted.Count * trainFraction);
        while (cut > 0 && cut < sorted.Count && date(sorted[cut - 1]) == date(sorted[cut]))
        {
            cut--;
        }

        return (sorted[..cut], sorted[cut..], cut < sorted.Count ? date(sorted[cut]) : null);
    }
}
