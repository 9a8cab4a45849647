namespace HealthScoring.Calibration;

/// <summary>
/// How the fit sees one metric of the base tree. A metric whose normalizer is a straight line of its raw value
/// (linear, inverted, percent, clamped, percentile) is a number; one whose normalizer picks a score per band, per
/// yes/no or per category is one of a few levels. "No value" is a state of its own either way.
/// </summary>
internal sealed class MetricEncoding
{
    /// <summary>The level index that stands for "no value" in <see cref="Level"/>.</summary>
    public const int Missing = -1;

    public MetricEncoding(MetricDefinition metric, string group)
    {
        Metric = metric;
        Group = group;
        LevelNames = metric.Normalizer switch
        {
            BandsNormalizer b => BandNames(b.Bands),
            BooleanNormalizer => ["zero", "non-zero"],
            CategoricalNormalizer c => [.. c.Levels.Select(l => l.Name), .. c.Otherwise is null ? Array.Empty<string>() : ["other"]],
            _ => [],
        };
        IsLinear = LevelNames.Count == 0;
    }

    public MetricDefinition Metric { get; }

    /// <summary>Path of the component holding the metric.</summary>
    public string Group { get; }

    public string Path => $"{Group}.{Metric.Name}";

    /// <summary>True when the raw value itself is the feature; false when its level is.</summary>
    public bool IsLinear { get; }

    /// <summary>Readable names of the levels (empty for a linear metric).</summary>
    public IReadOnlyList<string> LevelNames { get; }

    /// <summary>The level of <paramref name="raw"/> (NaN: no value), or <see cref="Missing"/>.</summary>
    public int Level(double raw)
    {
        if (double.IsNaN(raw))
        {
            return Missing;
        }

        switch (Metric.Normalizer)
        {
            case BandsNormalizer b:
                for (var i = 0; i < b.Bands.Count - 1; i++)
                {
                    if (raw <= b.Bands[i].UpTo)
                    {
                        return i;
                    }
                }

                return b.Bands.Count - 1;
            case BooleanNormalizer:
                return raw != 0 ? 1 : 0;
            case CategoricalNormalizer c:
                var index = c.IndexOf(raw);
                return index >= 0 ? index : c.Otherwise is null ? Missing : c.Levels.Count;
            default:
                return Missing;
        }
    }

    /// <summary>The current model's 0-100 score of a level (with the metric's direction), for spotting a reversal.</summary>
    public double? CurrentLevelScore(int level)
    {
        double? score = Metric.Normalizer switch
        {
            BandsNormalizer b => b.Bands[level].Score,
            BooleanNormalizer b => level == 1 ? b.TrueScore : b.FalseScore,
            CategoricalNormalizer c => level < c.Levels.Count ? c.Levels[level].Score : c.Otherwise,
            _ => null,
        };
        return score is { } s && Metric.Direction == Direction.LowerIsBetter ? 100 - s : score;
    }

    /// <summary>The current model's 0-100 score of a raw value (with the metric's direction), or null when it cannot place it.</summary>
    public double? CurrentScore(double raw)
    {
        var s = Metric.Normalizer.NeedsPopulation ? null : Metric.Normalizer.Normalize(raw);
        return s is { } v && Metric.Direction == Direction.LowerIsBetter ? 100 - v : s;
    }

    private static string[] BandNames(IReadOnlyList<Band> bands)
    {
        var names = new string[bands.Count];
        for (var i = 0; i < bands.Count; i++)
        {
            names[i] = bands[i].UpTo is { } upTo
                ? $"≤{Format.Number(upTo)}"
                : $"over {Format.Number(bands[i - 1 < 0 ? 0 : i - 1].UpTo ?? 0)}";
        }

        if (bands.Count == 1)
        {
            names[0] = "any value";
        }

        return names;
    }
}
