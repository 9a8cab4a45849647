namespace HealthScoring.Calibration;

/// <summary>
/// Turns a fitted regression into model edits that the engine scores back exactly. Each metric's part of the churn
/// log-odds, f(value), becomes its score 100·(f_worst − f)/(f_worst − f_best), so its score runs from 0 at its
/// riskiest value to 100 at its safest: a straight line for a numeric metric (the normalizer's range and direction),
/// a score per level otherwise, and a score for "no value". Its weight is proportional to its effect f_worst − f_best,
/// and a component's to the effects inside it, so the weighted mean is a fixed number minus a fixed multiple of the
/// log-odds: the proposed score ranks every training account as the regression does. A segment's or stage's part of
/// the log-odds becomes a shift in points at the same rate. No weight is ever negative: a metric that runs backwards
/// is flipped, and said so.
/// </summary>
internal sealed class ModelMapper
{
    private readonly HealthModel current;
    private readonly Design design;
    private readonly LogisticFit fit;
    private readonly Dictionary<string, MetricPlan> plans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupEdit> groupEdits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricEdit> metricEdits = new(StringComparer.Ordinal);
    private readonly List<ModelChange> changes = [];
    private readonly List<WeightProposal> componentWeights = [];
    private readonly List<WeightProposal> metricWeights = [];

    private ModelMapper(HealthModel current, Design design, LogisticFit fit)
    {
        this.current = current;
        this.design = design;
        this.fit = fit;
    }

    private enum NodeKind
    {
        /// <summary>Fitted, with an effect: its weight follows the effect.</summary>
        Fitted,

        /// <summary>Fitted, but it made no difference: weight 0.</summary>
        Flat,

        /// <summary>No value in any training outcome: keeps its weight (reweighting leaves it out of every training score).</summary>
        NoData,

        /// <summary>The same value in every training outcome: keeps its weight (a constant part of every training score).</summary>
        Constant,
    }

    /// <summary>The edits, the score points per unit of churn log-odds, and the explanations.</summary>
    public static MappedModel Map(HealthModel current, Design design, LogisticFit fit)
    {
        var mapper = new ModelMapper(current, design, fit);
        for (var m = 0; m < design.Metrics.Count; m++)
        {
            mapper.plans[design.Metrics[m].Metric.Name] = mapper.PlanMetric(m);
        }

        var root = new ComponentDefinition(string.Empty, 1, GroupAggregation.WeightedMean, current.Components, []);
        var node = mapper.PlanGroup(root, string.Empty);
        if (node.Kind != NodeKind.Fitted)
        {
            throw new CalibrationDataException(
                "No metric of the model varied with churn in the training outcomes (no data at the cut-offs, or the same value everywhere): there is nothing to calibrate.");
        }

        var segmentShifts = mapper.Shifts(design.SegmentColumns, current.Segments.ToDictionary(s => s.Key,
            s => s.Value.Components is not null ? "components and weights" : s.Value.Weights.Count > 0 ? "weights" : null), node.Lambda, "segment", ChangeKind.Segment);
        var stageShifts = mapper.Shifts(design.StageColumns, current.LifecycleStages.ToDictionary(s => s.Key, s => s.Value.Weights.Count > 0 ? "weights" : null),
            node.Lambda, "lifecycle stage", ChangeKind.Stage);
        var edits = new ModelEdits(mapper.groupEdits, mapper.metricEdits, segmentShifts, stageShifts);
        return new MappedModel(edits, node.Lambda, mapper.changes, mapper.componentWeights, mapper.metricWeights);
    }

    private MetricPlan PlanMetric(int m)
    {
        var e = design.Metrics[m];
        var c = design.Columns[m];
        if (!c.Fitted)
        {
            return new MetricPlan(c.Present == 0 ? NodeKind.NoData : NodeKind.Constant, 0, null, null, []);
        }

        return e.IsLinear ? PlanLinear(e, c) : PlanLevels(e, c);
    }

