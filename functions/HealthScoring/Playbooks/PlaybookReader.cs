using System.Text.Json;

namespace HealthScoring;

/// <summary>Reads the <c>"playbooks"</c> section of a model document.</summary>
internal static class PlaybookReader
{
    public static PlaybookRules Read(JsonElement root, JsonModelReader r)
    {
        var rules = new List<PlaybookRule>();
        foreach (var (item, path) in r.Items(root, "$", "playbooks", required: false))
        {
            if (!r.IsObject(item, path))
            {
                continue;
            }

            r.RejectUnknown(item, path, "name", "when", "tasks");
            var name = r.String(item, path, "name", required: true);
            var kinds = new List<TransitionKind>();
            var tiers = new List<HealthTier>();
            List<TransitionCause>? causes = null;
            DwellTrigger? dwell = null;
            if (r.TryGet(item, path, "when", required: true, out var when) && r.IsObject(when, JsonModelReader.Child(path, "when")))
            {
                var whenPath = JsonModelReader.Child(path, "when");
                r.RejectUnknown(when, whenPath, "kinds", "tiers", "causes", "dwell");
                foreach (var (kind, kindPath) in r.Items(when, whenPath, "kinds", required: false))
                {
                    if (kind.ValueKind == JsonValueKind.String && TransitionKindNames.TryParse(kind.GetString(), out var parsed) && parsed != TransitionKind.TierDwell)
                    {
                        kinds.Add(parsed);
                    }
                    else
                    {
                        r.Error(kindPath, $"expected one of: {string.Join(", ", TransitionKindNames.All.Where(k => k != "tier-dwell"))} (a dwell is set with \"dwell\")");
                    }
                }

                foreach (var (tier, tierPath) in r.Items(when, whenPath, "tiers", required: false))
                {
                    if (ReadTier(tier) is { } parsed)
                    {
                        tiers.Add(parsed);
                    }
                    else
                    {
                        r.Error(tierPath, "expected one of: Red, Yellow, Green");
                    }
                }

                if (r.TryGet(when, whenPath, "causes", required: false, out _))
                {
                    causes = [];
                    foreach (var (cause, causePath) in r.Items(when, whenPath, "causes", required: false))
                    {
                        if (cause.ValueKind == JsonValueKind.String && TransitionCauseNames.TryParse(cause.GetString(), out var parsed))
                        {
                            causes.Add(parsed);
                        }
                        else
                        {
                            r.Error(causePath, $"expected one of: {string.Join(", ", TransitionCauseNames.All)}");
                        }
                    }
                }

                dwell = ReadDwell(when, whenPath, r);
            }

            var tasks = new List<PlaybookTask>();
            var taskItems = r.Items(item, path, "tasks", required: true).ToList();
            foreach (var (task, taskPath) in taskItems)
            {
                if (!r.IsObject(task, taskPath))
                {
                    continue;
                }

                r.RejectUnknown(task, taskPath, "title", "description", "dueInDays", "owner");
                var title = r.String(task, taskPath, "title", required: true);
                var description = r.String(task, taskPath, "description", required: false) ?? string.Empty;
                var due = r.Integer(task, taskPath, "dueInDays", required: true, 0, 365);
                var owner = r.String(task, taskPath, "owner", required: false) ?? "csm";
                if (name is not null && title is not null && due is not null)
                {
                    tasks.Add(new PlaybookTask(name, title, description, due.Value, owner));
                }
            }

            if (name is not null)
            {
                rules.Add(new PlaybookRule(name, kinds, tiers, tasks, causes, dwell));
            }
        }

        foreach (var group in rules.Where(x => x.Dwell is not null).GroupBy(x => x.Playbook, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            r.Error("playbooks", $"playbook '{group.Key}' has more than one dwell trigger; give each dwell its own playbook name");
        }

        return new PlaybookRules(rules);
    }

    private static HealthTier? ReadTier(JsonElement tier) =>
        tier.ValueKind == JsonValueKind.String && EnumText.TryParse<HealthTier>(tier.GetString(), out var parsed) ? parsed : null;

    /// <summary>Reads <c>"dwell": { "tier": "Red", "days": 14 }</c>, or null when absent or invalid (the errors are recorded).</summary>
    private static DwellTrigger? ReadDwell(JsonElement when, string whenPath, JsonModelReader r)
    {
        var path = JsonModelReader.Child(whenPath, "dwell");
        if (!r.TryGet(when, whenPath, "dwell", required: false, out var dwell) || !r.IsObject(dwell, path))
        {
            return null;
        }

        r.RejectUnknown(dwell, path, "tier", "days");
        HealthTier? tier = null;
        if (r.TryGet(dwell, path, "tier", required: true, out var tierValue))
        {
            tier = ReadTier(tierValue);
            if (tier is null)
            {
                r.Error(JsonModelReader.Child(path, "tier"), "expected one of: Red, Yellow, Green");
            }
        }

        var days = r.Integer(dwell, path, "days", required: true, 1, 366);
        return tier is { } t && days is { } d ? new DwellTrigger(t, d) : null;
    }
}
