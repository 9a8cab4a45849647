using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HealthFunctions.Tests.EndToEnd;
using Xunit;

namespace HealthFunctions.Tests.Accounts;

/// <summary>Calls the workspace API the way the dashboard does, for the tests.</summary>
internal static class WorkspaceApi
{
    public static async Task PutAsync(HttpClient http, string id, object profile)
    {
        var response = await http.PutAsJsonAsync($"/api/accounts/{id}", profile);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task SignalsAsync(HttpClient http, object[] signals)
    {
        var response = await http.PostAsJsonAsync("/api/signals", new { signals });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<JsonElement> RescoreAsync(HttpClient http, string? asOf = null)
    {
        var response = await http.PostAsync("/api/ops/rescore" + (asOf is null ? "" : "?asOf=" + asOf), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Asserts a 400 problem whose errors name exactly the given fields.</summary>
    public static async Task BadRequestAsync(HttpClient http, HttpMethod method, string path, string json, params string[] fields)
    {
        var (status, body) = await SendAsync(http, method, path, json);
        Assert.True(status == HttpStatusCode.BadRequest, $"{method} {path} {json}: {(int)status} {body}");
        var named = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToHashSet();
        Assert.True(fields.ToHashSet().SetEquals(named), $"{json}: expected errors for {string.Join(",", fields)}, got {string.Join(",", named)}");
    }

    /// <summary>Three accounts: a Green MidMarket, a Red Enterprise, and an SMB with no signals (unscored).</summary>
    public static async Task SeedAsync(HttpClient http, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await PutAsync(http, "green-co", new { name = "Green Co", segment = "MidMarket", lifecycleStage = "mature", arr = 50000, owner = "dana", renewalDate = today.AddDays(45).ToString("yyyy-MM-dd") });
        await PutAsync(http, "red-co", new { name = "Red Co", segment = "Enterprise", lifecycleStage = "mature", arr = 240000, owner = "lee", renewalDate = today.AddDays(20).ToString("yyyy-MM-dd") });
        await PutAsync(http, "quiet-co", new { name = "Quiet Co", segment = "SMB", arr = 9000, owner = "dana" });
        await SignalsAsync(http, Signals.Green("green-co", now));
        await SignalsAsync(http, Signals.Red("red-co", now));
    }
}
