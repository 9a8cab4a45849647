using System.Collections;
using HealthScoring;
using HealthScoring.Calibration;

namespace CalibrationBench;

/// <summary>
/// Turns a dataset into what the pipeline sees. Row i of n (in the package's order) is account "NAME-i" whose renewal
/// outcome falls on day ⌊i·730/n⌋ after 2023-01-02, so outcomes run in row order over two years and the later 30%
/// of rows is the test period. Every column with a value is posted as a signal of the same name (a factor as its
/// level's code), the same value each time, from 182 days before the outcome to 7 days before it: weekly for the
/// comparison, daily (180 days) for the timing. A missing cell posts nothing. The segment column becomes the
/// account's segment. Posts after the 60-day cut-off exist, and the leakage guard must ignore them.
/// </summary>
internal static class Portfolio
{
    public static readonly DateOnly FirstOutcome = new(2023, 1, 2);

    public const int SpanDays = 730;

    public static DateOnly OutcomeDate(int index, int count) => FirstOutcome.AddDays((int)((long)index * SpanDays / count));

    /// <summary>Account <paramref name="index"/> of <paramref name="count"/>, built from row index mod rows.</summary>
    public static BacktestCase Case(Dataset data, int index, int count, bool daily)
    {
        var row = index % data.Rows.Count;
        var id = $"{data.Spec.Name}-{index:D5}";
        var date = OutcomeDate(index, count);
        var days = daily
            ? Enumerable.Range(1, 180).Select(d => date.AddDays(-181 + d)).ToArray()
            : Enumerable.Range(0, 26).Select(w => date.AddDays(-182 + (7 * w))).ToArray();
        var series = new Dictionary<string, DailyBucket[]>(StringComparer.Ordinal);
        foreach (var column in data.Spec.Columns)
        {
            if (data.Value(row, column) is { } value)
            {
                series[column.Signal] = days.Select(d => DailyBucket.Of(d, value)).ToArray();
            }
        }

        var segment = data.Text(row, data.Spec.Columns.Single(c => c.Name == data.Spec.Segment));
        var outcome = new RenewalOutcome(id, date, data.Churned(row) ? OutcomeKind.Churned : OutcomeKind.Renewed);
        return new BacktestCase(outcome, new AccountProfile(id, segment), [], new SignalHistory(series));
    }

    /// <summary>Every account, built when it is read (so 10,000 accounts × 180 days never sit in memory at once).</summary>
    public static IReadOnlyList<BacktestCase> Cases(Dataset data, int count, bool daily) => new LazyList(i => Case(data, i, count, daily), count);

    private sealed class LazyList(Func<int, BacktestCase> make, int count) : IReadOnlyList<BacktestCase>
    {
        public int Count => count;

        public BacktestCase this[int index] => make(index);

        public IEnumerator<BacktestCase> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return make(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
