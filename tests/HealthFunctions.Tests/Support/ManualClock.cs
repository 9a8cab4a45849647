namespace HealthFunctions.Tests.Support;

/// <summary>A clock the test moves by hand (wall time and elapsed-time stamps alike).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>How far the clock moves each time it is read (zero: only when the test moves it), for a test of time passing while work runs.</summary>
    public TimeSpan StepPerRead { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        _now += StepPerRead;
        return now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
