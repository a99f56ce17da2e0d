using Technopark.Infrastructure;

namespace Technopark.TestSupport;

/// <summary>
/// The app's clock in tests: the wall clock until a test sets it, then that instant (it does not move on its own).
/// Timers stay real ones, so background workers (the outbox sender's <see cref="PeriodicTimer"/>) keep ticking, which
/// Microsoft's <c>FakeTimeProvider</c> would stop: its timers only fire when the test advances it.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now ?? System.GetUtcNow();
        }
    }

    /// <summary>From now on the app reads <paramref name="utcNow"/>.</summary>
    public void Set(DateTimeOffset utcNow)
    {
        lock (_gate)
        {
            _now = utcNow;
        }
    }

    /// <summary>Sets the clock to noon, Moroccan time, of <paramref name="day"/>: "today" for the app is that day.</summary>
    public void SetToday(DateOnly day) => Set(NetworkClock.StartOf(day).AddHours(12));

    /// <summary>Back to the wall clock.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _now = null;
        }
    }
}
