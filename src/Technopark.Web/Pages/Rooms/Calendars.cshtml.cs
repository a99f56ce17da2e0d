using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// /sites/{slug}/rooms/calendars: the secret iCalendar feed URLs a person may subscribe to. The site's staff (and HQ, to
/// read) see each room's; its managers regenerate one. Members of resident companies see their companies' and create or
/// regenerate them. Regenerating asks for a confirmation first (a second post): the old URL stops working.
/// </summary>
public sealed class CalendarsModel(CalendarFeeds feeds, RoomCatalog catalog, TechnoparkDbContext db, IStringLocalizer<SharedResource> text)
    : RoomsPageModel
{
    /// <summary>True only from a confirmation form: the first post of a regeneration changes nothing.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>Whether the room feeds show: staff of the site and HQ.</summary>
    public bool ShowsRooms => Access.IsStaff || Access.IsNetworkAdmin;

    public bool CanRegenerateRooms { get; private set; }

    public IReadOnlyList<RoomFeedRow> Rooms { get; private set; } = [];

    public IReadOnlyList<CompanyFeedRow> Companies { get; private set; } = [];

    /// <summary>A regeneration asked for, waiting for its confirmation.</summary>
    public PendingFeed? Pending { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRoomAsync(int spaceId, CancellationToken cancellationToken)
    {
        if (!await feeds.IsManagerAsync(Site.SiteId, UserId, cancellationToken))
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        if (Rooms.FirstOrDefault(r => r.SpaceId == spaceId) is not { } room)
        {
            return NotFound();
        }

        if (!Confirmed)
        {
            Pending = new PendingFeed(PendingKind.Room, spaceId, room.Code);
            return Page();
        }

        var code = await feeds.RegenerateRoomAsync(Site, spaceId, cancellationToken);
        Message = text["RoomsCal.RoomRegenerated", code];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCompanyAsync(int companyId, CancellationToken cancellationToken)
    {
        if (!Access.IsMemberOf(companyId))
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        var company = Companies.Single(c => c.CompanyId == companyId);
        if (company.Url is not null && !Confirmed)
        {
            Pending = new PendingFeed(PendingKind.Company, companyId, company.Name);
            return Page();
        }

        try
        {
            var name = await feeds.RegenerateCompanyAsync(Site, companyId, cancellationToken);
            Message = text[company.Url is null ? "RoomsCal.CompanyCreated" : "RoomsCal.CompanyRegenerated", name];
            return RedirectToPage();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (ShowsRooms)
        {
            CanRegenerateRooms = Access.IsStaff && await feeds.IsManagerAsync(Site.SiteId, UserId, cancellationToken);
            var rooms = await catalog.RoomsAsync(Site.SiteId, cancellationToken);
            Rooms = [.. rooms.Select(r => new RoomFeedRow(r.Space.Id, r.Space.Code, feeds.RoomFeedUrl(Site.Slug, r.Space.Id, r.Settings.FeedToken)))];
        }

        var ids = Access.Companies.Select(c => c.Id).ToList();
        if (ids.Count > 0)
        {
            var tokens = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.CalendarToken })
                .ToDictionaryAsync(c => c.Id, c => c.CalendarToken, cancellationToken);
            Companies = [.. Access.Companies.Select(c => new CompanyFeedRow(c.Id, c.LegalName,
                tokens.GetValueOrDefault(c.Id) is { } token ? feeds.CompanyFeedUrl(c.Id, token) : null))];
        }
    }

    public enum PendingKind
    {
        Room,
        Company,
    }

    public sealed record PendingFeed(PendingKind Kind, int Id, string Name);

    public sealed record RoomFeedRow(int SpaceId, string Code, string Url);

    /// <summary>A company's feed; <see cref="Url"/> is null until a member creates it.</summary>
    public sealed record CompanyFeedRow(int CompanyId, string Name, string? Url);
}
