using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AccountStoreProfileTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ConcurrentPartialProfileUpdates_KeepEveryField()
    {
        await using var app = new PipelineApp(azurite, DateTimeOffset.UnixEpoch.AddYears(56));
        _ = app.CreateClient(); // starts the app, which creates its tables
        var store = app.Services.GetRequiredService<AccountStore>();

        // Each writer sets one field from what it reads; a read-then-put outside the ETag loop would lose some.
        var writers = Enumerable.Range(0, 8).Select(i => store.UpdateProfileAsync("merge-me", p => i switch
        {
            0 => p with { Name = "Acme" },
            1 => p with { Segment = "Enterprise" },
            2 => p with { LifecycleStage = "Adopt" },
            3 => p with { Arr = 120_000 },
            4 => p with { RenewalDate = new DateOnly(2027, 3, 1) },
            5 => p with { Owner = "dana" },
            _ => p,
        }, CancellationToken.None));
        var created = await Task.WhenAll(writers);

        var profile = (await store.GetAsync("merge-me", CancellationToken.None))!.Profile;
        Assert.Equal(new AccountProfileData("Acme", "Enterprise", "Adopt", 120_000, new DateOnly(2027, 3, 1), "dana"), profile);
        Assert.Single(created, c => c);
    }
}
