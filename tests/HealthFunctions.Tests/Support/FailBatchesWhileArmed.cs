using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HealthFunctions.Tests.Support;

/// <summary>While armed, every entity-group transaction fails as if the process had died before it was sent.</summary>
public sealed class FailBatchesWhileArmed : HttpPipelinePolicy
{
    public volatile bool Armed;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        Armed && TablesWithPolicy.IsBatch(message)
            ? throw new RequestFailedException(503, "The process died before its scores were written.")
            : ProcessNextAsync(message, pipeline);
}
