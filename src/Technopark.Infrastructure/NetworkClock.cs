namespace Technopark.Infrastructure;

/// <summary>The network's calendar day: sites are in Morocco, whatever the server's time zone.</summary>
public static class NetworkClock
{
    private static readonly TimeZoneInfo Morocco = FindMorocco();

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Morocco).DateTime);

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
