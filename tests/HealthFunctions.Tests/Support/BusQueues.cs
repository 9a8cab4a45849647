using System.Text.Json;
using Azure.Storage.Queues;
using HealthFunctions.Messaging.Local;
using HealthFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HealthFunctions.Tests.Support;

/// <summary>The local bus's subscription queues of a test app, read as a test reads them.</summary>
public static class BusQueues
{
    /// <summary>How long a message a test received stays hidden: far longer than any test takes to delete it, however slow the machine.</summary>
    private static readonly TimeSpan Hidden = TimeSpan.FromHours(1);

    public static QueueClient Queue(PipelineApp app, string subscription) =>
        app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(app.Services.GetRequiredService<TableNames>().SubscriptionQueue(subscription));

    /// <summary>Receives and deletes every message waiting in a subscription's queue.</summary>
    public static async Task<List<LocalEnvelope>> DrainAsync(PipelineApp app, string subscription)
    {
        var queue = Queue(app, subscription);
        var all = new List<LocalEnvelope>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, Hidden)).Value;
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var m in batch)
            {
                all.Add(JsonSerializer.Deserialize(m.Body.ToMemory().Span, AppJson.Default.LocalEnvelope)!);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
    }
}
