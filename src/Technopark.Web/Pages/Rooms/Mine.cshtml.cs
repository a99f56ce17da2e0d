using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// My bookings at a site: the upcoming ones of my companies (and those I booked, for staff) with a cancel button
/// (a confirmation first, warning when it would be a late cancellation), the last 30 days' with their marks
/// (cancelled, late, no-show), and my companies' included hours this month per room.
/// </summary>
public sealed class MineModel(TechnoparkDbContext db, RoomCatalog catalog, RoomUsage usage, BookingService bookings,
    IStringLocalizer<SharedResource> text, TimeProvider clock) : RoomsPageModel
{
    /// <summary>How far back the page lists past and cancelled bookings.</summary>
    public const int RecentDays = 30;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<Row> Upcoming { get; private set; } = [];

    public IReadOnlyList<Row> Recent { get; private set; } = [];

    /// <summary>The booking asked to be cancelled, awaiting confirmation.</summary>
    public Row? Confirming { get; private set; }

    public DateOnly Month { get; private set; }

    /// <summary>Per company, the rooms that include hours: included, used, left and billable minutes this month.</summary>
    public IReadOnlyList<(BookingCompany Company, IReadOnlyList<QuotaLine> Rooms)> Quotas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>
    /// First post (<paramref name="confirmed"/> false): shows the confirmation, warning when it would be late. Second post: cancels
    /// (PRG with a status message).
    /// </summary>
    public async Task<IActionResult> OnPostCancelAsync(long bookingId, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            await LoadAsync(cancellationToken);
            Confirming = (await RowsAsync(b => b.Id == bookingId, cancellationToken)).FirstOrDefault(r => r.CanCancel);
            return Confirming is null ? NotFound() : Page();
        }

        try
        {
            var cancelled = await bookings.CancelAsync(Site, Access, UserId, bookingId, cancellationToken);
            TempData["Status"] = text[cancelled.CancelledLate ? "RoomsView.CancelDoneLate" : "RoomsView.CancelDone"].Value;
            return RedirectToPage("/Rooms/Mine", new { slug = Site.Slug });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var since = Now.AddDays(-RecentDays);
        var rows = await RowsAsync(b => b.Start >= since, cancellationToken);
        Upcoming = [.. rows.Where(r => r.IsUpcoming).OrderBy(r => r.Start)];
        Recent = [.. rows.Where(r => !r.IsUpcoming).OrderByDescending(r => r.Start)];
        Month = SiteTime.MonthOf(Now);
        if (Access.Companies.Count == 0)
        {
            return;
        }

        var rooms = await catalog.RoomsAsync(Site.SiteId, cancellationToken);
        var used = (await usage.MonthAsync(Site.SiteId, Month, [.. Access.Companies.Select(c => c.Id)], cancellationToken))
            .ToDictionary(u => (u.CompanyId, u.SpaceId));
        Quotas = [.. Access.Companies.Select(c => (c, (IReadOnlyList<QuotaLine>)[.. rooms
            .Where(r => RoomSettings.IsRoom(r.Space.Kind) && r.Settings.IncludedHoursPerMonth > 0)
            .Select(r => used.TryGetValue((c.Id, r.Space.Id), out var u)
                ? new QuotaLine(r.Space.Code, u.IncludedMinutes, u.UsedMinutes, u.LeftMinutes, u.BillableMinutes)
                : new QuotaLine(r.Space.Code, r.Settings.IncludedHoursPerMonth * 60, 0, r.Settings.IncludedHoursPerMonth * 60, 0))]))];
    }

    /// <summary>Bookings of the site matching <paramref name="filter"/> that are my companies' (or that I booked), with their room and party (one statement).</summary>
    private async Task<List<Row>> RowsAsync(System.Linq.Expressions.Expression<Func<Booking, bool>> filter, CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var userId = UserId;
        var companyIds = Access.Companies.Select(c => c.Id).ToList();
        var found = await db.Bookings.AsNoTracking().Where(filter)
            .Where(b => b.SiteId == siteId && ((b.CompanyId != null && companyIds.Contains(b.CompanyId.Value)) || b.BookedBy == userId))
            .Join(db.Spaces, b => b.SpaceId, s => s.Id, (b, s) => new { b, s.Code })
            .Join(db.RoomSettings, x => x.b.SpaceId, r => r.SpaceId, (x, r) => new { x.b, x.Code, r.CancellationNoticeMinutes })
            .LeftJoin(db.Companies, x => x.b.CompanyId, c => (int?)c.Id, (x, c) => new
            {
                x.b.Id, x.b.SpaceId, x.Code, x.b.Start, x.b.End, x.b.PartyKind, x.b.CompanyId, CompanyName = (string?)c!.LegalName, x.b.ExternalName, x.b.Title,
                x.b.CancelledAt, x.b.CancelledLate, x.b.NoShow, x.CancellationNoticeMinutes,
            })
            .OrderByDescending(b => b.Start).Take(500)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. found.Select(b =>
        {
            var party = b.PartyKind switch
            {
                BookingPartyKind.Company => b.CompanyName ?? string.Empty,
                BookingPartyKind.Site => text["RoomsView.Party.Site"].Value,
                _ => b.ExternalName ?? string.Empty,
            };
            var upcoming = b.CancelledAt is null && b.End > now;
            var canCancel = upcoming && Access.CanCancel(b.CompanyId);
            return new Row(b.Id, b.SpaceId, b.Code, b.Start, b.End, party, b.Title, b.CancelledAt is not null, b.CancelledLate, b.NoShow, upcoming, canCancel,
                Booking.IsLate(b.Start, now, b.CancellationNoticeMinutes), b.CancellationNoticeMinutes);
        })];
    }

    /// <summary>A booking as the page lists it; <see cref="WouldBeLate"/> is <see cref="Booking.IsLate"/> now.</summary>
    public sealed record Row(long Id, int SpaceId, string Code, DateTimeOffset Start, DateTimeOffset End, string Party, string? Title, bool Cancelled,
        bool CancelledLate, bool NoShow, bool IsUpcoming, bool CanCancel, bool WouldBeLate, int NoticeMinutes)
    {
        public DateOnly Day => SiteTime.DayOf(Start);

        public string From => Display.Clock(Start);

        public string To => Display.Clock(End);

        /// <summary>The resource key of its state mark.</summary>
        public string Mark => CancelledLate ? "RoomsView.Mark.Late" : Cancelled ? "RoomsView.Mark.Cancelled" : NoShow ? "RoomsView.Mark.NoShow"
            : IsUpcoming ? "RoomsView.Mark.Live" : "RoomsView.Mark.Done";
    }

    public sealed record QuotaLine(string Code, int Included, int Used, int Left, int Billable);
}
