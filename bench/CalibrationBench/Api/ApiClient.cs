using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CalibrationBench.Api;

/// <summary>The app's HTTP API as a CS-ops engineer's script uses it: JSON in and out, jobs polled with their progress shown.</summary>
internal sealed class ApiClient(string baseUrl) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };

    public void Dispose() => http.Dispose();

    public async Task WaitHealthyAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync("api/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No app answers at {baseUrl}.");
    }

    public Task<JsonElement> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", params HttpStatusCode[] expected) =>
        SendAsync(method, path, body is null ? null : new StringContent(body, Encoding.UTF8, contentType), expected);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, params HttpStatusCode[] expected)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, "api/" + path) { Content = content };
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 10)
            {
                // Storage busy: the app acknowledged nothing; the request is retried as a sender should.
                await Task.Delay(1000 * attempt);
                content = content is null ? null : await CopyAsync(content);
                continue;
            }

            if (expected.Length > 0 ? !expected.Contains(response.StatusCode) : !response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode}: {text}");
            }

            return text.Length == 0 || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true
                ? default
                : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>Posts a job request, then polls the job until it finishes, printing its progress; returns the finished job and the seconds it took.</summary>
    public async Task<(JsonElement Job, double Seconds)> RunJobAsync(string path, string? body, string label)
    {
        var clock = Stopwatch.StartNew();
        var queued = await SendAsync(HttpMethod.Post, path, body, "application/json", HttpStatusCode.Accepted);
        var url = queued.GetProperty("url").GetString()!.TrimStart('/');
        var last = "";
        while (true)
        {
            await Task.Delay(500);
            var job = await SendAsync(HttpMethod.Get, url["api/".Length..]);
            var status = job.GetProperty("status").GetString()!;
            var progress = job.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object
                ? string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("stage").GetString()} {(p.TryGetProperty("percent", out var pc) ? pc.GetDouble() : 0):0}%")
                : "";
            var line = $"{label}: {status} {progress}";
            if (line != last)
            {
                ProgressLine.Write(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));
                last = line;
            }

            if (status is "succeeded")
            {
                return (job, clock.Elapsed.TotalSeconds);
            }

            if (status is "failed" or "timedout")
            {
                throw new InvalidOperationException($"{label} {status}: {job.GetProperty("error").GetString()}");
            }
        }
    }

    private static async Task<HttpContent> CopyAsync(HttpContent content)
    {
        var bytes = await content.ReadAsByteArrayAsync();
        var copy = new ByteArrayContent(bytes);
        copy.Headers.ContentType = content.Headers.ContentType ?? new MediaTypeHeaderValue("application/json");
        return copy;
    }
}
