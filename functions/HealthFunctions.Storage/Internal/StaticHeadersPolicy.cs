using Azure.Core;
using Azure.Core.Pipeline;

namespace HealthFunctions.Storage.Internal;

/// <summary>Adds headers every request of a service carries (x-ms-version and the like).</summary>
internal sealed class StaticHeadersPolicy(params (string Name, string Value)[] headers) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        foreach (var (name, value) in headers)
        {
            message.Request.Headers.SetValue(name, value);
        }
    }
}
