using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using HealthFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthFunctions.Tests.Support;

/// <summary>A TableServiceClient built as the app builds it, with a test's policy in its pipeline (to interfere with chosen requests).</summary>
public static class TablesWithPolicy
{
    public static TableServiceClient Client(AzuriteFixture azurite, HttpPipelinePolicy policy, int? maxRetries = null)
    {
        var options = new TableClientOptions();
        HealthFunctions.Hosting.AzureClients.Configure(options.Retry);
        options.Retry.MaxRetries = maxRetries ?? options.Retry.MaxRetries;
        options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        return new TableServiceClient(azurite.ConnectionString, options);
    }

    /// <summary>For <see cref="PipelineApp"/>: the app's TableServiceClient replaced by one with the policy.</summary>
    public static Action<IServiceCollection> InApp(AzuriteFixture azurite, HttpPipelinePolicy policy, int? maxRetries = null) => s =>
    {
        s.RemoveAll<TableServiceClient>();
        s.AddSingleton(Client(azurite, policy, maxRetries));
    };

    /// <summary>True for an entity-group transaction (a signal commit, a score or history write).</summary>
    public static bool IsBatch(HttpMessage message) => message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
}
