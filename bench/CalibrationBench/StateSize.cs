using System.Globalization;
using HealthFunctions.Storage;

namespace CalibrationBench;

/// <summary>
/// What the signal retention costs: for a few account profiles and retentions, the encoded state, what the account row
/// keeps (the live months, as <see cref="StateLayout"/> places them), how many month rows hold the rest and the largest
/// one, against the limits (a row holds 1 MiB; the account row's state share is <see cref="StateLayout.InlineBytes"/>).
/// Pure: the same bytes the store writes, without storage. Last line "statesize: ratio=R ..." with R = largest row's
/// state over the 1 MiB entity limit (must stay under 1).
/// </summary>
internal static class StateSize
{
    private const int EntityLimit = 1024 * 1024;
    private static readonly DateTimeOffset Today = new(2026, 11, 20, 23, 0, 0, TimeSpan.Zero);

    public static int Run()
    {
        var inv = CultureInfo.InvariantCulture;
        (string Name, int Metrics, int PerDay, bool Fractional)[] profiles =
        [
            ("typical: 15 metrics, one whole number a day", 15, 1, false),
            ("busy: 15 metrics, 5 fractional values a day", 15, 5, true),
            ("at the limit: 200 metrics, 5 fractional values a day", 200, 5, true),
        ];
        int[] retentions = [180, 365, 730, 1825, 3650];
        var largest = 0;
        Console.WriteLine("| account | retention (days) | state, all months | account row keeps | month rows | largest month row |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, metrics, perDay, fractional) in profiles)
        {
            foreach (var days in retentions)
            {
                var state = Build(metrics, days, perDay, fractional);
                var months = state.SplitByMonth();
                var liveFrom = StateMonth.Of(DateOnly.FromDateTime(Today.UtcDateTime).AddDays(1 - SignalState.LiveDays));
                var (kept, moved) = StateLayout.Place(months, liveFrom);
                var total = SignalStateCodec.Encode(state).Length;
                var inline = SignalStateCodec.Encode(kept).Length;
                var biggest = moved.Count == 0 ? 0 : moved.Values.Max(m => SignalStateCodec.Encode(m).Length);
                largest = Math.Max(largest, Math.Max(inline, biggest));
                var liveOut = moved.Keys.Count(m => m >= liveFrom);
                Console.WriteLine(string.Create(inv,
                    $"| {name} | {days:N0} | {Kb(total)} | {Kb(inline)} ({kept.Months.Count} months{(liveOut > 0 ? $"; {liveOut} live months in month rows" : "")}) | {moved.Count} | {(biggest == 0 ? "-" : Kb(biggest))} |"));
            }
        }

        Console.WriteLine(string.Create(inv,
            $"statesize: ratio={largest / (double)EntityLimit:0.000} largest_row_state_bytes={largest} inline_budget={StateLayout.InlineBytes} max_month_bytes={StateLayout.MaxMonthBytes} entity_limit={EntityLimit}"));
        return 0;
    }

    private static string Kb(int bytes) => bytes < 1024 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N0} KiB");

    private static SignalState Build(int metrics, int days, int perDay, bool fractional)
    {
        var state = new SignalState();
        var random = new Random(42);
        for (var d = 0; d < days; d++)
        {
            for (var m = 0; m < metrics; m++)
            {
                for (var v = 0; v < perDay; v++)
                {
                    var value = fractional ? Math.Round(random.NextDouble() * 100, 3) + 0.0001 : random.Next(0, 200);
                    state.Apply($"metric_{m:D3}", value, Today.AddDays(-d).AddMinutes(-(v * 97) - m));
                }
            }
        }

        return state;
    }
}
