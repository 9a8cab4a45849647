namespace HealthFunctions.Scoring;

/// <summary>What an activation records on the stored active model (blob metadata): the model active before it, and why a
/// not-recommended model was forced.</summary>
/// <param name="Previous">The version active before (activating it again is a rollback).</param>
/// <param name="Forced">True when it was activated despite concerns.</param>
/// <param name="Reason">The reason given.</param>
public sealed record ActivationNote(string? Previous, bool Forced, string? Reason)
{
    /// <summary>Blob metadata (values escaped: versions and reasons may hold any character).</summary>
    public Dictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Previous is not null)
        {
            metadata["previous"] = Uri.EscapeDataString(Previous);
        }

        if (Forced)
        {
            metadata["forced"] = "true";
        }

        if (Reason is not null)
        {
            metadata["reason"] = Uri.EscapeDataString(Reason);
        }

        return metadata;
    }

    /// <summary>Reads the metadata (any key may be missing).</summary>
    public static ActivationNote Read(IDictionary<string, string>? metadata)
    {
        string? Get(string key) => metadata is not null && metadata.TryGetValue(key, out var v) ? Uri.UnescapeDataString(v) : null;
        return new ActivationNote(Get("previous"), Get("forced") == "true", Get("reason"));
    }
}
