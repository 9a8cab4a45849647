using HealthFunctions.Storage;

namespace HealthFunctions.Webhooks;

/// <summary>
/// Profile fields a delivery sets for one account (null fields keep what the account has), with the source's time of the
/// change: the update applies only over an older profile.
/// </summary>
public sealed record ProfileUpdate(string AccountId, AccountProfileData Fields, DateTimeOffset UpdatedAt)
{
    /// <summary>The current profile with the given fields laid over it.</summary>
    public AccountProfileData ApplyTo(AccountProfileData current) => new(
        Fields.Name ?? current.Name,
        Fields.Segment ?? current.Segment,
        Fields.LifecycleStage ?? current.LifecycleStage,
        Fields.Arr ?? current.Arr,
        Fields.RenewalDate ?? current.RenewalDate,
        Fields.Owner ?? current.Owner);
}
