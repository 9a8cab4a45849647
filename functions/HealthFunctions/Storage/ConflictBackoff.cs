namespace HealthFunctions.Storage;

/// <summary>
/// How a writer waits after losing an ETag race on a row, before it reads the row again: exponential back-off with full
/// jitter, a random delay from zero up to min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> × 2^attempt). Writers that
/// collided spread out instead of colliding again at once (32 senders on one account got 503s with immediate retries).
/// Registered once and injected, so a test can replace the wait.
/// </summary>
public class ConflictBackoff(Func<double> random)
{
    /// <summary>The upper bound of the first delay.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(4);

    /// <summary>The largest delay: the bound stops doubling here.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Jitter from <see cref="Random.Shared"/>.</summary>
    public ConflictBackoff()
        : this(Random.Shared.NextDouble)
    {
    }

    /// <summary>The delay after the conflict numbered <paramref name="attempt"/> (0 for the first), given a random draw in [0, 1).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var bound = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(bound * random());
    }

    /// <summary>Waits before the next attempt.</summary>
    public virtual Task WaitAsync(int attempt, CancellationToken cancellationToken) => Task.Delay(DelayFor(attempt), cancellationToken);
}
