using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Support;

[CollectionDefinition(Name)]
public sealed class RestartableAzuriteCollection : ICollectionFixture<RestartableAzuriteFixture>
{
    public const string Name = "Restartable Azurite";
}
