namespace HealthFunctions.Storage;

/// <summary>What a customer-success team knows about an account, set by <c>PUT /api/accounts/{id}</c>.</summary>
public sealed record AccountProfileData(string? Name, string? Segment, string? LifecycleStage, double? Arr, DateOnly? RenewalDate, string? Owner)
{
    /// <summary>A profile with nothing set.</summary>
    public static readonly AccountProfileData Empty = new(null, null, null, null, null, null);
}
