using Technopark.Domain.Common;

namespace Technopark.Infrastructure;

/// <summary>The network's calendar day: sites are in Morocco, whatever the server's time zone (<see cref="SiteTime"/>).</summary>
public static class NetworkClock
{
    public static DateOnly Today(this TimeProvider clock) => SiteTime.DayOf(clock.GetUtcNow());

    /// <summary>The instant a Moroccan calendar day starts (for filtering instants by day).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => SiteTime.StartOf(day);

    /// <summary>An instant as a Moroccan wall-clock time (a message's date and hour as people there read it).</summary>
    public static DateTimeOffset InMorocco(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, SiteTime.Zone);
}