    private MetricPlan PlanLinear(MetricEncoding e, MetricColumns c)
    {
        var name = e.Metric.Name;
        var b = c.RawColumn >= 0 ? fit.Coefficients[c.RawColumn] : 0;
        var mean = c.RawColumn >= 0 ? fit.Means[c.RawColumn] : 0;
        var fNone = (b * mean) + (c.NoValueColumn >= 0 ? fit.Coefficients[c.NoValueColumn] : 0);
        var notes = new List<ModelChange>();
        if (c.RawColumn < 0 || b == 0)
        {
            // Only "has a value" against "has none" made a difference: a constant score with data, another without.
            if (Math.Abs(fNone) < 1e-12)
            {
                return new MetricPlan(NodeKind.Flat, 0, null, null, []);
            }

            var withData = fNone > 0 ? 100.0 : 0.0;
            notes.Add(new ModelChange(e.Path, ChangeKind.Missing,
                $"`{name}`: only having a value mattered: {withData:0} with a value, {100 - withData:0} without (accounts without it churned {(fNone > 0 ? "more" : "less")})"));
            return new MetricPlan(NodeKind.Fitted, Math.Abs(fNone), new BandsNormalizer([new Band(null, withData)]), 100 - withData, notes);
        }

        // f(r) = b·r with a value, fNone without; the range covers every training value and the "no value" point.
        var rNone = fNone / b;
        var lo = Math.Min(c.Min, rNone);
        var hi = Math.Max(c.Max, rNone);
        var higherIsHealthier = b < 0;
        var (from, to) = higherIsHealthier ? (Round(lo), Round(hi)) : (Round(hi), Round(lo));
        Normalizer normalizer = e.Metric.Normalizer is InvertedNormalizer ? new InvertedNormalizer(to, from) : new LinearNormalizer(from, to);
        var missingScore = Math.Round(Math.Clamp(100 * (rNone - from) / (to - from), 0, 100), 3);
        var range = Describe(normalizer);
        var currentLow = e.CurrentScore(c.Min);
        var currentHigh = e.CurrentScore(c.Max);
        bool? wasHigherHealthier = currentLow is { } l && currentHigh is { } h && l != h ? h > l : null;
        var more = higherIsHealthier ? "lower" : "higher";
        if (wasHigherHealthier is { } was && was != higherIsHealthier)
        {
            notes.Add(new ModelChange(e.Path, ChangeKind.Flipped,
                $"flipped `{name}`: accounts with {more} {name} churned more, and the current model scored them as healthier; now {range}"));
        }
        else
        {
            notes.Add(new ModelChange(e.Path, ChangeKind.Range, $"`{name}`: accounts with {more} {name} churned more; now {range}"));
        }

        notes.Add(MissingNote(e, c, missingScore, 100 * (mean - from) / (to - from)));
        return new MetricPlan(NodeKind.Fitted, Math.Abs(b) * (hi - lo), normalizer, missingScore, notes);
    }

