using System.Globalization;
using Microsoft.Extensions.Localization;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Rooms;

public static class RoomsDisplay
{
    /// <summary>A length of time as hours and minutes ("3 h", "1 h 30").</summary>
    public static string Duration(this IStringLocalizer localizer, int minutes) => minutes % 60 == 0
        ? localizer["RoomsView.Hours", Display.Count(minutes / 60)]
        : localizer["RoomsView.HoursMinutes", Display.Count(minutes / 60), (minutes % 60).ToString("00", CultureInfo.InvariantCulture)];

    /// <summary>A month as "MM/yyyy".</summary>
    public static string Month(DateOnly month) => month.ToString("MM/yyyy", CultureInfo.InvariantCulture);
}
