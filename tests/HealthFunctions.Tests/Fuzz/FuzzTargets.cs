using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthFunctions.Outcomes;
using HealthFunctions.Tests.Webhooks;
using HealthFunctions.Webhooks;
using HealthScoring;

namespace HealthFunctions.Tests.Fuzz;

/// <summary>
/// Every write endpoint the fuzz test drives. To cover a new one, add a <see cref="FuzzTarget"/> to <see cref="All"/>: a
/// path (hostile route values and query strings welcome), a valid seed body (the test mutates it), a fingerprint of the
/// state it writes (a 4xx must leave it unchanged) and a check that reads a 2xx back from storage.
/// </summary>
public static class FuzzTargets
{
    private static readonly string[] Metrics = ["logins", "nps", "csat", "tickets_opened", "payment_failures", "custom.metric-1"];

    /// <summary>The write endpoints, webhook sources included (one target per source).</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("IngestSignals", HttpMethod.Post, _ => "/api/signals", SignalsSeed, SignalsState, AcceptedEqualsStored),
        new("PutAccount", HttpMethod.Put, r => "/api/accounts/" + Uri.EscapeDataString(FuzzInput.RouteId(r)), ProfileSeed, ProfileState, ProfileStored),
        new("IngestOutcomes", HttpMethod.Post, _ => "/api/outcomes", OutcomesSeed, OutcomesState, OutcomesStored),
        new("IngestOutcomesCsv", HttpMethod.Post, _ => "/api/outcomes", OutcomesCsvSeed, OutcomesState, OutcomesStored, SeedContentType: "text/csv"),
        new("ActivateModel", HttpMethod.Post, _ => "/api/models/activate", ActivateSeed, (run, _) => run.ActiveModelAsync(), ModelActivated),
        new("RescoreNow", HttpMethod.Post, RescorePath, null, async (run, _) => $"{await run.HistoryRowsAsync()}", HistoryWritten),
        new("ReplayWebhooks", HttpMethod.Post, ReplayPath, null, SignalsState, AcceptedEqualsStored),
        new("DispatchNow", HttpMethod.Post, _ => "/api/ops/dispatch", null, async (run, _) => $"{await run.TasksAsync()}", DrainAccountedFor, TakesInput: false),
        new("PatchAccount", HttpMethod.Patch, r => "/api/accounts/" + Uri.EscapeDataString(KnownOrHostileId(r)), PatchSeed, ProfileState, ProfileStored),
        new("SetPulse", HttpMethod.Post, r => $"/api/accounts/{Uri.EscapeDataString(KnownOrHostileId(r))}/pulse", PulseSeed, CsmStateOf, CsmStored),
        new("SetOverride", HttpMethod.Post, r => $"/api/accounts/{Uri.EscapeDataString(KnownOrHostileId(r))}/override", OverrideSeed, CsmStateOf, CsmStored),
        new("PatchTask", HttpMethod.Patch, TaskPath, TaskPatchSeed, TaskStateOf, TaskStored),
        new("BulkUpdateTasks", HttpMethod.Post, _ => "/api/tasks/bulk", TaskBulkSeed, TasksStateOf, TasksStored),
        .. WebhookSource.All.Keys.Select(source => new FuzzTarget($"ReceiveWebhook/{source}", HttpMethod.Post, _ => $"/api/webhooks/{source}",
            r => WebhookSeed(r, source), SignalsState, DeliveryStored, WebhookSource: source)),
    ];

    /// <summary>Accounts and tasks every fuzz run creates before its cases (<see cref="FuzzRun.SeedAsync"/>), so that PATCH and pulse hit real ones.</summary>
    public static readonly string[] KnownAccounts = ["fz-known-0", "fz-known-1", "fz-known-2"];

    /// <summary>The ids of the tasks a run creates, one per known account.</summary>
    public static readonly string[] KnownTasks = ["t-fz-known-0", "t-fz-known-1", "t-fz-known-2"];

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static string KnownOrHostileId(Random r) => r.Next(4) == 0 ? FuzzInput.RouteId(r) : KnownAccounts[r.Next(KnownAccounts.Length)];

    private static string TaskPath(Random r) => "/api/tasks/" + Uri.EscapeDataString(r.Next(4) == 0 ? FuzzInput.RouteId(r) : KnownTasks[r.Next(KnownTasks.Length)]);

    private static byte[] PatchSeed(Random r) => Json(new JsonObject { ["owner"] = "lee-" + r.Next(100), ["arr"] = r.Next(0, 500_000) });

    private static byte[] PulseSeed(Random r) => Json(new JsonObject
    {
        ["value"] = r.Next(0, 11), ["author"] = "dana", ["expiresOn"] = "2026-12-20", ["note"] = "fuzz",
    });

    private static byte[] OverrideSeed(Random r) => Json(new JsonObject
    {
        ["tier"] = new[] { "Red", "Yellow", "Green" }[r.Next(3)], ["reason"] = "fuzz", ["author"] = "dana", ["expiresOn"] = "2026-12-20",
    });

    private static byte[] TaskPatchSeed(Random r) => Json(new JsonObject
    {
        ["status"] = new[] { "open", "done", "dismissed" }[r.Next(3)], ["owner"] = "lee-" + r.Next(100), ["note"] = "fuzz " + r.Next(),
    });

    private static byte[] TaskBulkSeed(Random r) => Json(new JsonObject
    {
        ["taskIds"] = new JsonArray(KnownTasks.Where(_ => r.Next(2) == 0).DefaultIfEmpty(KnownTasks[0]).Select(id => (JsonNode)id!).ToArray()),
        ["status"] = new[] { "open", "done", "dismissed" }[r.Next(3)], ["owner"] = "lee-" + r.Next(100), ["note"] = "fuzz " + r.Next(),
    });

    private static async Task<string> TasksStateOf(FuzzRun run, FuzzCase c) =>
        string.Join(';', await Task.WhenAll(KnownTasks.Select(run.TaskAsync)));

    private static async Task<string?> TasksStored(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        foreach (var t in answer!.Value.GetProperty("tasks").EnumerateArray())
        {
            var expected = string.Join('|', t.GetProperty("status").GetString(), t.TryGetProperty("owner", out var o) ? o.GetString() : null,
                t.TryGetProperty("note", out var n) ? n.GetString() : null);
            var stored = await run.TaskAsync(t.GetProperty("taskId").GetString()!);
            if (stored != expected)
            {
                return $"answered {expected}, stored {stored}";
            }
        }

        return null;
    }

    private static string RouteAccountId(FuzzCase c) => Uri.UnescapeDataString(c.Path.Split('/')[3]);

    private static Task<string> CsmStateOf(FuzzRun run, FuzzCase c) => run.CsmAsync(RouteAccountId(c));

    private static Task<string?> CsmStored(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        var a = answer!.Value;
        var expected = string.Join('|', a.TryGetProperty("pulse", out var p) ? p.GetRawText() : "", a.TryGetProperty("override", out var o) ? o.GetRawText() : "");
        return Task.FromResult(after == expected ? null : $"answered {expected}, stored {after}");
    }

    private static Task<string> TaskStateOf(FuzzRun run, FuzzCase c) => run.TaskAsync(Uri.UnescapeDataString(c.Path["/api/tasks/".Length..]));

    private static async Task<string?> TaskStored(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        var a = answer!.Value;
        var expected = string.Join('|', a.GetProperty("status").GetString(), a.TryGetProperty("owner", out var o) ? o.GetString() : null,
            a.TryGetProperty("note", out var n) ? n.GetString() : null);
        return await Task.FromResult(after == expected ? null : $"answered {expected}, stored {after}");
    }

    private static byte[] SignalsSeed(Random r) => Json(new JsonObject
    {
        ["signals"] = new JsonArray(Enumerable.Range(0, r.Next(1, 4)).Select(_ => (JsonNode)new JsonObject
        {
            ["accountId"] = $"fz-{r.Next(10)}",
            ["metric"] = Metrics[r.Next(Metrics.Length)],
            ["value"] = r.Next(0, 10),
            ["timestamp"] = WebhookSigner.Now.AddHours(-r.Next(0, 72)).ToString("O", CultureInfo.InvariantCulture),
            ["eventId"] = $"fz-{r.Next()}",
            ["source"] = "fuzz",
        }).ToArray()),
    });

    private static byte[] ProfileSeed(Random r) => Json(new JsonObject
    {
        ["name"] = "Fuzz " + r.Next(100), ["segment"] = "Enterprise", ["lifecycleStage"] = "mature", ["arr"] = r.Next(0, 500_000),
        ["renewalDate"] = "2027-03-31", ["owner"] = "dana",
    });

    private static byte[] OutcomesSeed(Random r) => Json(new JsonObject
    {
        ["outcomes"] = new JsonArray(new JsonObject
        {
            ["accountId"] = $"fz-{r.Next(10)}", ["date"] = $"2026-11-{r.Next(1, 23):00}", ["outcome"] = new[] { "renewed", "churned", "expanded" }[r.Next(3)],
            ["arrBefore"] = 1000, ["arrAfter"] = 1200,
        }),
    });

    private static byte[] OutcomesCsvSeed(Random r) =>
        Encoding.UTF8.GetBytes($"accountId,date,outcome,arrBefore\nfz-{r.Next(10)},2026-11-{r.Next(1, 23):00},renewed,1000\n");

    private static byte[] ActivateSeed(Random r) => Json(new JsonObject { ["version"] = DefaultModels.Default.Version });

    private static string RescorePath(Random r)
    {
        string[] asOf = ["", "2026-11-23", "2026-11-22", "2026-10-30", "2026-06-01", "2000-01-01", "0001-01-01", "2026-13-01", "9999-12-31", "garbage", "%ED%A0%80", "2026-11-23T00:00:00Z"];
        var pick = asOf[r.Next(asOf.Length)];
        return pick.Length == 0 ? "/api/ops/rescore" : "/api/ops/rescore?asOf=" + pick;
    }

    private static string ReplayPath(Random r)
    {
        var parts = new List<string>();
        void Maybe(string key, string[] values)
        {
            if (r.Next(2) == 0)
            {
                parts.Add($"{key}={values[r.Next(values.Length)]}");
            }
        }

        Maybe("source", [.. WebhookSource.All.Keys, "mailchimp", "", "%00"]);
        Maybe("from", ["2026-11-23", "2026-11-21", "2026-11-24", "2025-11-01", "garbage"]);
        Maybe("to", ["2026-11-23", "2026-11-20", "0001-01-01"]);
        Maybe("status", ["parked", "partial", "stored", ""]);
        Maybe("deliveryId", ["evt_1QfAilLkdIwHu7ixK0aHZ2nX", "fz-1", new string('x', 2000), "%ED%A0%80"]);
        return "/api/ops/replay?" + string.Join('&', parts);
    }

    /// <summary>A fixture of the source with fresh event ids, so that most cases are new events.</summary>
    private static byte[] WebhookSeed(Random r, string source)
    {
        var fixture = source switch
        {
            "segment" => new[] { "segment-track.json", "segment-group.json", "segment-group-metrics.json" }[r.Next(3)],
            "stripe" => new[] { "stripe-invoice-payment-failed.json", "stripe-subscription-updated-multi-item.json", "stripe-subscription-deleted.json" }[r.Next(3)],
            "zendesk" => new[] { "zendesk-ticket-created.json", "zendesk-ticket-solved.json", "zendesk-ticket-priority-urgent.json" }[r.Next(3)],
            "nps" => new[] { "nps-survey-response.json", "nps-ces-response.json" }[r.Next(2)],
            _ => "standard-signal.json",
        };
        var root = JsonNode.Parse(WebhookSigner.Fixture(fixture))!.AsObject();
        foreach (var id in new[] { "messageId", "id", "event_id" }.Where(root.ContainsKey))
        {
            root[id] = $"fz-{r.Next()}";
        }

        return Json(root);
    }

    private static async Task<string> SignalsState(FuzzRun run, FuzzCase c) => $"{await run.StoredSignalsAsync()}";

    private static Task<string?> AcceptedEqualsStored(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        var accepted = answer?.GetProperty("accepted").GetInt32() ?? -1;
        var stored = long.Parse(after, CultureInfo.InvariantCulture) - long.Parse(before, CultureInfo.InvariantCulture);
        return Task.FromResult(stored == accepted ? null : $"acknowledged {accepted} signals, stored {stored}");
    }

    private static string AccountIdOf(FuzzCase c) => RouteAccountId(c);

    private static Task<string> ProfileState(FuzzRun run, FuzzCase c) => run.ProfileAsync(AccountIdOf(c));

    private static Task<string?> ProfileStored(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        var a = answer!.Value;
        string? Text(string name) => a.TryGetProperty(name, out var p) ? (p.ValueKind == JsonValueKind.Number ? p.GetDouble().ToString("R", CultureInfo.InvariantCulture) : p.GetString()) : null;
        var expected = string.Join('|', Text("name"), Text("segment"), Text("lifecycleStage"), Text("arr"), Text("renewalDate"), Text("owner"));
        return Task.FromResult(after == expected ? null : $"answered profile {expected}, stored {after}");
    }

    private static async Task<string> OutcomesState(FuzzRun run, FuzzCase c) => $"{(await run.OutcomesAsync()).Count}";

    private static async Task<string?> OutcomesStored(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        var sent = OutcomeParser.Parse(c.Body, c.ContentType, run.Today); // what the endpoint accepted
        var stored = await run.OutcomesAsync();
        var missing = sent.Where(o => !stored.Contains(o)).ToList();
        return missing.Count == 0 && answer?.GetProperty("accepted").GetInt32() > 0 ? null : $"acknowledged, but not stored: {string.Join(", ", missing)}";
    }

    private static Task<string?> ModelActivated(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after) =>
        Task.FromResult(after == answer?.GetProperty("active").GetString() ? null : $"answered {answer}, the active model is {after}");

    private static async Task<string?> HistoryWritten(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        var day = DateOnly.Parse(answer!.Value.GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture);
        var scored = answer.Value.GetProperty("scored").GetInt32();
        var rows = await run.HistoryRowsAsync(day);
        return rows >= scored ? null : $"scored {scored} accounts on {day}, {rows} history rows";
    }

    private static Task<string?> DrainAccountedFor(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        var a = answer!.Value;
        var received = a.GetProperty("received").GetInt32();
        var handled = a.GetProperty("completed").GetInt32() + a.GetProperty("deadLettered").GetInt32() + a.GetProperty("abandoned").GetInt32();
        return Task.FromResult(received == handled && int.Parse(after, CultureInfo.InvariantCulture) >= int.Parse(before, CultureInfo.InvariantCulture)
            ? null : $"received {received}, handled {handled}; tasks {before} -> {after}");
    }

    private static async Task<string?> DeliveryStored(FuzzRun run, FuzzCase c, JsonElement? answer, string before, string after)
    {
        if (await AcceptedEqualsStored(run, c, answer, before, after) is { } problem)
        {
            return problem;
        }

        var source = c.Target.WebhookSource!;
        var deliveryId = answer!.Value.GetProperty("deliveryId").GetString()!;
        var status = answer.Value.GetProperty("status").GetString();
        // The archive is create-only: the first body received under a delivery id is the one kept.
        var first = run.DeliveryIds.Add((source, deliveryId));
        if (await run.ArchivedAsync(source, deliveryId) is not { } archived || (first && !archived.AsSpan().SequenceEqual(c.Body)))
        {
            return $"delivery {deliveryId} is not archived as received";
        }

        var parked = await run.ParkedAsync(source, deliveryId);
        return (status is "parked" or "partial") == (parked is not null) && (parked is null || parked.Status.ToString().Equals(status, StringComparison.OrdinalIgnoreCase))
            ? null : $"answered {status}, parked list says {parked?.Status.ToString() ?? "nothing"}";
    }
}