    private MetricPlan PlanLevels(MetricEncoding e, MetricColumns c)
    {
        var name = e.Metric.Name;
        var count = e.LevelNames.Count;
        var f = new double[count + 1];
        for (var l = 0; l <= count; l++)
        {
            f[l] = c.LevelColumns[l] >= 0 ? fit.Coefficients[c.LevelColumns[l]] : 0;
        }

        var worst = f.Max();
        var span = worst - f.Min();
        if (span < 1e-12)
        {
            return new MetricPlan(NodeKind.Flat, 0, null, null, []);
        }

        var score = f.Select(v => Math.Round(100 * (worst - v) / span, 3)).ToArray();
        Normalizer normalizer = e.Metric.Normalizer switch
        {
            BandsNormalizer bands => new BandsNormalizer(bands.Bands.Select((band, i) => band with { Score = score[i] }).ToArray()),
            BooleanNormalizer => new BooleanNormalizer(score[1], score[0]),
            CategoricalNormalizer cat => new CategoricalNormalizer(
                cat.Levels.Select((level, i) => level with { Score = score[i] }).ToArray(), cat.Otherwise is null ? null : score[cat.Levels.Count]),
            _ => throw new InvalidOperationException("not a levelled normalizer"),
        };

        var seen = Enumerable.Range(0, count).Where(l => c.LevelCounts[l] > 0).ToArray();
        var before = seen.Select(l => e.CurrentLevelScore(l) ?? 50).ToArray();
        var after = seen.Select(l => score[l]).ToArray();
        var reversed = Correlation(before, after) < 0;
        var notes = new List<ModelChange>();
        string text;
        if (e.Metric.Normalizer is BooleanNormalizer)
        {
            var withIt = score[1] < score[0] ? "more" : "less";
            text = $"`{name}`: accounts with it (non-zero) churned {withIt}: non-zero scores {Format.Number(score[1])}, zero {Format.Number(score[0])}";
        }
        else
        {
            var riskiest = seen.OrderBy(l => score[l]).First();
            text = $"`{name}`: scores per level now {Describe(normalizer)} ({e.LevelNames[riskiest]} churned most)";
        }

        notes.Add(reversed
            ? new ModelChange(e.Path, ChangeKind.Flipped, $"flipped {text}, the reverse of what the current model scored")
            : new ModelChange(e.Path, ChangeKind.Levels, text));
        var typical = seen.Sum(l => c.LevelCounts[l] * score[l]) / Math.Max(1, seen.Sum(l => c.LevelCounts[l]));
        notes.Add(MissingNote(e, c, score[count], typical));
        return new MetricPlan(NodeKind.Fitted, span, normalizer, score[count], notes);
    }

    private static ModelChange MissingNote(MetricEncoding e, MetricColumns c, double missingScore, double typical)
    {
        var name = e.Metric.Name;
        if (c.NoValue == 0)
        {
            return new ModelChange(e.Path, ChangeKind.Missing,
                $"`{name}` without a value scores {Format.Number(missingScore)}, as an average account (every training outcome had one)");
        }

        var how = missingScore < typical - 0.5 ? "more than" : missingScore > typical + 0.5 ? "less than" : "about as much as";
        return new ModelChange(e.Path, ChangeKind.Missing,
            $"`{name}` without a value scores {Format.Number(missingScore)}: the {c.NoValue} training accounts without it churned {how} a typical account with it");
    }

