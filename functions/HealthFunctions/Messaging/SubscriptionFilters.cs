namespace HealthFunctions.Messaging;

/// <summary>
/// The score-changes topic's subscriptions and their filters, in one place: the local bus applies them and
/// infra/ declares the same SQL filters (a test keeps the two in step).
/// </summary>
public static class SubscriptionFilters
{
    /// <summary>Application property carrying the change kind.</summary>
    public const string KindProperty = "kind";

    /// <summary>Application property carrying the change's cause (signals, pulse, override, profile, model).</summary>
    public const string CauseProperty = "cause";

    /// <summary>
    /// Change kinds routed to the playbooks subscription: drops start recovery or adoption work, rises and recoveries into
    /// Green start expansion, a dwell starts its playbook; "unchanged" never reaches it. Which causes a playbook acts on is
    /// the model's playbook rules' choice, so every cause is routed.
    /// </summary>
    public static readonly IReadOnlyList<string> PlaybookKinds = ["tier-drop", "sharp-decline", "tier-rise", "recovered", "tier-dwell"];

    /// <summary>The playbooks subscription's SQL filter, as infra/ sets it.</summary>
    public static string PlaybooksSql => $"{KindProperty} IN ({string.Join(", ", PlaybookKinds.Select(k => $"'{k}'"))})";

    /// <summary>Whether a message with these properties reaches the playbooks subscription.</summary>
    public static bool MatchesPlaybooks(IReadOnlyDictionary<string, string> properties) =>
        properties.TryGetValue(KindProperty, out var kind) && PlaybookKinds.Contains(kind, StringComparer.Ordinal);

    /// <summary>
    /// Change kinds routed to the alerts subscription: tier drops and sharp declines alert on their own; rises,
    /// recoveries and a long stay in a tier (tier-dwell) alert when they open a playbook task.
    /// </summary>
    public static readonly IReadOnlyList<string> AlertKinds = ["tier-drop", "sharp-decline", "tier-rise", "recovered", "tier-dwell"];

    /// <summary>The alerts subscription's SQL filter, as infra/ sets it.</summary>
    public static string AlertsSql => $"{KindProperty} IN ({string.Join(", ", AlertKinds.Select(k => $"'{k}'"))})";

    /// <summary>Whether a message with these properties reaches the alerts subscription.</summary>
    public static bool MatchesAlerts(IReadOnlyDictionary<string, string> properties) =>
        properties.TryGetValue(KindProperty, out var kind) && AlertKinds.Contains(kind, StringComparer.Ordinal);
}
