using HealthScoring;

namespace ScoringBench;

/// <summary>Reusable buffers for a batch of accounts, refilled with deterministic data per account index.</summary>
internal sealed class AccountBatch
{
    public const int Days = 90;

    // 12 of the default model's 15 signals; csm_pulse, ticket_severity_max and seat_utilization_pct are not sent.
    public static readonly string[] Signals =
    [
        "logins", "active_users_pct", "feature_adoption_pct", "nps", "csat", "ces", "tickets_opened",
        "resolution_hours", "escalations", "onboarding_progress_pct", "milestones_completed_pct", "payment_failures",
    ];

    private static readonly string?[] Segments = ["Enterprise", "MidMarket", "SMB", null];
    private static readonly ScoringInputs[] PreviousTiers =
        [ScoringInputs.None, new(PreviousTier: HealthTier.Red), new(PreviousTier: HealthTier.Yellow), new(PreviousTier: HealthTier.Green)];

    private readonly DateOnly firstDay;

    public AccountBatch(int size, DateOnly asOf)
    {
        Size = size;
        firstDay = asOf.AddDays(-(Days - 1));
        Series = new Dictionary<string, DailyBucket[]>[size];
        Profiles = new AccountProfile[size];
        Inputs = new ScoringInputs[size];
        for (var i = 0; i < size; i++)
        {
            Series[i] = new Dictionary<string, DailyBucket[]>(StringComparer.Ordinal);
            foreach (var signal in Signals)
            {
                Series[i][signal] = new DailyBucket[Days];
            }
        }
    }

    public int Size { get; }

    public Dictionary<string, DailyBucket[]>[] Series { get; }

    public AccountProfile[] Profiles { get; }

    public ScoringInputs[] Inputs { get; }

    public void Generate(long firstAccount, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var account = firstAccount + i;
            var rng = new SplitMix64((ulong)account * 0x9E3779B97F4A7C15UL);
            Profiles[i] = new AccountProfile($"acct-{account}", Segments[(int)(rng.Next() & 3)], (rng.Next() & 7) == 0 ? "onboarding" : "mature");
            Inputs[i] = PreviousTiers[(int)(rng.Next() & 3)];
            var health = Math.Sqrt(rng.NextDouble());   // an account-level tendency, so tiers spread out
            for (var s = 0; s < Signals.Length; s++)
            {
                Fill(Series[i][Signals[s]], s, health, ref rng);
            }
        }
    }

    private void Fill(DailyBucket[] buckets, int signal, double health, ref SplitMix64 rng)
    {
        var (low, high, integer) = signal switch
        {
            0 => (0.0, 12.0 * health, true),          // logins per day
            1 or 2 or 9 or 10 => (30.0 * health, 100.0 * health + 1, false),
            3 => (2 + (5 * health), 10.0, true),       // NPS answers
            4 => (1 + (2 * health), 5.0, true),        // CSAT
            5 => (1.0, 7 - (4 * health), true),        // CES
            6 => (0.0, 2.4 - (2 * health), true),      // tickets per day
            7 => (2.0, 80 - (60 * health), false),     // resolution hours
            _ => (0.0, 1.004, true),                   // escalations, payment failures: rare
        };
        for (var d = 0; d < Days; d++)
        {
            var v = low + ((high - low) * rng.NextDouble());
            if (integer)
            {
                v = Math.Floor(v);
            }

            buckets[d] = new DailyBucket(firstDay.AddDays(d), 1, v, v, v, v);
        }
    }
}
