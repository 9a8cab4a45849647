using Azure;

namespace HealthFunctions.Storage;

/// <summary>
/// An account row as read: profile, signal state, the state's version (bumped by every signal or profile
/// write), the current score if any, and the ETag that guards the next write.
/// </summary>
public sealed record AccountRecord(
    string AccountId,
    AccountProfileData Profile,
    StoredSignalState State,
    long StateVersion,
    DateTimeOffset? LastSignalAt,
    ScoreSnapshot? Score,
    ETag ETag)
{
    /// <summary>When the profile was last set: the source's time for a webhook, the request's for the account API (null before either).</summary>
    public DateTimeOffset? ProfileUpdatedAt { get; init; }
}
