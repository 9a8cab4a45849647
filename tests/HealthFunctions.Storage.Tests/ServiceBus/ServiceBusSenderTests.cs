using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using HealthFunctions.Storage.ServiceBus;
using HealthFunctions.Storage.Tests.Support;
using Xunit;

namespace HealthFunctions.Storage.Tests.ServiceBus;

public sealed class ServiceBusSenderTests
{
    private const string Key = "c2VjcmV0LWtleS1ub3QtYmFzZTY0LWRlY29kZWQ=";
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static (ServiceBusClient Client, RecordingTransport Transport) Create(Func<RecordedRequest, (int, string?)>? respond = null)
    {
        var transport = new RecordingTransport(respond);
        var options = new ServiceBusClientOptions { Transport = transport, TimeProvider = new FixedTimeProvider(s_now) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var client = new ServiceBusClient(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=Send;SharedAccessKey={Key}", options);
        return (client, transport);
    }

    private static ServiceBusOutgoingMessage Message() => new(BinaryData.FromString("{\"score\":42}"))
    {
        MessageId = "acct-1|2026-01-02|tier-drop",
        ContentType = "application/cloudevents+json",
        CorrelationId = "corr-7",
        Subject = "score-changed",
        TimeToLive = TimeSpan.FromSeconds(90),
        ApplicationProperties = new Dictionary<string, object> { ["kind"] = "tier-drop", ["delta"] = -12.5, ["final"] = true, ["count"] = 3 },
    };

    [Fact]
    public async Task Send_OneMessage_PostsBodyBrokerPropertiesAndOneHeaderPerProperty()
    {
        var (client, transport) = Create();

        await client.CreateSender("scores").SendAsync(Message());

        var request = Assert.Single(transport.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://contoso.servicebus.windows.net/scores/messages", request.Uri.AbsoluteUri);
        Assert.Equal("application/cloudevents+json", request.Headers["Content-Type"]);
        Assert.Equal("{\"score\":42}", request.BodyText);
        using var broker = JsonDocument.Parse(request.Headers["BrokerProperties"]);
        Assert.Equal("acct-1|2026-01-02|tier-drop", broker.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal("corr-7", broker.RootElement.GetProperty("CorrelationId").GetString());
        Assert.Equal("score-changed", broker.RootElement.GetProperty("Label").GetString());
        Assert.Equal(90, broker.RootElement.GetProperty("TimeToLive").GetDouble());
        Assert.Equal("tier-drop", request.Headers["kind"]);
        Assert.Equal("-12.5", request.Headers["delta"]);
        Assert.Equal("true", request.Headers["final"]);
        Assert.Equal("3", request.Headers["count"]);
    }

    [Fact]
    public async Task Send_WithSasKey_AuthorizesWithKnownAnswerToken()
    {
        var (client, transport) = Create();

        await client.CreateSender("scores").SendAsync(Message());

        // Independent computation of the documented scheme: key as UTF-8 bytes, URL-encoded resource + "\n" + expiry.
        var expiry = (s_now.ToUnixTimeSeconds() + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string Resource = "https%3A%2F%2Fcontoso.servicebus.windows.net%2Fscores";
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Key));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(Resource + "\n" + expiry)));
        var expected = $"SharedAccessSignature sr={Resource}&sig={Uri.EscapeDataString(signature)}&se={expiry}&skn=Send";
        Assert.Equal(expected, transport.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task SendBatch_PostsJsonArrayWithUserPropertiesAndBatchContentType()
    {
        var (client, transport) = Create();
        var binary = new ServiceBusOutgoingMessage(new BinaryData(new byte[] { 0xff, 0xfe, 0x00 })) { MessageId = "b" };

        await client.CreateSender("topics/scores").SendBatchAsync([Message(), binary]);

        var request = Assert.Single(transport.Requests);
        Assert.Equal("https://contoso.servicebus.windows.net/topics/scores/messages", request.Uri.AbsoluteUri);
        Assert.Equal("application/vnd.microsoft.servicebus.json", request.Headers["Content-Type"]);
        Assert.False(request.Headers.ContainsKey("kind"));
        using var body = JsonDocument.Parse(request.Body);
        var first = body.RootElement[0];
        Assert.Equal("{\"score\":42}", first.GetProperty("Body").GetString());
        Assert.Equal("acct-1|2026-01-02|tier-drop", first.GetProperty("BrokerProperties").GetProperty("MessageId").GetString());
        Assert.Equal("application/cloudevents+json", first.GetProperty("BrokerProperties").GetProperty("ContentType").GetString());
        Assert.Equal("tier-drop", first.GetProperty("UserProperties").GetProperty("kind").GetString());
        Assert.Equal(-12.5, first.GetProperty("UserProperties").GetProperty("delta").GetDouble());
        Assert.True(first.GetProperty("UserProperties").GetProperty("final").GetBoolean());
        var second = body.RootElement[1];
        Assert.True(second.GetProperty("IsBodyBase64").GetBoolean());
        Assert.Equal(new byte[] { 0xff, 0xfe, 0x00 }, Convert.FromBase64String(second.GetProperty("Body").GetString()!));
    }

    [Fact]
    public async Task Send_WithTokenCredential_UsesServiceBusScopeAndBearerToken()
    {
        var transport = new RecordingTransport();
        var credential = new FakeTokenCredential();
        var client = new ServiceBusClient("contoso.servicebus.windows.net", credential, new ServiceBusClientOptions { Transport = transport });

        await client.CreateSender("scores").SendAsync(Message());

        Assert.Equal(["https://servicebus.azure.net/.default"], credential.Scopes);
        Assert.Equal("Bearer fake-token", transport.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task Send_WhenThrottled_RetriesAndThenSucceeds()
    {
        var calls = 0;
        var (client, transport) = Create(_ => Interlocked.Increment(ref calls) == 1 ? (503, null) : (201, null));

        await client.CreateSender("scores").SendAsync(Message());

        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task Send_ToMissingEntity_ThrowsRequestFailedWithoutRetryOrSecret()
    {
        var (client, transport) = Create(_ => (410, "<Error><Code>410</Code><Detail>Entity not found</Detail></Error>"));

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateSender("gone").SendAsync(Message()));

        Assert.Equal(410, ex.Status);
        Assert.Single(transport.Requests);
        Assert.DoesNotContain(Key, ex.ToString());
        Assert.DoesNotContain("sig=", ex.ToString());
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("bad name")]
    public async Task Send_WithPropertyNameThatCannotBeAHeader_IsRejected(string name)
    {
        var (client, transport) = Create();
        var message = Message() with { ApplicationProperties = new Dictionary<string, object> { [name] = "x" } };

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateSender("scores").SendAsync(message));
        Assert.Empty(transport.Requests);
    }
}
