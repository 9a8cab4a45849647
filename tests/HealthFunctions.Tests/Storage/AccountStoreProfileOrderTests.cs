using HealthFunctions.Ingestion;
using HealthFunctions.Storage;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HealthFunctions.Tests.Storage;

/// <summary>The profile's time stamp (ProfileUpdatedAt): set by every profile write, kept by signal writes, and compared by webhook updates.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AccountStoreProfileOrderTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UpdateIfNewer_AppliesOnlyOverAnOlderProfile()
    {
        await using var app = new PipelineApp(azurite, Now);
        _ = app.CreateClient();
        var store = app.Services.GetRequiredService<AccountStore>();

        var created = await store.UpdateProfileIfNewerAsync("ordered", Now.AddHours(-2), p => p with { Owner = "b" }, CancellationToken.None);
        var older = await store.UpdateProfileIfNewerAsync("ordered", Now.AddHours(-3), p => p with { Owner = "a" }, CancellationToken.None);
        var same = await store.UpdateProfileIfNewerAsync("ordered", Now.AddHours(-2), p => p with { Owner = "a" }, CancellationToken.None);
        var newer = await store.UpdateProfileIfNewerAsync("ordered", Now.AddHours(-1), p => p with { Name = "c" }, CancellationToken.None);

        Assert.Equal([ProfileWrite.Created, ProfileWrite.NotNewer, ProfileWrite.NotNewer, ProfileWrite.Updated], new[] { created, older, same, newer });
        var record = (await store.GetAsync("ordered", CancellationToken.None))!;
        Assert.Equal(("b", "c", Now.AddHours(-1)), (record.Profile.Owner, record.Profile.Name, record.ProfileUpdatedAt!.Value));
    }

    [Fact]
    public async Task SignalWrites_KeepTheProfileStamp_AndAPutStampsTheTimeOfTheRequest()
    {
        await using var app = new PipelineApp(azurite, Now);
        _ = app.CreateClient();
        var store = app.Services.GetRequiredService<AccountStore>();

        await store.UpdateProfileIfNewerAsync("stamped", Now.AddHours(-5), p => p with { Owner = "a" }, CancellationToken.None);
        await store.ApplySignalsAsync("stamped", [new Signal("stamped", "logins", 1, Now, "e1", null)], CancellationToken.None);
        var afterSignal = (await store.GetAsync("stamped", CancellationToken.None))!.ProfileUpdatedAt;
        await store.PutProfileAsync("stamped", AccountProfileData.Empty with { Owner = "put" }, CancellationToken.None);
        var afterPut = (await store.GetAsync("stamped", CancellationToken.None))!.ProfileUpdatedAt;

        Assert.Equal((Now.AddHours(-5), Now), (afterSignal!.Value, afterPut!.Value));
    }
}
