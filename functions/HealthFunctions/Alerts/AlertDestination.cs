using System.Net;
using System.Text.Json.Nodes;

namespace HealthFunctions.Alerts;

/// <summary>Where alerts go: Slack or Teams, its webhook URL, and how an alert is written for it.</summary>
public sealed record AlertDestination(string Name, Uri Url, Func<Alert, JsonObject> Body)
{
    /// <summary>The destinations the options turn on (a URL that is not usable turns its destination off).</summary>
    public static IReadOnlyList<AlertDestination> From(AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new List<AlertDestination>(2);
        if (Usable(options.SlackWebhookUrl) is { } slack)
        {
            list.Add(new AlertDestination("slack", slack, SlackMessage.For));
        }

        if (Usable(options.TeamsWebhookUrl) is { } teams)
        {
            list.Add(new AlertDestination("teams", teams, TeamsMessage.For));
        }

        return list;
    }

    /// <summary>An absolute https URL, or http on a loopback host (a local receiver); null otherwise.</summary>
    public static Uri? Usable(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var u)
        && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && (u.IsLoopback || (IPAddress.TryParse(u.Host, out var ip) && IPAddress.IsLoopback(ip)))))
            ? u
            : null;
}
