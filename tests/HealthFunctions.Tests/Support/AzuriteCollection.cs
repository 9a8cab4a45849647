using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Support;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
