using HealthFunctions.Rescoring;
using HealthFunctions.Storage;
using HealthScoring;
using Xunit;

namespace HealthFunctions.Tests.Rescoring;

public sealed class AccountScorerStorageTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);

    private static AccountRecord Account(ScoreSnapshot? score)
    {
        var state = new SignalState();
        for (var d = 0; d < 30; d++)
        {
            var at = new DateTimeOffset(Day.AddDays(-d).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            state.Apply("logins", 8, at);
            state.Apply("active_users_pct", 80, at);
            state.Apply("nps", 9, at);
        }

        return new AccountRecord("acct-1", new AccountProfileData("A", "SMB", "Adopt", null, null, null),
            new StoredSignalState(SignalStateCodec.Encode(state)), 3, null, score, default);
    }

    [Fact]
    public void Evaluate_NextDay_PassesYesterdaysStoredBytesOnAsPrevious_WithoutRecompressing()
    {
        var first = AccountScorer.Evaluate(DefaultModels.Default, Account(null), Day, DateTimeOffset.UnixEpoch)!;
        var stored = first.Snapshot! with { Result = StoredResult.FromEncoded(first.Snapshot!.Result.Encoded) };

        var next = AccountScorer.Evaluate(DefaultModels.Default, Account(stored), Day.AddDays(1), DateTimeOffset.UnixEpoch)!;

        Assert.Same(stored.Result.Encoded, next.Snapshot!.Previous!.Encoded);
        Assert.Equal(first.Snapshot.Result.Value.Score, next.Snapshot.Previous.Value.Score);
        Assert.Equal(Day, next.Snapshot.Previous.Value.AsOf);
    }

    [Fact]
    public void Evaluate_DecodesStateFreshEachTime_SoTheStoredFormIsNeverChanged()
    {
        var account = Account(null);
        var before = account.State.Decode();

        AccountScorer.Evaluate(DefaultModels.Default, account, Day, DateTimeOffset.UnixEpoch);
        var decoded = account.State.Decode();
        decoded.Apply("logins", 1000, DateTimeOffset.UnixEpoch.AddYears(56));

        Assert.Equal(before.Buckets("logins"), account.State.Decode().Buckets("logins"));
        Assert.NotSame(account.State.Decode(), account.State.Decode());
    }

    [Fact]
    public void Evaluate_BackfillOfADayAfterTheBaseline_BecomesTheBaseline_AndTheStoredDayIsMeasuredAgain()
    {
        var today = AccountScorer.Evaluate(DefaultModels.Default, Account(null), Day, DateTimeOffset.UnixEpoch)!.Snapshot!; // no baseline yet

        var backfill = AccountScorer.Evaluate(DefaultModels.Default, Account(today), Day.AddDays(-14), DateTimeOffset.UnixEpoch)!;

        var rebased = backfill.Snapshot!;
        Assert.False(backfill.Publish);
        Assert.Equal(Day, rebased.Day);
        Assert.Equal(Day.AddDays(-14), rebased.Previous!.Value.AsOf);
        Assert.True(AccountScorer.NeedsRemeasure(rebased));
        Assert.Equal([Day.AddDays(-14), Day], rebased.Recent.Select(p => p.Day));
        var again = AccountScorer.Evaluate(DefaultModels.Default, Account(rebased), Day, DateTimeOffset.UnixEpoch)!;
        Assert.Equal(Day.AddDays(-14), again.Snapshot!.Previous!.Value.AsOf);
        Assert.False(AccountScorer.NeedsRemeasure(again.Snapshot));
    }

    [Fact]
    public void Evaluate_BackfillOfADayBeforeTheBaseline_WritesHistoryOnly()
    {
        var baseline = AccountScorer.Evaluate(DefaultModels.Default, Account(null), Day.AddDays(-14), DateTimeOffset.UnixEpoch)!.Snapshot!;
        var today = AccountScorer.Evaluate(DefaultModels.Default, Account(baseline), Day, DateTimeOffset.UnixEpoch)!.Snapshot!;

        var older = AccountScorer.Evaluate(DefaultModels.Default, Account(today), Day.AddDays(-21), DateTimeOffset.UnixEpoch)!;

        Assert.Null(older.Snapshot);
        Assert.Equal(Day.AddDays(-21), older.History.Day);
    }

    [Fact]
    public void StoredResult_RoundTripsThroughItsEncodedForm()
    {
        var result = AccountScorer.Evaluate(DefaultModels.Default, Account(null), Day, DateTimeOffset.UnixEpoch)!.Snapshot!.Result.Value;

        var decoded = StoredResult.FromEncoded(StoredResult.Of(result).Encoded).Value;

        Assert.Equal(result.Score, decoded.Score);
        Assert.Equal(result.Tier, decoded.Tier);
        Assert.Equal(result.Components.Select(c => (c.Name, c.Score)), decoded.Components.Select(c => (c.Name, c.Score)));
    }
}
