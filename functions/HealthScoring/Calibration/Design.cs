namespace HealthScoring.Calibration;

/// <summary>One outcome as the calibrator sees it: the account at its cut-off and the raw value of every base metric.</summary>
/// <param name="Outcome">The renewal outcome.</param>
/// <param name="Cutoff">The outcome date less the lead time.</param>
/// <param name="Profile">The account's segment and lifecycle stage.</param>
/// <param name="Signals">The buckets on or before the cut-off.</param>
/// <param name="Raw">Per base metric (in <see cref="Design.Metrics"/> order), the raw value; NaN for none.</param>
internal sealed record CalibrationSample(RenewalOutcome Outcome, DateOnly Cutoff, AccountProfile Profile, SignalHistory Signals, double[] Raw);

/// <summary>What the training outcomes showed of one metric, and where its columns are.</summary>
internal sealed class MetricColumns(int levels)
{
    public int RawColumn { get; set; } = -1;

    public int NoValueColumn { get; set; } = -1;

    /// <summary>Per level, then one for "no value" last; -1 where the level had no training row.</summary>
    public int[] LevelColumns { get; } = Enumerable.Repeat(-1, levels + 1).ToArray();

    /// <summary>Training rows per level, "no value" last (levelled metrics only).</summary>
    public int[] LevelCounts { get; } = new int[levels + 1];

    public double Min { get; set; } = double.PositiveInfinity;

    public double Max { get; set; } = double.NegativeInfinity;

    public int Present { get; set; }

    public int NoValue { get; set; }

    public bool Fitted => RawColumn >= 0 || NoValueColumn >= 0 || LevelColumns.Any(c => c >= 0);
}

/// <summary>
/// The regression's columns: per metric its raw value (a number) or one indicator per level seen in training, an
/// indicator for "no value" when training had both, and one indicator per segment and lifecycle stage (an account
/// without one is the reference). Only what varied in the training outcomes gets a column.
/// </summary>
internal sealed class Design
{
    private readonly Dictionary<string, string> segmentNames;
    private readonly Dictionary<string, string> stageNames;

    private Design(IReadOnlyList<MetricEncoding> metrics, MetricColumns[] columns, Dictionary<string, string> segmentNames,
        Dictionary<string, string> stageNames, Dictionary<string, int> segmentColumns, Dictionary<string, int> stageColumns, List<bool> indicators)
    {
        Metrics = metrics;
        Columns = columns;
        this.segmentNames = segmentNames;
        this.stageNames = stageNames;
        SegmentColumns = segmentColumns;
        StageColumns = stageColumns;
        Indicators = indicators;
    }

    public IReadOnlyList<MetricEncoding> Metrics { get; }

    public MetricColumns[] Columns { get; }

    /// <summary>Segment (as the model will spell it) → column.</summary>
    public IReadOnlyDictionary<string, int> SegmentColumns { get; }

    /// <summary>Lifecycle stage (as the model will spell it) → column.</summary>
    public IReadOnlyDictionary<string, int> StageColumns { get; }

    /// <summary>Per column, whether it is a 0/1 indicator.</summary>
    public IReadOnlyList<bool> Indicators { get; }

    public int Count => Indicators.Count;

    /// <summary>The base tree's metrics, depth first, with the path of the component holding each.</summary>
    public static List<MetricEncoding> Encode(IReadOnlyList<ComponentDefinition> components, string parent = "")
    {
        var list = new List<MetricEncoding>();
        foreach (var c in components)
        {
            var path = parent.Length == 0 ? c.Name : $"{parent}.{c.Name}";
            list.AddRange(c.Metrics.Select(m => new MetricEncoding(m, path)));
            list.AddRange(Encode(c.Components, path));
        }

        return list;
    }

