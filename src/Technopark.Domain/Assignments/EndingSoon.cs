namespace Technopark.Domain.Assignments;

/// <summary>When an assignment counts as "ending soon": its last day falls within these days after the day looked at.</summary>
public static class EndingSoon
{
    /// <summary>The HQ and site dashboards: assignments ending within 90 days (the notice a site needs to fill an office).</summary>
    public const int DashboardWithinDays = 90;

    /// <summary>The occupancy board flags assignments ending within 60 days (what a manager acts on now).</summary>
    public const int BoardWithinDays = 60;

    /// <summary>Whether a stay whose period ends (exclusive) on <paramref name="end"/> ends within <paramref name="days"/> days after <paramref name="day"/>.</summary>
    public static bool Within(DateOnly? end, DateOnly day, int days) => end is { } e && e <= day.AddDays(days);
}
