using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// A company's iCalendar feed of its room bookings at its site (anonymous: the secret token in the URL is the key, made by
/// its members on /sites/{slug}/rooms/calendars). Its live bookings from a month back to a year ahead; nobody else's.
/// A wrong token, a company without a feed and an unknown company all get 404.
/// </summary>
[AllowAnonymous]
public sealed class CompanyFeedModel(CalendarFeeds feeds, BookingCalendar calendar, IStringLocalizer<SharedResource> text) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, string token, CancellationToken cancellationToken)
    {
        var feed = await feeds.CompanyAsync(id, token, company => text["RoomsCal.Feed.CompanyName", company], cancellationToken);
        return feed is null ? NotFound() : FeedResult.Of(Response, calendar.Feed(feed.Name, feed.Bookings));
    }
}
