using HealthFunctions.Storage;

namespace HealthFunctions.Accounts;

/// <summary>The profile fields a request sent (<see cref="Fields"/>, a null value clears one) and their values.</summary>
public sealed record ProfilePatch(AccountProfileData Values, IReadOnlySet<string> Fields)
{
    /// <summary>The profile with the sent fields taken from this patch and the rest kept from <paramref name="current"/>.</summary>
    public AccountProfileData ApplyTo(AccountProfileData current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new AccountProfileData(
            Fields.Contains("name") ? Values.Name : current.Name,
            Fields.Contains("segment") ? Values.Segment : current.Segment,
            Fields.Contains("lifecycleStage") ? Values.LifecycleStage : current.LifecycleStage,
            Fields.Contains("arr") ? Values.Arr : current.Arr,
            Fields.Contains("renewalDate") ? Values.RenewalDate : current.RenewalDate,
            Fields.Contains("owner") ? Values.Owner : current.Owner);
    }
}
