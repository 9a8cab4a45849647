using HealthFunctions.Messaging;
using HealthFunctions.Rescoring;
using HealthFunctions.Storage;
using HealthScoring;
using Xunit;

namespace HealthFunctions.Tests.Rescoring;

/// <summary>
/// A transition's identity is (kind, previous tier, current tier, cause) (#17 item 1): a second drop on the same day is
/// published, a repeat is not, rows from before keys publish nothing twice, and a rebase publishes only what is new.
/// </summary>
public sealed class TransitionIdentityTests
{
    private static readonly DateOnly Yesterday = new(2026, 11, 19);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static readonly (string, double)[] Healthy =
    [
        ("logins", 200), ("active_users_pct", 95), ("feature_adoption_pct", 80), ("nps", 9), ("csat", 5), ("ces", 1), ("csm_pulse", 9),
        ("onboarding_progress_pct", 100), ("milestones_completed_pct", 100),
    ];

    /// <summary>Adoption and the pulse fall: Yellow (about 74).</summary>
    private static readonly (string, double)[] Slipping = [("active_users_pct", 10), ("feature_adoption_pct", 8), ("csm_pulse", 2)];

    /// <summary>A cancellation: a critical metric holds the tier at Red.</summary>
    private static readonly (string, double)[] Canceled = [("subscription_canceled", 1)];

