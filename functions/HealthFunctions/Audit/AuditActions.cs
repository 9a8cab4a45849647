namespace HealthFunctions.Audit;

/// <summary>The changes the audit trail records (wire names), and the system scopes for the changes that belong to no account.</summary>
public static class AuditActions
{
    /// <summary>A CSM pulse set (POST) on an account.</summary>
    public const string PulseSet = "pulse.set";

    /// <summary>A CSM pulse ended (DELETE).</summary>
    public const string PulseEnd = "pulse.end";

    /// <summary>A manual override set.</summary>
    public const string OverrideSet = "override.set";

    /// <summary>A manual override ended.</summary>
    public const string OverrideEnd = "override.end";

    /// <summary>A profile replaced (PUT) or created.</summary>
    public const string ProfilePut = "profile.put";

    /// <summary>Profile fields changed (PATCH).</summary>
    public const string ProfilePatch = "profile.patch";

    /// <summary>A task's status, owner or note changed (the target is the task id).</summary>
    public const string TaskChange = "task.change";

    /// <summary>A model made active (scope <see cref="ModelsScope"/>; the target is the version).</summary>
    public const string ModelActivate = "model.activate";

    /// <summary>Archived or parked webhook deliveries replayed (scope <see cref="WebhooksScope"/>).</summary>
    public const string WebhookReplay = "webhooks.replay";

    /// <summary>System scope of model activations.</summary>
    public const string ModelsScope = "models";

    /// <summary>System scope of webhook replays.</summary>
    public const string WebhooksScope = "webhooks";

    /// <summary>Every system scope (<c>GET /api/audit?scope=</c>).</summary>
    public static IReadOnlyList<string> Scopes { get; } = [ModelsScope, WebhooksScope];
}
