using System.ComponentModel.DataAnnotations;

namespace HealthFunctions.Alerts;

/// <summary>
/// Slack and Teams alerts (section "HealthFunctions:Alerts"): where they go (the webhook URLs are secrets: Key Vault
/// references in Azure), which score changes alert (<see cref="Triggers"/>) and for which accounts (<see cref="Tiers"/>,
/// <see cref="Segments"/>, <see cref="MinArr"/>), who is mentioned (<see cref="Owners"/>), and how a failing receiver is
/// retried. A URL that is empty or not an absolute https URL (http only on loopback) turns that destination off, so the
/// placeholder a deployment seeds sends nothing.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "HealthFunctions:Alerts";

    /// <summary>Slack incoming webhook (https://hooks.slack.com/services/...).</summary>
    public string? SlackWebhookUrl { get; set; }

    /// <summary>Teams: the URL of a Workflows flow "When a Teams webhook request is received" that posts the card to a channel.</summary>
    public string? TeamsWebhookUrl { get; set; }

    /// <summary>Tiers the account must be in now, comma-separated (Red, Yellow, Green); empty: any.</summary>
    public string? Tiers { get; set; }

    /// <summary>Segments the account must be in, comma-separated (as the model names them); empty: any.</summary>
    public string? Segments { get; set; }

    /// <summary>Least ARR the account must have; 0: any (an account without ARR then passes too).</summary>
    [Range(0, 1e15)]
    public double MinArr { get; set; }

    /// <summary>What alerts, comma-separated: tier-drop, sharp-decline, new-task; empty: all three.</summary>
    public string? Triggers { get; set; }

    /// <summary>The dashboard's URL (…/api/dashboard/), for an "Open account" button; empty: none.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>Owners (as account profiles name them) mapped to whom an alert mentions: a Slack member id, a Teams UPN or object id.</summary>
    public Dictionary<string, AlertOwner> Owners { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attempts per message and destination within one run, with exponential backoff (a 429's Retry-After is honoured).</summary>
    [Range(1, 10)]
    public int Attempts { get; set; } = 3;

    /// <summary>The first backoff, doubled each attempt.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 1000;
}

/// <summary>Whom an alert about an owner's account mentions.</summary>
public sealed class AlertOwner
{
    /// <summary>Slack member id (U0123ABCD): the alert says &lt;@id&gt;.</summary>
    public string? Slack { get; set; }

    /// <summary>Teams user (UPN or Entra object id): the card mentions them.</summary>
    public string? Teams { get; set; }

    /// <summary>The name shown with a Teams mention (default: the owner as the profile has it).</summary>
    public string? Name { get; set; }
}