    private static AccountRecord Account(ScoreSnapshot? score, long version, params (DateOnly Day, (string, double)[] Signals)[] posts)
    {
        var state = new SignalState();
        foreach (var (day, signals) in posts)
        {
            foreach (var (metric, value) in signals)
            {
                state.Apply(metric, value, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
            }
        }

        return new AccountRecord("acme", new AccountProfileData("Acme", "Enterprise", "mature", null, null, null),
            new StoredSignalState(SignalStateCodec.Encode(state)), version, null, score, default);
    }

    /// <summary>Yesterday Green; today a first pass (slipping) and a second (canceled).</summary>
    private static (AccountEvaluation Yellow, AccountEvaluation Red) TwoDropsToday()
    {
        var green = AccountScorer.Evaluate(DefaultModels.Default, Account(null, 1, (Yesterday, Healthy)), Yesterday, Now)!;
        Assert.Equal(HealthTier.Green, green.Result.Tier);
        var yellow = AccountScorer.Evaluate(DefaultModels.Default, Account(green.Snapshot, 2, (Yesterday, Healthy), (Today, Slipping)), Today, Now)!;
        var red = AccountScorer.Evaluate(DefaultModels.Default, Account(yellow.Snapshot, 3, (Yesterday, Healthy), (Today, Slipping), (Today, Canceled)), Today, Now)!;
        return (yellow, red);
    }

    [Fact]
    public void GreenToYellow_ThenGreenToRed_OnOneDay_AreTwoMessages_WithTheirOwnIds()
    {
        var (yellow, red) = TwoDropsToday();

        Assert.True(yellow.Publish);
        Assert.Equal("tier-drop:Green:Yellow:signals", yellow.Transition.Key);
        Assert.True(red.Publish, "the second drop of the day is published");
        Assert.Equal("tier-drop:Green:Red:signals", red.Transition.Key);
        Assert.Equal(["tier-drop:Green:Yellow:signals", "tier-drop:Green:Red:signals"], red.Snapshot!.PublishedKinds);
        Assert.NotEqual(ScoreChangedEvent.IdFor("acme", Today, yellow.Transition), ScoreChangedEvent.IdFor("acme", Today, red.Transition));
    }

    [Fact]
    public void TheSameTransitionAgainOnTheDay_IsNotPublishedAgain()
    {
        var (_, red) = TwoDropsToday();

        var again = AccountScorer.Evaluate(DefaultModels.Default,
            Account(red.Snapshot, 4, (Yesterday, Healthy), (Today, Slipping), (Today, Canceled), (Today, [("logins", 1)])), Today, Now)!;

        Assert.Equal("tier-drop:Green:Red:signals", again.Transition.Key);
        Assert.False(again.Publish);
        Assert.Empty(again.Changes);
    }

    [Fact]
    public void ARowFromBeforeKeys_HoldingTheBareKind_PublishesNoTierDropTwiceOnTheUpgradeDay()
    {
        var (yellow, _) = TwoDropsToday();
        var legacy = yellow.Snapshot! with { PublishedKinds = ["tier-drop"] };

        var red = AccountScorer.Evaluate(DefaultModels.Default, Account(legacy, 3, (Yesterday, Healthy), (Today, Slipping), (Today, Canceled)), Today, Now)!;

        Assert.Equal(HealthTier.Red, red.Result.Tier);
        Assert.False(red.Publish);
    }

    [Fact]
    public void ARebaseOntoAnotherBaseline_DoesNotRepublishADropToTheSameTier()
    {
        // Today was measured from a Green day two days back and its drop to Red published; then yesterday is backfilled Yellow.
        var twoDaysAgo = Yesterday.AddDays(-1);
        var green = AccountScorer.Evaluate(DefaultModels.Default, Account(null, 1, (twoDaysAgo, Healthy)), twoDaysAgo, Now)!;
        var posts = new[] { (twoDaysAgo, Healthy), (Yesterday, Slipping), (Today, Canceled) };
        var red = AccountScorer.Evaluate(DefaultModels.Default, Account(green.Snapshot, 2, posts), Today, Now)!;
        Assert.Equal(("tier-drop:Green:Red:signals", true), (red.Transition.Key, red.Publish));

        var backfill = AccountScorer.Evaluate(DefaultModels.Default, Account(red.Snapshot, 2, posts), Yesterday, Now)!;
        Assert.Equal(HealthTier.Yellow, backfill.Result.Tier);
        Assert.True(AccountScorer.NeedsRemeasure(backfill.Snapshot!));
        var remeasured = AccountScorer.Evaluate(DefaultModels.Default, Account(backfill.Snapshot, 2, posts), Today, Now)!;

        Assert.Equal("tier-drop:Yellow:Red:signals", remeasured.Transition.Key);
        Assert.False(remeasured.Publish, "the consumer was told of the drop to Red today already");
        Assert.Equal(HealthTier.Yellow, remeasured.Snapshot!.Previous!.Value.Tier);
    }

    [Fact]
    public void AModelActivation_AloneMovingTheTier_IsPublishedWithCauseModel()
    {
        var before = DefaultModels.Default;
        var after = HealthModelLoader.Load(DefaultModels.DefaultJson
            .Replace("\"yellowFrom\": 60, \"greenFrom\": 80", "\"yellowFrom\": 80, \"greenFrom\": 90", StringComparison.Ordinal)
            .Replace($"\"version\": \"{before.Version}\"", "\"version\": \"strict-1\"", StringComparison.Ordinal));
        var yellow = AccountScorer.Evaluate(before, Account(null, 1, (Yesterday, Healthy), (Yesterday, Slipping)), Yesterday, Now)!;
        Assert.Equal(HealthTier.Yellow, yellow.Result.Tier);
        var account = Account(yellow.Snapshot, 1, (Yesterday, Healthy), (Yesterday, Slipping));

        Assert.Equal(before.Version, AccountScorer.BaselineVersion(after, account, Today));
        Assert.Null(AccountScorer.BaselineVersion(before, account, Today));
        var unknown = AccountScorer.Evaluate(after, account, Today, Now)!;
        var known = AccountScorer.Evaluate(after, account, Today, Now, options: new EvaluationOptions(v => v == before.Version ? before : null))!;

        Assert.Equal("tier-drop:Yellow:Red:model", known.Transition.Key);
        Assert.Equal(TransitionCause.Model, unknown.Transition.Cause); // the old model not to be had: still the model
        Assert.Empty(DefaultModels.Default.Playbooks.Match(known.Transition));
    }
}
