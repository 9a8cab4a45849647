namespace HealthFunctions.TestSupport;

/// <summary>
/// An Azurite that keeps its data on disk in a private temporary folder, so a fault test can stop it mid-load and
/// <see cref="AzuriteFixture.StopGracefully"/> it and <see cref="AzuriteFixture.StartAsync"/> it again on the same ports with its data. Use it in a collection of its own.
/// </summary>
public sealed class RestartableAzuriteFixture() : AzuriteFixture(Path.Combine(Path.GetTempPath(), "azurite-restartable-" + Guid.NewGuid().ToString("N")[..12]))
{
    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Location!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder left behind is harmless.
        }
    }
}
