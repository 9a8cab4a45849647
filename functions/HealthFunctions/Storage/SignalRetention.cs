using HealthScoring;
using HealthScoring.Calibration;

namespace HealthFunctions.Storage;

/// <summary>
/// How long an account's signal buckets are kept (the SignalRetentionDays setting), and how far back scoring reads
/// today: the live window or the active model's lookback, whichever is longer.
/// </summary>
public sealed class SignalRetention
{
    /// <summary>Retention when the setting is not given: two years, two renewal cycles to backtest against.</summary>
    public const int DefaultDays = 730;

    /// <summary>The least retention accepted: the live window.</summary>
    public const int MinimumDays = SignalState.LiveDays;

    /// <summary>The most retention accepted (ten years).</summary>
    public const int MaximumDays = 3660;

    private readonly Func<HealthModel?> _model;
    private Lookback? _lookback;

    /// <summary>Retention of <paramref name="days"/>; <paramref name="activeModel"/> gives the model whose windows scoring reads.</summary>
    public SignalRetention(int days, Func<HealthModel?>? activeModel = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, MinimumDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaximumDays);
        Days = days;
        _model = activeModel ?? (() => null);
    }

    /// <summary>The default retention, with the live window as the read horizon.</summary>
    public static SignalRetention Default { get; } = new(DefaultDays);

    /// <summary>Days of buckets kept; a backfill may post this far back.</summary>
    public int Days { get; }

    /// <summary>Days back from a scoring day (inclusive) that scoring reads.</summary>
    public int ScoringDays
    {
        get
        {
            var model = _model();
            var cached = _lookback;
            if (cached is null || !ReferenceEquals(cached.Model, model))
            {
                cached = new Lookback(model, model is null ? 0 : AsOf.Lookback(model));
                _lookback = cached;
            }

            return Math.Max(SignalState.LiveDays, cached.Days);
        }
    }

    /// <summary>The oldest day kept on <paramref name="today"/>.</summary>
    public DateOnly OldestKept(DateOnly today) => today.AddDays(-Days);

    /// <summary>The first day scoring on <paramref name="day"/> reads.</summary>
    public DateOnly ScoringFrom(DateOnly day) => day.AddDays(1 - ScoringDays);

    private sealed record Lookback(HealthModel? Model, int Days);
}
