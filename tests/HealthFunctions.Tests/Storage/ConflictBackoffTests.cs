using HealthFunctions.Storage;
using Xunit;

namespace HealthFunctions.Tests.Storage;

public sealed class ConflictBackoffTests
{
    [Fact]
    public void DelayFor_DoublesItsBoundFromTheBase_UpToTheCap_ScaledByTheJitter()
    {
        var half = new ConflictBackoff(() => 0.5);

        var delays = Enumerable.Range(0, 12).Select(a => half.DelayFor(a).TotalMilliseconds).ToList();

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 250, 250, 250, 250, 250], delays);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.999999)]
    public void DelayFor_StaysFromZeroToTheBound_ForAnyDraw(double draw)
    {
        var backoff = new ConflictBackoff(() => draw);

        foreach (var attempt in new[] { 0, 1, 5, 49, int.MaxValue })
        {
            var delay = backoff.DelayFor(attempt);
            Assert.InRange(delay, TimeSpan.Zero, ConflictBackoff.MaxDelay);
        }
    }

    [Fact]
    public async Task KeyedGate_LetsOneCallerThroughPerKey_OthersKeysFreely_AndForgetsIdleKeys()
    {
        var gate = new KeyedGate();
        var first = await gate.EnterAsync("a", CancellationToken.None);
        var second = gate.EnterAsync("a", CancellationToken.None);
        var other = await gate.EnterAsync("b", CancellationToken.None);

        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();
        other.Dispose();

        Assert.Equal(0, gate.Count);
    }

    [Fact]
    public async Task KeyedGate_ACancelledWaiter_LeavesNoTrace()
    {
        var gate = new KeyedGate();
        var held = await gate.EnterAsync("a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync("a", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();

        Assert.Equal(0, gate.Count);
        (await gate.EnterAsync("a", CancellationToken.None)).Dispose();
    }
}
