using Technopark.Infrastructure;

namespace Technopark.IntegrationTests.Data;

public class NetworkClockTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Today_JustBeforeMidnightUtc_IsAlreadyTomorrowInMorocco() =>
        Assert.Equal(new DateOnly(2026, 11, 27), new FixedClock(new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero)).Today());

    [Fact]
    public void StartOf_AMoroccanDay_IsTheInstantItsMidnightHappens() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero), NetworkClock.StartOf(new DateOnly(2026, 11, 27)));
}