    /// <summary>Plans one group's children (recursively) and returns how the group itself behaves in training.</summary>
    private Node PlanGroup(ComponentDefinition group, string path)
    {
        var children = new List<Child>();
        foreach (var sub in group.Components)
        {
            var subPath = path.Length == 0 ? sub.Name : $"{path}.{sub.Name}";
            children.Add(new Child(subPath, sub.Name, sub.Weight, PlanGroup(sub, subPath), true));
        }

        foreach (var metric in group.Metrics)
        {
            var plan = plans[metric.Name];
            var lambda = plan.Kind == NodeKind.Fitted ? 100 / plan.Effect : double.NaN;
            children.Add(new Child($"{path}.{metric.Name}", metric.Name, metric.Weight, new Node(plan.Kind, lambda, plan.Effect), false));
        }

        var fitted = children.Where(c => c.Node.Kind == NodeKind.Fitted).ToList();
        var weights = new double[children.Count];
        Node node;
        if (fitted.Count == 0)
        {
            for (var i = 0; i < children.Count; i++)
            {
                weights[i] = children[i].Node.Kind == NodeKind.Flat ? 0 : children[i].Current;
            }

            if (weights.All(w => w <= 0))
            {
                // Nothing in it moves a training score: equal weights keep it valid, and its parent gives it weight 0.
                Array.Fill(weights, 1);
                node = new Node(NodeKind.Flat, double.NaN, 0);
            }
            else
            {
                var constant = children.Where((c, i) => c.Node.Kind == NodeKind.Constant && weights[i] > 0).Any();
                node = new Node(constant ? NodeKind.Constant : NodeKind.NoData, double.NaN, 0);
            }
        }
        else
        {
            var kept = children.Where(c => c.Node.Kind is NodeKind.Constant or NodeKind.NoData && c.Current > 0).ToList();
            var fittedCurrent = fitted.Sum(c => c.Current);
            var total = kept.Count == 0 ? 100 : fittedCurrent > 0 ? fittedCurrent : kept.Sum(c => c.Current);
            var inverse = fitted.Sum(c => 1 / c.Node.Lambda);
            for (var i = 0; i < children.Count; i++)
            {
                var child = children[i];
                weights[i] = child.Node.Kind switch
                {
                    NodeKind.Fitted => total / child.Node.Lambda / inverse,
                    NodeKind.Flat => 0,
                    _ => child.Current,
                };
            }

            var present = total + kept.Where(c => c.Node.Kind == NodeKind.Constant).Sum(c => c.Current);
            node = new Node(NodeKind.Fitted, total / inverse / present, fitted.Sum(c => c.Node.Effect));
        }

        for (var i = 0; i < children.Count; i++)
        {
            Record(children[i], Math.Round(weights[i], 4));
        }

        return node;
    }

    private void Record(Child child, double weight)
    {
        var kind = child.Node.Kind;
        string note;
        if (child.IsGroup)
        {
            var aggregation = FindGroup(child.Path)?.Aggregation;
            GroupAggregation? newAggregation = null;
            if (kind == NodeKind.Fitted && aggregation == GroupAggregation.Min)
            {
                newAggregation = GroupAggregation.WeightedMean;
                changes.Add(new ModelChange(child.Path, ChangeKind.Aggregation,
                    $"component `{child.Path}` is now a weighted mean (it was the weakest link): the fit adds the effects of its metrics"));
            }

            groupEdits[child.Path] = new GroupEdit(weight, newAggregation);
            note = WeightNote($"component `{child.Path}`", "metrics", kind, child.Current, weight, child.Node.Effect);
            componentWeights.Add(new WeightProposal(child.Path, child.Current, Math.Round(child.Node.Effect, 4), weight, note));
        }
        else
        {
            var plan = plans[child.Name];
            metricEdits[child.Name] = new MetricEdit(weight, plan.Normalizer, plan.MissingScore);
            changes.AddRange(plan.Notes);
            note = WeightNote($"`{child.Path}`", "value", kind, child.Current, weight, plan.Effect);
            metricWeights.Add(new WeightProposal(child.Path, child.Current, Math.Round(plan.Effect, 4), weight,
                plan.Notes.Count > 0 ? $"{plan.Notes[0].Text}; {note}" : note));
        }

        changes.Add(new ModelChange(child.Path, kind is NodeKind.Fitted or NodeKind.Flat ? ChangeKind.Weight : ChangeKind.Kept, note));
    }

    private static string WeightNote(string subject, string value, NodeKind kind, double current, double proposed, double effect)
    {
        return kind switch
        {
            NodeKind.Fitted => $"{subject}: weight {Format.Number(current)} → {Format.Number(proposed)} (churn log-odds move {Format.Number(effect)} from its best to its worst {value})",
            NodeKind.Flat => $"{subject}: weight {Format.Number(current)} → {Format.Number(proposed)}: it made no difference to churn in training",
            NodeKind.NoData => $"kept {subject} at weight {Format.Number(current)}: no data at the cut-offs, so the fit cannot weigh it",
            _ => $"kept {subject} at weight {Format.Number(current)}: every training outcome had the same value, so the fit cannot weigh it",
        };
    }

