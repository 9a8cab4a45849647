using System.Net.Http.Json;
using HealthFunctions.Settings;
using HealthFunctions.Tasks;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Dispatch;

/// <summary>
/// Posts each new task to the optional outbound webhook (HealthFunctions:TaskWebhookUrl), with the task id as
/// Idempotency-Key so a receiver can drop repeats. A failure throws, so the message is delivered again.
/// </summary>
public sealed class TaskWebhookNotifier(HttpClient http, IOptions<PipelineOptions> options)
{
    /// <summary>Sends the task; returns false when no webhook is configured.</summary>
    public async Task<bool> NotifyAsync(PlaybookTaskRecord task, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.TaskWebhookUrl))
        {
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.TaskWebhookUrl)
        {
            Content = JsonContent.Create(task, AppJson.Default.PlaybookTaskRecord),
        };
        request.Headers.Add("Idempotency-Key", task.TaskId);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return true;
    }
}
