using HealthFunctions.Storage;
using Xunit;

namespace HealthFunctions.Tests.Storage;

public sealed class AccountKeysTests
{
    [Theory]
    [InlineData("acme", "s")]
    [InlineData("Ünïcödé ∑ account", "s")]
    public void Shard_IsStableAndInRange(string accountId, string prefix)
    {
        var shard = AccountKeys.Shard(accountId);
        Assert.StartsWith(prefix, shard, StringComparison.Ordinal);
        Assert.InRange(int.Parse(shard[1..], System.Globalization.CultureInfo.InvariantCulture), 0, AccountKeys.ShardCount - 1);
        Assert.Equal(shard, AccountKeys.Shard(accountId));
    }

    [Fact]
    public void Shard_SpreadsAccountsOverEveryShard()
    {
        var counts = Enumerable.Range(0, 6400).GroupBy(i => AccountKeys.Shard("acct-" + i)).Select(g => g.Count()).ToList();
        Assert.Equal(AccountKeys.ShardCount, counts.Count);
        Assert.InRange(counts.Min(), 50, 100);
        Assert.InRange(counts.Max(), 100, 150);
    }

    [Fact]
    public void EventRow_DistinguishesAccountAndEventBoundaries()
    {
        Assert.NotEqual(AccountKeys.EventRow("a|b", "c"), AccountKeys.EventRow("a", "b|c"));
        Assert.Equal(AccountKeys.EventRow("a", "e/1#?"), AccountKeys.EventRow("a", "e/1#?"));
        Assert.Matches("^e\\|[0-9a-f]{32}$", AccountKeys.EventRow("a", "e/1#?"));
    }
}
