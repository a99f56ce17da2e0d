using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// A room's iCalendar feed, for calendar apps (anonymous: the secret token in the URL is the key, given to the site's
/// staff on /sites/{slug}/rooms/calendars). Every live booking of the room from a month back to a year ahead, party named.
/// A wrong token, an unknown room and another site's room all get 404.
/// </summary>
[AllowAnonymous]
public sealed class RoomFeedModel(CalendarFeeds feeds, BookingCalendar calendar, IStringLocalizer<SharedResource> text) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, int spaceId, string token, CancellationToken cancellationToken)
    {
        var feed = await feeds.RoomAsync(slug, spaceId, token, (room, site) => text["RoomsCal.Feed.RoomName", room, site], cancellationToken);
        return feed is null ? NotFound() : FeedResult.Of(Response, calendar.Feed(feed.Name, feed.Bookings));
    }
}

/// <summary>How a feed is answered: UTF-8 iCalendar text, kept a few minutes by the calendar app, never by a shared cache, never indexed.</summary>
public static class FeedResult
{
    public const int CacheSeconds = 300;

    public static ContentResult Of(HttpResponse response, string ics)
    {
        response.Headers.CacheControl = $"private, max-age={CacheSeconds}";
        response.Headers["X-Robots-Tag"] = "noindex";
        return new ContentResult { Content = ics, ContentType = BookingCalendar.FeedContentType, StatusCode = StatusCodes.Status200OK };
    }
}
