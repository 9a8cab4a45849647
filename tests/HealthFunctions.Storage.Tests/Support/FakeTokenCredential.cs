using Azure.Core;

namespace HealthFunctions.Storage.Tests.Support;

/// <summary>Hands out a fixed token and records the scopes asked for.</summary>
internal sealed class FakeTokenCredential : TokenCredential
{
    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Scopes.AddRange(requestContext.Scopes);
        return new AccessToken("fake-token", DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
