using static HealthScoring.Tests.Support.Results;

namespace HealthScoring.Tests.Playbooks;

public sealed class PlaybookRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData(70, HealthTier.Yellow, 50, HealthTier.Red, "red-recovery")]
    [InlineData(85, HealthTier.Green, 70, HealthTier.Yellow, "yellow-adoption")]
    [InlineData(70, HealthTier.Yellow, 85, HealthTier.Green, "green-expansion")]
    [InlineData(58, HealthTier.Red, 41, HealthTier.Red, "red-recovery")]
    public void Match_DefaultRules_PickThePlaybookForTheTransition(double before, HealthTier beforeTier, double now, HealthTier nowTier, string playbook)
    {
        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), before, beforeTier), Make(Today, now, nowTier), [], TransitionPolicy.Default);

        var tasks = PlaybookRules.Default.Match(transition);

        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal(playbook, t.Playbook));
    }

    [Fact]
    public void Match_UnchangedAccount_GetsNoTasks()
    {
        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), 70, HealthTier.Yellow), Make(Today, 71, HealthTier.Yellow), [], TransitionPolicy.Default);

        Assert.Empty(PlaybookRules.Default.Match(transition));
    }

    [Fact]
    public void Match_RedRecovery_CarriesTaskTemplatesWithOffsetsAndOwners()
    {
        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), 70, HealthTier.Yellow), Make(Today, 50, HealthTier.Red), [], TransitionPolicy.Default);

        var first = PlaybookRules.Default.Match(transition)[0];

        Assert.Equal(("Call the account's champion", 2, "csm"), (first.Title, first.DueInDays, first.OwnerRole));
        Assert.Equal(Today.AddDays(2), first.DueOn(Today));
    }

    [Fact]
    public void Match_ModelRules_AreReadFromTheModelDocument()
    {
        var model = HealthModelLoader.Load("""
            { "version": "v", "components": [ { "name": "c", "metrics": [ { "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ],
              "playbooks": [
                { "name": "any-decline", "when": { "kinds": ["sharp-decline"] }, "tasks": [ { "title": "Look", "dueInDays": 1 } ] },
                { "name": "all-red", "when": { "tiers": ["Red"] }, "tasks": [ { "title": "Weekly check", "dueInDays": 7, "owner": "am" } ] } ] }
            """);
        var transition = TransitionClassifier.Classify(Make(Today.AddDays(-1), 59, HealthTier.Red), Make(Today, 40, HealthTier.Red), [], model.Transitions);

        var tasks = model.Playbooks.Match(transition);

        Assert.Equal([("any-decline", "Look", "csm"), ("all-red", "Weekly check", "am")], tasks.Select(t => (t.Playbook, t.Title, t.OwnerRole)).ToArray());
    }
}
