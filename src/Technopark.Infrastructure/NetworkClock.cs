namespace Technopark.Infrastructure;

/// <summary>The network's calendar day: sites are in Morocco, whatever the server's time zone.</summary>
public static class NetworkClock
{
    private static readonly TimeZoneInfo Morocco = FindMorocco();

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Morocco).DateTime);

    /// <summary>The instant a Moroccan calendar day starts (for filtering instants by day).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Morocco.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>An instant as a Moroccan wall-clock time (a message's date and hour as people there read it).</summary>
    public static DateTimeOffset InMorocco(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Morocco);

    private static TimeZoneInfo FindMorocco()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Africa/Casablanca");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc; // a container without tzdata: UTC is at most one hour off
        }
    }
}
