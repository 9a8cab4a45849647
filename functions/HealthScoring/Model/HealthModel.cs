namespace HealthScoring;

/// <summary>
/// A validated, compiled health model. Load one with <see cref="HealthModelLoader.Load"/> or use
/// <see cref="DefaultModels.Default"/>; it is immutable and safe to share between threads.
/// </summary>
public sealed class HealthModel
{
    private readonly Dictionary<string, int> segmentIndex;
    private readonly Dictionary<string, int> stageIndex;
    private readonly ModelVariant[,] variants;

    internal HealthModel(
        ModelHeader header,
        IReadOnlyList<ComponentDefinition> components,
        IReadOnlyDictionary<string, SegmentDefinition> segments,
        IReadOnlyDictionary<string, LifecycleStageDefinition> lifecycleStages,
        ModelVariant[,] variants)
    {
        Version = header.Version;
        Name = header.Name;
        Description = header.Description;
        MissingData = header.MissingData;
        MinimumCoverage = header.MinimumCoverage;
        Tiers = header.Tiers;
        Transitions = header.Transitions;
        Playbooks = header.Playbooks;
        DisplayScale = header.DisplayScale;
        Components = components;
        Segments = segments;
        LifecycleStages = lifecycleStages;
        this.variants = variants;
        segmentIndex = Index(segments.Keys);
        stageIndex = Index(lifecycleStages.Keys);
        Labels = new ModelLabels(components, segments.Values.Where(s => s.Components is not null).Select(s => s.Components!));
    }

    /// <summary>The model version, stored with every score.</summary>
    public string Version { get; }

    /// <summary>A display name.</summary>
    public string? Name { get; }

    /// <summary>A free-text description.</summary>
    public string? Description { get; }

    /// <summary>What happens to metrics without data.</summary>
    public MissingDataPolicy MissingData { get; }

    /// <summary>Below this coverage (0-1) an account gets no score and no tier.</summary>
    public double MinimumCoverage { get; }

    /// <summary>Tier boundaries and hysteresis.</summary>
    public TierPolicy Tiers { get; }

    /// <summary>Transition classification settings.</summary>
    public TransitionPolicy Transitions { get; }

    /// <summary>How the weighted score is shown (null: as it is).</summary>
    public DisplayScale? DisplayScale { get; }

    /// <summary>Playbook rules.</summary>
    public PlaybookRules Playbooks { get; }

    /// <summary>The base component tree.</summary>
    public IReadOnlyList<ComponentDefinition> Components { get; }

    /// <summary>Segment models by name (matched case-insensitively).</summary>
    public IReadOnlyDictionary<string, SegmentDefinition> Segments { get; }

    /// <summary>What the metrics and components are called, with their units (the id where the model gives no label).</summary>
    public ModelLabels Labels { get; }

    /// <summary>Lifecycle stage weights by name (matched case-insensitively).</summary>
    public IReadOnlyDictionary<string, LifecycleStageDefinition> LifecycleStages { get; }

    /// <summary>The segment's name as the model spells it, or null when the model has no such segment.</summary>
    public string? SegmentName(string? segment) =>
        segment is not null && segmentIndex.TryGetValue(segment, out var i) ? variants[i + 1, 0].Segment : null;

    /// <summary>The lifecycle stage's name as the model spells it, or null when the model has no such stage.</summary>
    public string? LifecycleStageName(string? stage) =>
        stage is not null && stageIndex.TryGetValue(stage, out var i) ? variants[0, i + 1].LifecycleStage : null;

    /// <summary>
    /// Why a CSM pulse cannot move the score of an account with this segment and stage (every pulse metric, or a component
    /// holding it, has weight 0 in the weights that apply, or the model has no pulse metric); null when it can.
    /// </summary>
    public string? PulseBlocked(string? segment, string? stage)
    {
        var variant = Resolve(segment, stage);
        var tree = variant.Tree;
        var parentOfMetric = new (int Group, double Weight)[tree.Metrics.Length];
        var parentOfGroup = new (int Group, double Weight)[tree.Groups.Length];
        for (var g = 0; g < tree.Groups.Length; g++)
        {
            foreach (var child in tree.Groups[g].Children)
            {
                if (child.IsGroup)
                {
                    parentOfGroup[child.Index] = (g, child.Weight);
                }
                else
                {
                    parentOfMetric[child.Index] = (g, child.Weight);
                }
            }
        }

        var reasons = new List<string>();
        var root = tree.Groups.Length - 1;
        for (var i = 0; i < tree.Metrics.Length; i++)
        {
            var metric = tree.Metrics[i].Definition;
            if (!metric.Pulse)
            {
                continue;
            }

            string? zero = parentOfMetric[i].Weight > 0 ? null : $"{metric.Name} has weight 0";
            for (var g = parentOfMetric[i].Group; zero is null && g != root; g = parentOfGroup[g].Group)
            {
                if (parentOfGroup[g].Weight <= 0)
                {
                    zero = $"component {tree.Groups[g].Path} (holding {metric.Name}) has weight 0";
                }
            }

            if (zero is null)
            {
                return null;
            }

            reasons.Add(zero);
        }

        var where = (variant.Segment, variant.LifecycleStage) switch
        {
            (null, null) => "in the model's base weights",
            ({ } seg, null) => $"for segment {seg}",
            (null, { } st) => $"for lifecycle stage {st}",
            ({ } seg, { } st) => $"for segment {seg} and lifecycle stage {st}",
        };
        return reasons.Count == 0
            ? $"model {Version} has no pulse metric"
            : $"in model {Version}, {string.Join("; ", reasons)} {where}";
    }

    internal ModelVariant Resolve(string? segment, string? stage)
    {
        var s = segment is not null && segmentIndex.TryGetValue(segment, out var si) ? si + 1 : 0;
        var l = stage is not null && stageIndex.TryGetValue(stage, out var li) ? li + 1 : 0;
        return variants[s, l];
    }

    private static Dictionary<string, int> Index(IEnumerable<string> names)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            index[name] = index.Count;
        }

        return index;
    }
}
