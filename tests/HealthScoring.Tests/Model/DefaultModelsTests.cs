using HealthFunctions.TestSupport;

namespace HealthScoring.Tests.Model;

public sealed class DefaultModelsTests
{
    [Fact]
    public void DefaultJson_IsTheFileInTheRepository()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "functions", "HealthScoring", "Models", "default-model.json");

        Assert.Equal(File.ReadAllText(path), DefaultModels.DefaultJson);
    }

    [Fact]
    public void DefaultJson_IsValidInputToLoad()
    {
        var model = HealthModelLoader.Load(DefaultModels.DefaultJson);

        Assert.Equal(DefaultModels.Default.Version, model.Version);
        Assert.Equal(3, model.Playbooks.Rules.Count);
    }

    [Fact]
    public void Default_WeighsAdoptionSentimentSupportOutcomes_40_20_15_25()
    {
        var weights = DefaultModels.Default.Components.ToDictionary(c => c.Name, c => c.Weight);

        Assert.Equal(
            new Dictionary<string, double> { ["adoption"] = 40, ["sentiment"] = 20, ["support"] = 15, ["outcomes"] = 25, ["financial"] = 0 },
            weights);
        Assert.Equal(TierPolicy.Default, DefaultModels.Default.Tiers);
    }

    [Fact]
    public void Default_DeclaresEverySegmentAndTheOnboardingStage()
    {
        Assert.Equal(["Enterprise", "MidMarket", "SMB"], DefaultModels.Default.Segments.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("onboarding", DefaultModels.Default.LifecycleStages.Keys);
    }

    [Fact]
    public void Default_LabelsEveryMetricAndComponent()
    {
        var model = DefaultModels.Default;
        var unlabelled = model.Components.SelectMany(c => c.Metrics).Where(m => m.Label is null).Select(m => m.Name)
            .Concat(model.Components.Where(c => c.Label is null).Select(c => c.Name));

        Assert.Empty(unlabelled);
        Assert.Equal("Active users (%)", model.Labels.MetricWithUnit("active_users_pct"));
        Assert.Equal("Onboarding progress (%)", model.Labels.MetricWithUnit("onboarding_progress_pct"));
    }

    [Fact]
    public void Default_HasTheDocumentedMetricNames()
    {
        var names = DefaultModels.Default.Components.SelectMany(c => c.Metrics).Select(m => m.Name).ToArray();

        Assert.Equal(
            ["logins", "active_users_pct", "feature_adoption_pct", "nps", "csat", "ces", "csm_pulse", "tickets_opened",
             "ticket_severity_max", "resolution_hours", "escalations", "onboarding_progress_pct", "milestones_completed_pct",
             "payment_failures", "seat_utilization_pct", "subscription_canceled", "seats_purchased_trend"],
            names);
    }
}
