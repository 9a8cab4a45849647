namespace HealthFunctions.Webhooks;

/// <summary>What a replay of archived deliveries did; <see cref="FailedBlobs"/> names (up to 20) deliveries the current mapping refuses.</summary>
public sealed record ReplaySummary(string Source, DateOnly From, DateOnly To, int Deliveries, int Accepted, int Duplicates, int ProfilesUpdated,
    int Failed, IReadOnlyList<string> FailedBlobs);
