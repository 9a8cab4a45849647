using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthFunctions.Tests.Support;
using HealthFunctions.TestSupport;
using Xunit;

namespace HealthFunctions.Tests.Webhooks;

/// <summary>A Stripe cancellation, through the shipped mapping and model, moves the account's health.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CancellationScoringTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StripeSubscriptionDeleted_DropsAGreenEnterpriseAccountToRed_AndLowersItsScore()
    {
        await using var app = new PipelineApp(azurite, WebhookSigner.Now, WebhookSigner.Settings());
        using var http = app.CreateClient();
        await http.PutAsJsonAsync("/api/accounts/acme-co", new { name = "Acme", segment = "Enterprise", lifecycleStage = "mature" });
        var healthy = new (string, double)[]
        {
            ("logins", 200), ("active_users_pct", 95), ("feature_adoption_pct", 80), ("nps", 9), ("csat", 5), ("ces", 1), ("csm_pulse", 9),
            ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100),
        };
        await http.PostAsJsonAsync("/api/signals", healthy.Select(s => new { accountId = "acme-co", metric = s.Item1, value = s.Item2 }));
        await http.PostAsync("/api/ops/rescore", null);
        var before = await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme-co/health");

        var canceled = await WebhookClient.PostSignedAsync(http, app, "stripe", WebhookSigner.Fixture("stripe-subscription-deleted.json"));
        await http.PostAsync("/api/ops/rescore", null);
        var after = await http.GetFromJsonAsync<JsonElement>("/api/accounts/acme-co/health");

        Assert.Equal(HttpStatusCode.Accepted, canceled.StatusCode);
        Assert.Equal(("Green", "Red"), (before.GetProperty("tier").GetString(), after.GetProperty("tier").GetString()));
        Assert.True(after.GetProperty("score").GetDouble() < before.GetProperty("score").GetDouble(), $"{before.GetProperty("score")} -> {after.GetProperty("score")}");
        var metric = after.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "subscription_canceled");
        Assert.Equal(0, metric.GetProperty("normalized").GetDouble());
    }
}
