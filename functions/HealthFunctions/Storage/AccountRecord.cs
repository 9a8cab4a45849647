using Azure;

namespace HealthFunctions.Storage;

/// <summary>
/// An account row as read: profile, signal state, the state's version (bumped by every signal or profile
/// write), the current score if any, the ETag that guards the next write, the CSM's pulse and override, and when the
/// profile was last set.
/// </summary>
public sealed record AccountRecord(
    string AccountId,
    AccountProfileData Profile,
    StoredSignalState State,
    long StateVersion,
    DateTimeOffset? LastSignalAt,
    ScoreSnapshot? Score,
    ETag ETag,
    CsmInputs? Csm = null,
    DateTimeOffset? ProfileUpdatedAt = null);
