using System.Globalization;
using System.Text.Json.Nodes;
using HealthScoring;

namespace HealthFunctions.Alerts;

/// <summary>
/// An alert as a Teams message for a Workflows webhook ("When a Teams webhook request is received", which takes Adaptive
/// Cards only; docs/alerts.md cites Microsoft's pages): <c>{"type":"message","attachments":[{"contentType":
/// "application/vnd.microsoft.card.adaptive","content": card}]}</c>, the card an <c>AdaptiveCard</c> of version 1.4 with
/// TextBlocks, a FactSet and an <c>Action.OpenUrl</c>; the owner, where mapped, is mentioned through the card's
/// <c>msteams.entities</c> (a mention's <c>&lt;at&gt;name&lt;/at&gt;</c> text appears in the body).
/// </summary>
public static class TeamsMessage
{
    /// <summary>The Adaptive Card attachment's content type.</summary>
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The Adaptive Card schema version used.</summary>
    public const string CardVersion = "1.4";

    /// <summary>The message body for <paramref name="alert"/>.</summary>
    public static JsonObject For(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        JsonObject? mention = null;
        var owner = alert.Owner ?? "unassigned";
        if (alert.Mention?.Teams is { Length: > 0 } id)
        {
            var name = alert.Mention.Name is { Length: > 0 } n ? n : owner;
            owner = $"<at>{name}</at>";
            mention = new JsonObject { ["type"] = "mention", ["text"] = owner, ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name } };
        }

        var body = new JsonArray(
            Text(alert.Title, bolder: true, size: "Medium", color: alert.Tier is HealthTier.Red ? "Attention" : alert.Tier is HealthTier.Yellow ? "Warning" : "Default"),
            Text(alert.Change),
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(
                    Fact("Segment", alert.Segment ?? "—"),
                    Fact("ARR", Alert.Money(alert.Arr)),
                    Fact("Renews", alert.RenewalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"),
                    Fact("Owner", owner)),
            });
        if (alert.Moved.Count > 0)
        {
            body.Add(Text("What moved", bolder: true));
            body.Add(Text(string.Join("\n", alert.Moved.Select(m => "- " + m))));
        }

        if (alert.NewTasks.Count > 0)
        {
            body.Add(Text(alert.NewTasks.Count > 1 ? "New tasks" : "New task", bolder: true));
            body.Add(Text(string.Join("\n", alert.NewTasks.Select(t => $"- {t.Title} (due {t.DueOn:yyyy-MM-dd}, {t.Playbook})"))));
        }

        body.Add(Text(alert.Context, subtle: true));
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = CardVersion,
            ["body"] = body,
        };
        if (alert.AccountUrl is { } url)
        {
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open account", ["url"] = url.AbsoluteUri });
        }

        if (mention is not null)
        {
            card["msteams"] = new JsonObject { ["entities"] = new JsonArray(mention) };
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card }),
        };
    }

    private static JsonObject Text(string text, bool bolder = false, string? size = null, string? color = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (bolder)
        {
            block["weight"] = "Bolder";
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
