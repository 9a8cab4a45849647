using System.Globalization;
using System.Text.Json.Nodes;

namespace HealthFunctions.Alerts;

/// <summary>
/// An alert as a Slack incoming-webhook message in Block Kit (docs/alerts.md cites Slack's reference): a top-level
/// <c>text</c> (what notifications and screen readers show), then a <c>header</c> block (plain text, at most 150
/// characters), <c>section</c> blocks (mrkdwn text at most 3,000 characters; at most 10 fields of at most 2,000), a
/// <c>context</c> block and an <c>actions</c> block whose button opens the account. Text from the data is escaped
/// (&amp;, &lt;, &gt;) so a name can never turn into a mention or a link.
/// </summary>
public static class SlackMessage
{
    /// <summary>Longest header text.</summary>
    public const int MaxHeader = 150;

    /// <summary>Longest section text.</summary>
    public const int MaxSectionText = 3000;

    /// <summary>Longest field text.</summary>
    public const int MaxFieldText = 2000;

    /// <summary>The message body for <paramref name="alert"/>.</summary>
    public static JsonObject For(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var owner = alert.Mention?.Slack is { Length: > 0 } id ? $"<@{Escape(id)}>" : Escape(alert.Owner ?? "unassigned");
        var fields = new JsonArray(
            Field("Segment", Escape(alert.Segment ?? "—")),
            Field("ARR", Alert.Money(alert.Arr)),
            Field("Renews", alert.RenewalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"),
            Field("Owner", owner));
        var blocks = new JsonArray(
            new JsonObject { ["type"] = "header", ["text"] = Plain(Cut(alert.Title, MaxHeader)) },
            new JsonObject { ["type"] = "section", ["text"] = Markdown(Cut(Escape(alert.Change), MaxSectionText)), ["fields"] = fields });
        if (alert.Moved.Count > 0)
        {
            blocks.Add(Section("*What moved*\n" + string.Join("\n", alert.Moved.Select(m => "• " + Escape(m)))));
        }

        if (alert.NewTasks.Count > 0)
        {
            blocks.Add(Section($"*New task{(alert.NewTasks.Count > 1 ? "s" : "")}* for {owner}\n"
                + string.Join("\n", alert.NewTasks.Select(t => $"• {Escape(t.Title)} (due {t.DueOn:yyyy-MM-dd}, {Escape(t.Playbook)})"))));
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(Markdown(Escape(alert.Context))),
        });
        if (alert.AccountUrl is { } url)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(new JsonObject { ["type"] = "button", ["text"] = Plain("Open account"), ["url"] = url.AbsoluteUri, ["action_id"] = "open-account" }),
            });
        }

        return new JsonObject { ["text"] = Escape($"{alert.Title}: {alert.Change}"), ["blocks"] = blocks };
    }

    /// <summary>Escapes the three characters Slack's mrkdwn reserves for mentions and links.</summary>
    public static string Escape(string text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Markdown(Cut(text, MaxSectionText)) };

    private static JsonObject Field(string name, string value) => Markdown(Cut($"*{name}*\n{value}", MaxFieldText));

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = false };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
