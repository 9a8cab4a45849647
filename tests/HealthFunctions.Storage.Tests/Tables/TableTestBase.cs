using HealthFunctions.Storage.Tables;
using HealthFunctions.Storage.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Storage.Tests.Tables;

/// <summary>Gives each test its own freshly created table on the shared Azurite.</summary>
public abstract class TableTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    protected AzuriteFixture Azurite { get; } = azurite;

    protected TableServiceClient Service { get; } = new(azurite.ConnectionString);

    protected ITableClient Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Table = Service.GetTableClient(UniqueName.Table());
        await Table.CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected static TableEntity Entity(string pk, string rk, params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity(pk, rk);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }
}