    private ComponentDefinition? FindGroup(string path)
    {
        IReadOnlyList<ComponentDefinition> level = current.Components;
        ComponentDefinition? found = null;
        foreach (var part in path.Split('.'))
        {
            found = level.FirstOrDefault(c => c.Name == part);
            if (found is null)
            {
                return null;
            }

            level = found.Components;
        }

        return found;
    }

    private Dictionary<string, double> Shifts(
        IReadOnlyDictionary<string, int> columns, Dictionary<string, string?> overridden, double lambda, string what, ChangeKind kind)
    {
        var shifts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, column) in columns)
        {
            var shift = Math.Round(Math.Clamp(-lambda * fit.Coefficients[column], -100, 100), 3);
            if (shift == 0)
            {
                continue;
            }

            shifts[name] = shift;
            changes.Add(new ModelChange(name, kind,
                $"{what} `{name}`: shift {Format.Signed(shift)} points (its accounts churned {(shift < 0 ? "more" : "less")} than others with the same signals)"));
        }

        foreach (var (name, own) in overridden.Where(o => o.Value is not null))
        {
            changes.Add(new ModelChange(name, kind,
                $"{what} `{name}`: its own {own} removed: one fitted set of weights serves every account, and what sets the {what} apart is its shift"));
        }

        return shifts;
    }

    /// <summary>A normalizer in words, e.g. "linear from 0 (score 0) to 200 (score 100)".</summary>
    public static string Describe(Normalizer normalizer) => normalizer switch
    {
        LinearNormalizer l => $"linear from {Format.Number(l.From)} (score 0) to {Format.Number(l.To)} (score 100)",
        InvertedNormalizer i => $"best {Format.Number(i.Best)} (score 100), worst {Format.Number(i.Worst)} (score 0)",
        BandsNormalizer b => string.Join(", ", b.Bands.Select((band, i) =>
            $"{(band.UpTo is { } u ? $"≤{Format.Number(u)}" : i == 0 ? "any value" : "more")}: {Format.Number(band.Score)}")),
        BooleanNormalizer b => $"non-zero {Format.Number(b.TrueScore)}, zero {Format.Number(b.FalseScore)}",
        CategoricalNormalizer c => string.Join(", ", c.Levels.OrderByDescending(l => l.Score).Select(l => $"{l.Name} {Format.Number(l.Score)}"))
            + (c.Otherwise is { } o ? $", any other {Format.Number(o)}" : ""),
        _ => normalizer.Type,
    };

    private static double Correlation(double[] a, double[] b)
    {
        if (a.Length < 2)
        {
            return 0;
        }

        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa < 1e-12 || sbb < 1e-12 ? 0 : sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>Eight significant digits: plenty for the engine to reproduce the fit, short enough to read.</summary>
    private static double Round(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var digits = Math.Clamp(7 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
        return Math.Round(value, digits);
    }

    private sealed record MetricPlan(NodeKind Kind, double Effect, Normalizer? Normalizer, double? MissingScore, List<ModelChange> Notes);

    /// <summary>How a metric or group moves the training scores: λ score points per unit of churn log-odds when fitted.</summary>
    private sealed record Node(NodeKind Kind, double Lambda, double Effect);

    private sealed record Child(string Path, string Name, double Current, Node Node, bool IsGroup);
}

/// <summary>What <see cref="ModelMapper"/> produced.</summary>
/// <param name="Edits">The edits to the model document.</param>
/// <param name="PointsPerLogOdds">Score points per unit of churn log-odds (the score falls by this much when the log-odds rise by 1).</param>
/// <param name="Changes">Every change in words.</param>
/// <param name="Components">Component weights, current and proposed.</param>
/// <param name="Metrics">Metric weights, current and proposed.</param>
internal sealed record MappedModel(
    ModelEdits Edits, double PointsPerLogOdds, IReadOnlyList<ModelChange> Changes, IReadOnlyList<WeightProposal> Components, IReadOnlyList<WeightProposal> Metrics);
