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
            if (r.TryGet(item, path, "when", required: true, out var when) && r.IsObject(when, JsonModelReader.Child(path, "when")))
            {
                var whenPath = JsonModelReader.Child(path, "when");
                r.RejectUnknown(when, whenPath, "kinds", "tiers");
                foreach (var (kind, kindPath) in r.Items(when, whenPath, "kinds", required: false))
                {
                    if (kind.ValueKind == JsonValueKind.String && TransitionKindNames.TryParse(kind.GetString(), out var parsed))
                    {
                        kinds.Add(parsed);
                    }
                    else
                    {
                        r.Error(kindPath, $"expected one of: {string.Join(", ", TransitionKindNames.All)}");
                    }
                }

                foreach (var (tier, tierPath) in r.Items(when, whenPath, "tiers", required: false))
                {
                    if (tier.ValueKind == JsonValueKind.String && EnumText.TryParse<HealthTier>(tier.GetString(), out var parsed))
                    {
                        tiers.Add(parsed);
                    }
                    else
                    {
                        r.Error(tierPath, "expected one of: Red, Yellow, Green");
                    }
                }
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
                rules.Add(new PlaybookRule(name, kinds, tiers, tasks));
            }
        }

        return new PlaybookRules(rules);
    }
}
