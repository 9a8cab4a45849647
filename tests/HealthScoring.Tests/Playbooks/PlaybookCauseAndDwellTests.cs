using HealthScoring.Tests.Support;
using static HealthScoring.Tests.Support.Results;

namespace HealthScoring.Tests.Playbooks;

/// <summary>Playbook rules decide by cause too (#17 items 7 and 8), and fire on a dwell in a tier (item 2).</summary>
public sealed class PlaybookCauseAndDwellTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Transition Change(double before, HealthTier beforeTier, double now, HealthTier nowTier, TransitionCause cause) =>
        TransitionClassifier.Classify(Make(Today.AddDays(-1), before, beforeTier), Make(Today, now, nowTier), [], TransitionPolicy.Default) with { Cause = cause };

    [Theory]
    [InlineData(TransitionCause.Signals, "red-recovery")]
    [InlineData(TransitionCause.Pulse, "red-recovery")]
    [InlineData(TransitionCause.Profile, "red-recovery")]
    [InlineData(TransitionCause.Override, "red-recovery")]
    [InlineData(TransitionCause.Model, null)]
    public void DefaultRules_ADropToRed_StartsRecovery_UnlessAModelActivationCausedIt(TransitionCause cause, string? playbook)
    {
        var tasks = PlaybookRules.Default.Match(Change(85, HealthTier.Green, 40, HealthTier.Red, cause));

        Assert.Equal(playbook, tasks.Select(t => t.Playbook).Distinct().SingleOrDefault());
    }

    [Theory]
    [InlineData(TransitionCause.Signals, true)]
    [InlineData(TransitionCause.Override, false)]
    [InlineData(TransitionCause.Model, false)]
    public void DefaultRules_ARiseToGreen_StartsExpansion_OnlyWhenNeitherAnOverrideNorAModelSetIt(TransitionCause cause, bool expansion)
    {
        var tasks = PlaybookRules.Default.Match(Change(30, HealthTier.Red, 95, HealthTier.Green, cause));

        Assert.Equal(expansion, tasks.Any(t => t.Playbook == "green-expansion"));
    }

    [Fact]
    public void RulesWithoutCauses_ActOnEverythingButAModel_AndNoOverrideRise()
    {
        var model = HealthModelLoader.Load("""
            { "version": "v", "components": [ { "name": "c", "metrics": [ { "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ],
              "playbooks": [
                { "name": "drop", "when": { "kinds": ["tier-drop"] }, "tasks": [ { "title": "Act", "dueInDays": 1 } ] },
                { "name": "rise", "when": { "kinds": ["tier-rise"] }, "tasks": [ { "title": "Thank", "dueInDays": 1 } ] },
                { "name": "everything", "when": { "kinds": ["tier-drop"], "causes": ["model", "override"] }, "tasks": [ { "title": "Look", "dueInDays": 1 } ] } ] }
            """);

        string[] Playbooks(Transition t) => [.. model.Playbooks.Match(t).Select(x => x.Playbook)];

        Assert.Equal(["drop"], Playbooks(Change(85, HealthTier.Green, 40, HealthTier.Red, TransitionCause.Signals)));
        Assert.Equal(["drop", "everything"], Playbooks(Change(85, HealthTier.Green, 40, HealthTier.Red, TransitionCause.Override)));
        Assert.Equal(["everything"], Playbooks(Change(85, HealthTier.Green, 40, HealthTier.Red, TransitionCause.Model)));
        Assert.Empty(Playbooks(Change(40, HealthTier.Red, 95, HealthTier.Green, TransitionCause.Override)));
        Assert.Equal(["rise"], Playbooks(Change(40, HealthTier.Red, 95, HealthTier.Green, TransitionCause.Pulse)));
    }

    [Fact]
    public void DwellChange_MatchesOnlyItsOwnRule_AndADwellRuleIgnoresChanges()
    {
        var model = HealthModelLoader.Load("""
            { "version": "v", "components": [ { "name": "c", "metrics": [ { "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ],
              "playbooks": [
                { "name": "stuck-red", "when": { "dwell": { "tier": "Red", "days": 14 } }, "tasks": [ { "title": "Call", "dueInDays": 2 } ] },
                { "name": "any", "when": { }, "tasks": [ { "title": "Look", "dueInDays": 1 } ] } ] }
            """);
        var red = Make(Today, 30, HealthTier.Red);
        var dwell = TierDwell.ToTransition(new DwellChange("stuck-red", Today.AddDays(-20), 20), red);

        Assert.Equal(["stuck-red"], model.Playbooks.Match(dwell).Select(t => t.Playbook));
        Assert.Equal(["any"], model.Playbooks.Match(Change(85, HealthTier.Green, 40, HealthTier.Red, TransitionCause.Signals)).Select(t => t.Playbook));
        Assert.Equal(["stuck-red"], model.Playbooks.DwellRules.Select(r => r.Playbook));
        Assert.Equal("tier-dwell:Red:2026-11-03:stuck-red", dwell.Key);
    }

    [Fact]
    public void DefaultModel_HasARedDwellOfFourteenDays_OnRecovery()
    {
        var rule = Assert.Single(DefaultModels.Default.Playbooks.DwellRules);

        Assert.Equal(("red-recovery", HealthTier.Red, 14), (rule.Playbook, rule.Dwell!.Tier, rule.Dwell.Days));
    }

    [Theory]
    [InlineData("""{ "kinds": ["tier-drop"], "causes": ["weather"] }""", "playbooks[0].when.causes[0]", "expected one of: signals, pulse, override, profile, model")]
    [InlineData("""{ "dwell": { "tier": "Purple", "days": 14 } }""", "playbooks[0].when.dwell.tier", "expected one of: Red, Yellow, Green")]
    [InlineData("""{ "dwell": { "tier": "Red", "days": 0 } }""", "playbooks[0].when.dwell.days", "0 is out of range")]
    [InlineData("""{ "dwell": { "tier": "Red" } }""", "playbooks[0].when.dwell.days", "is required")]
    [InlineData("""{ "dwell": { "tier": "Red", "days": 3, "weeks": 1 } }""", "playbooks[0].when.dwell.weeks", "")]
    [InlineData("""{ "kinds": ["tier-dwell"] }""", "playbooks[0].when.kinds[0]", "a dwell is set with \"dwell\"")]
    public void Reader_RefusesBadCausesAndDwells_NamingThePath(string when, string path, string message)
    {
        var json = $$"""
            { "version": "v", "components": [ { "name": "c", "metrics": [ { "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ],
              "playbooks": [ { "name": "p", "when": {{when}}, "tasks": [ { "title": "T", "dueInDays": 1 } ] } ] }
            """;

        var e = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load(json));

        Assert.Contains(e.Errors, x => x.Path == path && x.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Reader_RefusesTwoDwellsForOnePlaybook()
    {
        var e = Assert.Throws<ModelValidationException>(() => HealthModelLoader.Load("""
            { "version": "v", "components": [ { "name": "c", "metrics": [ { "name": "m", "aggregation": "latest", "normalizer": { "type": "percent" } } ] } ],
              "playbooks": [
                { "name": "p", "when": { "dwell": { "tier": "Red", "days": 14 } }, "tasks": [ { "title": "T", "dueInDays": 1 } ] },
                { "name": "p", "when": { "dwell": { "tier": "Yellow", "days": 30 } }, "tasks": [ { "title": "T", "dueInDays": 1 } ] } ] }
            """));

        Assert.Contains(e.Errors, x => x.Path == "playbooks" && x.Message.Contains("more than one dwell", StringComparison.Ordinal));
    }
}
