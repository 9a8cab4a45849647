using System.Text.Json.Nodes;

namespace HealthFunctions.Tests.Alerts;

/// <summary>
/// The message shapes Slack and Microsoft document for incoming webhooks, as checks: every problem is listed. Slack (Block
/// Kit reference, docs.slack.dev): a top-level <c>text</c> fallback; at most 50 blocks; a header's text is plain_text of
/// at most 150 characters; a section has text (1-3,000 characters) and/or at most 10 fields of at most 2,000; text objects
/// are plain_text or mrkdwn; a context holds text elements; an actions block's buttons have plain_text text and a url.
/// Teams (Workflows webhook, learn.microsoft.com): <c>type: message</c> with attachments whose contentType is the Adaptive
/// Card type and whose content is an AdaptiveCard with a version and a body of known elements; an Action.OpenUrl has a
/// title and a url; every mention entity's <c>&lt;at&gt;</c> text appears in the body and names an id.
/// </summary>
internal static class VendorShapes
{
    private static readonly string[] CardElements = ["TextBlock", "FactSet", "ColumnSet", "Container", "Image", "RichTextBlock"];

    public static List<string> SlackProblems(JsonNode message)
    {
        var problems = new List<string>();
        if (message["text"]?.GetValue<string>() is not { Length: > 0 })
        {
            problems.Add("text: a fallback is required");
        }

        var blocks = message["blocks"]?.AsArray();
        if (blocks is null || blocks.Count is 0 or > 50)
        {
            problems.Add("blocks: 1 to 50 blocks");
            return problems;
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i]!;
            var where = $"blocks[{i}]";
            switch (b["type"]?.GetValue<string>())
            {
                case "header":
                    Text(b["text"], $"{where}.text", 150, plainOnly: true, problems);
                    break;
                case "section":
                    var fields = b["fields"]?.AsArray();
                    if (b["text"] is null && fields is null)
                    {
                        problems.Add($"{where}: text or fields");
                    }

                    if (b["text"] is { } text)
                    {
                        Text(text, $"{where}.text", 3000, plainOnly: false, problems);
                    }

                    if (fields is not null)
                    {
                        if (fields.Count > 10)
                        {
                            problems.Add($"{where}.fields: at most 10");
                        }

                        for (var f = 0; f < fields.Count; f++)
                        {
                            Text(fields[f], $"{where}.fields[{f}]", 2000, plainOnly: false, problems);
                        }
                    }

                    break;
                case "context":
                    var elements = b["elements"]?.AsArray();
                    if (elements is null || elements.Count is 0 or > 10)
                    {
                        problems.Add($"{where}.elements: 1 to 10");
                    }
                    else
                    {
                        for (var e = 0; e < elements.Count; e++)
                        {
                            Text(elements[e], $"{where}.elements[{e}]", 3000, plainOnly: false, problems);
                        }
                    }

                    break;
                case "actions":
                    foreach (var button in b["elements"]?.AsArray() ?? [])
                    {
                        if (button?["type"]?.GetValue<string>() != "button")
                        {
                            problems.Add($"{where}: only buttons here");
                        }

                        Text(button?["text"], $"{where}.button.text", 75, plainOnly: true, problems);
                        if (!Uri.TryCreate(button?["url"]?.GetValue<string>(), UriKind.Absolute, out _))
                        {
                            problems.Add($"{where}.button.url: an absolute URL");
                        }
                    }

                    break;
                case "divider":
                    break;
                default:
                    problems.Add($"{where}.type: not a block this message uses");
                    break;
            }
        }

        return problems;
    }

    public static List<string> TeamsProblems(JsonNode message)
    {
        var problems = new List<string>();
        if (message["type"]?.GetValue<string>() != "message")
        {
            problems.Add("type: message");
        }

        var attachments = message["attachments"]?.AsArray();
        if (attachments is not { Count: > 0 })
        {
            problems.Add("attachments: at least one");
            return problems;
        }

        foreach (var attachment in attachments)
        {
            if (attachment?["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive")
            {
                problems.Add("attachments[].contentType: application/vnd.microsoft.card.adaptive");
            }

            var card = attachment?["content"];
            if (card?["type"]?.GetValue<string>() != "AdaptiveCard")
            {
                problems.Add("content.type: AdaptiveCard");
            }

            if (card?["version"]?.GetValue<string>() is not { Length: > 0 })
            {
                problems.Add("content.version: required");
            }

            var body = card?["body"]?.AsArray();
            if (body is not { Count: > 0 })
            {
                problems.Add("content.body: at least one element");
                continue;
            }

            foreach (var element in body)
            {
                var type = element?["type"]?.GetValue<string>();
                if (!CardElements.Contains(type))
                {
                    problems.Add($"body: '{type}' is not an Adaptive Card element");
                }

                if (type == "TextBlock" && element?["text"]?.GetValue<string>() is not { Length: > 0 })
                {
                    problems.Add("TextBlock.text: required");
                }

                if (type == "FactSet")
                {
                    foreach (var fact in element?["facts"]?.AsArray() ?? [])
                    {
                        if (fact?["title"] is null || fact["value"] is null)
                        {
                            problems.Add("FactSet.facts[]: title and value");
                        }
                    }
                }
            }

            foreach (var action in card?["actions"]?.AsArray() ?? [])
            {
                if (action?["type"]?.GetValue<string>() != "Action.OpenUrl" || action["title"] is null || !Uri.TryCreate(action["url"]?.GetValue<string>(), UriKind.Absolute, out _))
                {
                    problems.Add("actions[]: Action.OpenUrl with a title and an absolute url");
                }
            }

            var text = AllText(body);
            foreach (var entity in card?["msteams"]?["entities"]?.AsArray() ?? [])
            {
                var at = entity?["text"]?.GetValue<string>() ?? "";
                if (entity?["type"]?.GetValue<string>() != "mention" || !at.StartsWith("<at>", StringComparison.Ordinal) || entity["mentioned"]?["id"] is null
                    || !text.Contains(at, StringComparison.Ordinal))
                {
                    problems.Add($"msteams.entities: a mention whose '{at}' appears in the body, with mentioned.id");
                }
            }
        }

        return problems;
    }

    /// <summary>Every string in a JSON document, one per line (so a check reads text, not JSON escapes).</summary>
    public static string AllText(JsonNode node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => p.Value is null ? "" : AllText(p.Value))),
        JsonArray a => string.Join("\n", a.Select(i => i is null ? "" : AllText(i))),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private static void Text(JsonNode? text, string where, int max, bool plainOnly, List<string> problems)
    {
        var type = text?["type"]?.GetValue<string>();
        var value = text?["text"]?.GetValue<string>();
        if (type is not ("plain_text" or "mrkdwn") || (plainOnly && type != "plain_text"))
        {
            problems.Add($"{where}.type: {(plainOnly ? "plain_text" : "plain_text or mrkdwn")}");
        }

        if (value is null || value.Length is 0 || value.Length > max)
        {
            problems.Add($"{where}.text: 1 to {max} characters");
        }
    }
}
