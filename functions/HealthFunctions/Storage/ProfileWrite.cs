namespace HealthFunctions.Storage;

/// <summary>What a profile write did.</summary>
public enum ProfileWrite
{
    /// <summary>The account did not exist; it was created with the profile.</summary>
    Created,

    /// <summary>The profile was changed.</summary>
    Updated,

    /// <summary>Nothing: the stored profile is as new as the update or newer (a late or replayed update).</summary>
    NotNewer,
}
