using HealthScoring;

namespace HealthFunctions.Accounts;

/// <summary>Counts accounts by tier and sums their scores while a full rescore streams; thread-safe.</summary>
public sealed class PortfolioTally
{
    private readonly Lock _gate = new();
    private int _red, _yellow, _green, _unscored;
    private double _sum;

    /// <summary>Adds one account's score and tier for the day.</summary>
    public void Add(double? score, HealthTier? tier)
    {
        lock (_gate)
        {
            switch (tier)
            {
                case HealthTier.Red: _red++; break;
                case HealthTier.Yellow: _yellow++; break;
                case HealthTier.Green: _green++; break;
                default: _unscored++; break;
            }

            if (tier is not null && score is { } s)
            {
                _sum += s;
            }
        }
    }

    /// <summary>The day's counts.</summary>
    public PortfolioDay ToDay(DateOnly day)
    {
        lock (_gate)
        {
            var scored = _red + _yellow + _green;
            return new PortfolioDay(day, scored + _unscored, _red, _yellow, _green, _unscored,
                scored == 0 ? null : Math.Round(_sum / scored, 1, MidpointRounding.AwayFromZero));
        }
    }
}
