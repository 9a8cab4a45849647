using HealthFunctions.Webhooks;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

public sealed class WebhookArchiveTests
{
    [Theory]
    [InlineData("evt_1QfAilLkdIwHu7ixK0aHZ2nX")]
    [InlineData("a/b\\c#d?e f\u0001ü😀")]
    [InlineData("cbe4028c-7239-495d-b020-f22348516046")]
    public void BlobName_RoundTripsAnyDeliveryId_WithinItsDayFolder(string deliveryId)
    {
        var name = WebhookArchive.BlobName("stripe", new DateOnly(2026, 11, 23), deliveryId);

        Assert.StartsWith("stripe/2026-11-23/", name, StringComparison.Ordinal);
        Assert.DoesNotContain('/', name["stripe/2026-11-23/".Length..]);
        Assert.Equal(deliveryId, WebhookArchive.DeliveryIdOf(name));
    }
}