    public static Design Build(HealthModel current, IReadOnlyList<MetricEncoding> metrics, IReadOnlyList<CalibrationSample> train)
    {
        var indicators = new List<bool>();
        var columns = new MetricColumns[metrics.Count];
        for (var m = 0; m < metrics.Count; m++)
        {
            var e = metrics[m];
            var c = columns[m] = new MetricColumns(e.LevelNames.Count);
            var distinct = new HashSet<double>();
            foreach (var s in train)
            {
                var raw = s.Raw[m];
                if (e.IsLinear)
                {
                    if (double.IsNaN(raw))
                    {
                        c.NoValue++;
                        continue;
                    }

                    c.Present++;
                    c.Min = Math.Min(c.Min, raw);
                    c.Max = Math.Max(c.Max, raw);
                    distinct.Add(raw);
                }
                else
                {
                    var level = e.Level(raw);
                    c.LevelCounts[level == MetricEncoding.Missing ? ^1 : level]++;
                }
            }

            if (e.IsLinear)
            {
                if (distinct.Count >= 2)
                {
                    c.RawColumn = Add(indicators, false);
                }

                if (c.NoValue > 0 && c.Present > 0)
                {
                    c.NoValueColumn = Add(indicators, true);
                }
            }
            else if (c.LevelCounts.Count(n => n > 0) >= 2)
            {
                for (var l = 0; l < c.LevelCounts.Length; l++)
                {
                    if (c.LevelCounts[l] > 0)
                    {
                        c.LevelColumns[l] = Add(indicators, true);
                    }
                }

                c.Present = c.LevelCounts[..^1].Sum();
                c.NoValue = c.LevelCounts[^1];
            }
        }

        var segmentNames = Canonical(train.Select(s => s.Profile.Segment), current.Segments.Keys);
        var stageNames = Canonical(train.Select(s => s.Profile.LifecycleStage), current.LifecycleStages.Keys);
        var segmentColumns = Categories(train.Select(s => Name(segmentNames, s.Profile.Segment)).ToList(), indicators);
        var stageColumns = Categories(train.Select(s => Name(stageNames, s.Profile.LifecycleStage)).ToList(), indicators);
        return new Design(metrics, columns, segmentNames, stageNames, segmentColumns, stageColumns, indicators);
    }

    /// <summary>The design row of one sample (NaN where the raw value is missing; the fit takes the mean there).</summary>
    public double[] Row(CalibrationSample s)
    {
        var x = new double[Count];
        for (var m = 0; m < Metrics.Count; m++)
        {
            var c = Columns[m];
            var raw = s.Raw[m];
            if (Metrics[m].IsLinear)
            {
                if (c.RawColumn >= 0)
                {
                    x[c.RawColumn] = raw;
                }

                if (c.NoValueColumn >= 0)
                {
                    x[c.NoValueColumn] = double.IsNaN(raw) ? 1 : 0;
                }
            }
            else
            {
                var level = Metrics[m].Level(raw);
                var column = c.LevelColumns[level == MetricEncoding.Missing ? ^1 : level];
                if (column >= 0)
                {
                    x[column] = 1;
                }
            }
        }

        if (Name(segmentNames, s.Profile.Segment) is { } segment && SegmentColumns.TryGetValue(segment, out var sc))
        {
            x[sc] = 1;
        }

        if (Name(stageNames, s.Profile.LifecycleStage) is { } stage && StageColumns.TryGetValue(stage, out var tc))
        {
            x[tc] = 1;
        }

        return x;
    }

    /// <summary>The segment name as the proposed model spells it, or null for none (or one not seen in training).</summary>
    public string? SegmentName(string? segment) => Name(segmentNames, segment);

    /// <summary>The stage name as the proposed model spells it, or null.</summary>
    public string? StageName(string? stage) => Name(stageNames, stage);

    private static int Add(List<bool> indicators, bool indicator)
    {
        indicators.Add(indicator);
        return indicators.Count - 1;
    }

    /// <summary>One spelling per name, matched case-insensitively as the engine does; the model's own spelling first.</summary>
    private static Dictionary<string, string> Canonical(IEnumerable<string?> seen, IEnumerable<string> modelNames)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var n in modelNames.Concat(seen.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!)))
        {
            names.TryAdd(n, n);
        }

        return names;
    }

    private static string? Name(Dictionary<string, string> names, string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : names.GetValueOrDefault(name);

    /// <summary>An indicator per category seen in training, when training saw at least two (counting "none").</summary>
    private static Dictionary<string, int> Categories(List<string?> values, List<bool> indicators)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = values.Distinct().Count();
        if (distinct < 2)
        {
            return result;
        }

        foreach (var name in values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            result[name] = Add(indicators, true);
        }

        return result;
    }
}
