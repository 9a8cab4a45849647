using Azure.Core;
using Azure.Core.Pipeline;

namespace HealthFunctions.Storage.Internal;

/// <summary>Builds the Azure.Core pipeline for one storage service: retries, logging, telemetry, auth.</summary>
internal static class StoragePipeline
{
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(ClientOptions options, HttpPipelinePolicy auth, params (string, string)[] headers) =>
        HttpPipelineBuilder.Build(options, [new StaticHeadersPolicy(headers)], [auth], new ResponseClassifier());

    public static HttpPipelinePolicy SharedKeyLite(StorageSharedKeyCredential credential) => new SharedKeyLitePolicy(credential);

    public static HttpPipelinePolicy SharedKey(StorageSharedKeyCredential credential) => new SharedKeyPolicy(credential);

    public static HttpPipelinePolicy Bearer(TokenCredential credential) =>
        new BearerTokenAuthenticationPolicy(credential, StorageScope);
}
