using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace HealthFunctions.Alerts;

/// <summary>
/// Posts one alert to one destination, with retries: up to <see cref="AlertOptions.Attempts"/> attempts, waiting
/// <see cref="AlertOptions.RetryDelayMilliseconds"/> doubled each time, or what a 429's Retry-After asks (at most
/// <see cref="MaxRetryAfter"/>). A 2xx is sent; a 4xx other than 408 and 429 is <see cref="AlertRejectedException"/>
/// (no retry helps); what is still failing after the last attempt throws, so the message goes back to the subscription
/// and is delivered again at the next run.
/// </summary>
public sealed partial class AlertSender(HttpClient http, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertSender> logger)
{
    /// <summary>Longest wait a Retry-After may ask of one run.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Sends <paramref name="body"/> to <paramref name="destination"/>.</summary>
    public async Task SendAsync(AlertDestination destination, string alertId, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await http.PostAsJsonAsync(destination.Url, body, AppJson.Default.JsonObject, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (status is >= 400 and < 500 and not 408 and not 429)
                {
                    throw new AlertRejectedException(destination.Name, status, text.Length > 200 ? text[..200] : text);
                }

                retryAfter = response.Headers.RetryAfter?.Delta;
                if (attempt >= o.Attempts)
                {
                    throw new HttpRequestException($"{destination.Name} answered HTTP {status} on each of {attempt} attempts.", null, response.StatusCode);
                }

                LogRetry(logger, destination.Name, alertId, status, attempt);
            }
            catch (HttpRequestException e) when (attempt < o.Attempts && e.StatusCode is null)
            {
                LogRetry(logger, destination.Name, alertId, 0, attempt);
            }

            var backoff = TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds * Math.Pow(2, attempt - 1));
            var wait = retryAfter is { } asked ? (asked < MaxRetryAfter ? asked : MaxRetryAfter) : backoff;
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} to {Destination} failed (HTTP {Status}) on attempt {Attempt}; retrying")]
    private static partial void LogRetry(ILogger logger, string destination, string alertId, int status, int attempt);
}
