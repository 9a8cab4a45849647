using System.Text.Json;

namespace HealthScoring;

/// <summary>Loads and validates health models from JSON (format: docs/scoring-model.md).</summary>
public static class HealthModelLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parses, validates and compiles a model.</summary>
    /// <exception cref="ModelValidationException">The document has problems; all of them are listed.</exception>
    public static HealthModel Load(string json) => LoadCore(json, fallbackPlaybooks: null);

    internal static HealthModel LoadCore(string json, PlaybookRules? fallbackPlaybooks)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelValidationException([new ModelError("$", $"not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            var r = new JsonModelReader();
            var model = Read(document.RootElement, r, fallbackPlaybooks);
            if (r.Errors.Count > 0 || model is null)
            {
                throw new ModelValidationException(r.Errors.Count > 0 ? r.Errors : [new ModelError("$", "invalid model")]);
            }

            return model;
        }
    }

    private static HealthModel? Read(JsonElement root, JsonModelReader r, PlaybookRules? fallbackPlaybooks)
    {
        if (!r.IsObject(root, "$"))
        {
            return null;
        }

        const string P = "$";
        r.RejectUnknown(root, P, "version", "name", "description", "missingData", "minimumCoverage", "tiers", "transitions", "components", "segments", "lifecycleStages", "playbooks", "displayScale");
        var parser = new ModelParser(r);
        var version = r.String(root, P, "version", required: true);
        var name = r.String(root, P, "name", required: false);
        var description = r.String(root, P, "description", required: false);
        var missing = r.Enum<MissingDataPolicy>(root, P, "missingData", required: false) ?? MissingDataPolicy.Reweight;
        var minimumCoverage = r.Number(root, P, "minimumCoverage", required: false, 0, 1) ?? 0.5;
        var tiers = Tiers(root, r);
        var transitions = Transitions(root, r);
        var display = Display(root, r);
        var hasPlaybooks = root.TryGetProperty("playbooks", out _);
        var playbooks = hasPlaybooks ? PlaybookReader.Read(root, r) : null;

        if (!root.TryGetProperty("components", out _))
        {
            r.Error("components", "is required");
        }

        var components = parser.Components(root, P);
        var componentsOk = r.Errors.Count == 0;
        ModelCompiler.Validate(components, "components", r);
        ModelCompiler.CheckPositiveWeights(components, "components", string.Empty, r);

        var segments = new Dictionary<string, SegmentDefinition>(StringComparer.Ordinal);
        var segmentNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (segmentName, value, path) in r.Map(root, P, "segments"))
        {
            if (!segmentNames.Add(segmentName))
            {
                r.Error(path, "duplicate segment name (names match case-insensitively)");
                continue;
            }

            if (!r.IsObject(value, path))
            {
                continue;
            }

            r.RejectUnknown(value, path, "components", "weights", "shift");
            IReadOnlyList<ComponentDefinition>? own = null;
            if (value.TryGetProperty("components", out _))
            {
                own = parser.Components(value, path);
                ModelCompiler.Validate(own, JsonModelReader.Child(path, "components"), r);
            }

            segments[segmentName] = new SegmentDefinition(own, Weights(value, path, r), Shift(value, path, r));
        }

        var stages = new Dictionary<string, LifecycleStageDefinition>(StringComparer.Ordinal);
        var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (stageName, value, path) in r.Map(root, P, "lifecycleStages"))
        {
            if (!stageNames.Add(stageName))
            {
                r.Error(path, "duplicate lifecycle stage name (names match case-insensitively)");
                continue;
            }

            if (r.IsObject(value, path))
            {
                r.RejectUnknown(value, path, "weights", "shift");
                stages[stageName] = new LifecycleStageDefinition(Weights(value, path, r), Shift(value, path, r));
            }
        }

        // Override keys are checked even when parts of the tree failed, so every problem shows up in one pass.
        var variants = Variants(components, segments, stages, r, checkWeights: componentsOk);
        if (version is null || tiers is null || transitions is null || variants is null || r.Errors.Count > 0)
        {
            return null;
        }

        var header = new ModelHeader(version, name, description, missing, minimumCoverage, tiers, transitions,
            playbooks ?? fallbackPlaybooks ?? PlaybookRules.Default, display);
        return new HealthModel(header, components, segments, stages, variants);
    }

    private static ModelVariant[,] Variants(
        IReadOnlyList<ComponentDefinition> components,
        Dictionary<string, SegmentDefinition> segments,
        Dictionary<string, LifecycleStageDefinition> stages,
        JsonModelReader r,
        bool checkWeights)
    {
        var segmentList = segments.ToList();
        var stageList = stages.ToList();
        var variants = new ModelVariant[segmentList.Count + 1, stageList.Count + 1];
        for (var s = 0; s <= segmentList.Count; s++)
        {
            var segment = s == 0 ? (KeyValuePair<string, SegmentDefinition>?)null : segmentList[s - 1];
            var segmentPath = segment is null ? null : $"segments.{segment.Value.Key}";
            var tree = segment?.Value.Components ?? components;
            if (segment is { } seg)
            {
                tree = ModelCompiler.ApplyWeights(tree, seg.Value.Weights, $"{segmentPath}.weights", r);
                if (checkWeights)
                {
                    ModelCompiler.CheckPositiveWeights(tree, segmentPath!, string.Empty, r);
                }
            }

            for (var l = 0; l <= stageList.Count; l++)
            {
                var stage = l == 0 ? (KeyValuePair<string, LifecycleStageDefinition>?)null : stageList[l - 1];
                var staged = tree;
                if (stage is { } st)
                {
                    // Unknown paths are reported once, against the base tree; other trees just skip them.
                    var probe = s == 0 ? r : new JsonModelReader();
                    staged = ModelCompiler.ApplyWeights(tree, st.Value.Weights, $"lifecycleStages.{st.Key}.weights", probe);
                    var context = segment is null ? string.Empty : $"with segment '{segment.Value.Key}': ";
                    if (checkWeights)
                    {
                        ModelCompiler.CheckPositiveWeights(staged, $"lifecycleStages.{st.Key}", context, r);
                    }
                }

                var shift = (segment?.Value.Shift ?? 0) + (stage?.Value.Shift ?? 0);
                variants[s, l] = new ModelVariant(segment?.Key, stage?.Key, CompiledTree.Build(staged), shift);
            }
        }

        return variants;
    }

    private static double Shift(JsonElement obj, string path, JsonModelReader r) =>
        r.Number(obj, path, "shift", required: false, -100, 100) ?? 0;

    private static Dictionary<string, double> Weights(JsonElement obj, string path, JsonModelReader r)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value, keyPath) in r.Map(obj, path, "weights"))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var w) && double.IsFinite(w) && w >= 0)
            {
                weights[key] = w;
            }
            else
            {
                r.Error(keyPath, $"expected a weight ≥ 0, found {value.GetRawText()}");
            }
        }

        return weights;
    }

    private static TierPolicy? Tiers(JsonElement root, JsonModelReader r)
    {
        if (!r.TryGet(root, "$", "tiers", required: false, out var obj))
        {
            return TierPolicy.Default;
        }

        if (!r.IsObject(obj, "tiers"))
        {
            return null;
        }

        r.RejectUnknown(obj, "tiers", "yellowFrom", "greenFrom", "hysteresis");
        var yellow = r.Number(obj, "tiers", "yellowFrom", required: false, 0, 100) ?? 60;
        var green = r.Number(obj, "tiers", "greenFrom", required: false, 0, 100) ?? 80;
        var hysteresis = r.Number(obj, "tiers", "hysteresis", required: false, min: 0) ?? 2;
        var ok = true;
        if (yellow <= 0 || green <= yellow)
        {
            r.Error("tiers.greenFrom", $"boundaries must satisfy 0 < yellowFrom < greenFrom ≤ 100 (got yellowFrom {yellow}, greenFrom {green})");
            ok = false;
        }
        else if (hysteresis * 2 >= green - yellow || yellow - hysteresis < 0 || green + hysteresis > 100)
        {
            r.Error("tiers.hysteresis", $"{hysteresis} is too wide: it must be under half the Yellow band ({(green - yellow) / 2}) and keep every tier reachable");
            ok = false;
        }

        return ok ? new TierPolicy(yellow, green, hysteresis) : null;
    }

    private static DisplayScale? Display(JsonElement root, JsonModelReader r)
    {
        var points = new List<DisplayPoint>();
        var ok = true;
        foreach (var (item, path) in r.Items(root, "$", "displayScale", required: false))
        {
            if (!r.IsObject(item, path))
            {
                ok = false;
                continue;
            }

            r.RejectUnknown(item, path, "weighted", "shown");
            var weighted = r.Number(item, path, "weighted", required: true, 0, 100);
            var shown = r.Number(item, path, "shown", required: true, 0, 100);
            if (weighted is null || shown is null)
            {
                ok = false;
                continue;
            }

            points.Add(new DisplayPoint(weighted.Value, shown.Value));
        }

        if (!ok || !root.TryGetProperty("displayScale", out var declared) || declared.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (DisplayScale.Problem(points) is { } problem)
        {
            var path = problem.Index < 0 ? "displayScale" : $"displayScale[{problem.Index}]{(problem.Field.Length > 0 ? "." + problem.Field : "")}";
            r.Error(path, problem.Message);
            return null;
        }

        return new DisplayScale(points);
    }

    private static TransitionPolicy? Transitions(JsonElement root, JsonModelReader r)
    {
        if (!r.TryGet(root, "$", "transitions", required: false, out var obj))
        {
            return TransitionPolicy.Default;
        }

        if (!r.IsObject(obj, "transitions"))
        {
            return null;
        }

        const string P = "transitions";
        var d = TransitionPolicy.Default;
        r.RejectUnknown(obj, P, "sharpDeclinePoints", "sharpDeclineDays", "recoveryLookbackDays", "drivers", "trendComparisonDays");
        var points = r.Number(obj, P, "sharpDeclinePoints", required: false, 0.1, 100) ?? d.SharpDeclinePoints;
        var days = r.Integer(obj, P, "sharpDeclineDays", required: false, 1, 366) ?? d.SharpDeclineDays;
        var lookback = r.Integer(obj, P, "recoveryLookbackDays", required: false, 1, 3660) ?? d.RecoveryLookbackDays;
        var drivers = r.Integer(obj, P, "drivers", required: false, 0, 100) ?? d.DriverCount;
        var trend = r.Integer(obj, P, "trendComparisonDays", required: false, 1, 3660) ?? d.TrendComparisonDays;
        return new TransitionPolicy(points, days, lookback, drivers, trend);
    }
}
