using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Rooms;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Rooms;

/// <summary>
/// The site's rooms over a month in the site's time (site staff; HQ reads): for each resident company and room the
/// included hours, what it used, what is left and what is billable (<see cref="RoomUsage"/>), its late cancellations and
/// no-shows; for each room its bookings, hours booked and the share of its opening hours they fill; and one day's
/// bookings, where staff mark those that started as no-shows (or take the mark back).
/// </summary>
public sealed class IndexModel(
    TechnoparkDbContext db,
    RoomUsage usage,
    BookingService bookings,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : SitePageModel
{
    /// <summary>The month shown: its first day.</summary>
    public DateOnly Month { get; private set; }

    /// <summary>The day whose bookings are listed (in <see cref="Month"/> unless asked otherwise).</summary>
    public DateOnly Day { get; private set; }

    /// <summary>A month or day was asked that cannot be shown: the page shows the current one with a message.</summary>
    public bool Rejected { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<RoomTotal> Rooms { get; private set; } = [];

    public IReadOnlyList<CompanyUse> Companies { get; private set; } = [];

    public IReadOnlyList<DayBooking> DayBookings { get; private set; } = [];

    public async Task OnGetAsync(string? month, string? day, CancellationToken cancellationToken) =>
        await LoadAsync(month, day, cancellationToken);

    /// <summary>The month's use per company and room as CSV for Excel (French, ';', hours with decimal commas), as a later invoicing step reads it.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? month, CancellationToken cancellationToken)
    {
        await LoadAsync(month, null, cancellationToken);
        var bytes = Hq.CsvExport.InFrench(() => Hq.CsvExport.Write(
            [text["RoomsAdmin.Company"], text["RoomsAdmin.Room"], text["RoomsAdmin.IncludedShort"], text["RoomsAdmin.Used"], text["RoomsAdmin.Left"],
                text["RoomsAdmin.Billable"], text["RoomsAdmin.LateCancellations"], text["RoomsAdmin.NoShows"]],
            Companies.Select(c => (IReadOnlyList<object?>)[c.Company, c.Room, c.IncludedMinutes / 60m, c.UsedMinutes / 60m, c.LeftMinutes / 60m,
                c.BillableMinutes / 60m, c.LateCancellations, c.NoShows])));
        return File(bytes, Hq.CsvExport.ContentType, $"salles-{Site.Slug}-{MonthParameter(Month)}.csv");
    }

    /// <summary>Marks a started booking of the site as a no-show, or takes the mark back (PRG to the same month and day).</summary>
    public async Task<IActionResult> OnPostNoShowAsync(long id, bool noShow, string? month, string? day, CancellationToken cancellationToken)
    {
        var access = await RoomAccessReader.ReadAsync(db, User, Site.SiteId, clock.Today(), cancellationToken);
        try
        {
            await bookings.MarkNoShowAsync(Site, access, id, noShow, cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            await LoadAsync(month, day, cancellationToken);
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }

        TempData["Message"] = text[noShow ? "RoomsAdmin.NoShowMarked" : "RoomsAdmin.NoShowCleared"].Value;
        return RedirectToPage(new { slug = Site.Slug, month, day });
    }

    /// <summary>"yyyy-MM" of a month, as the URL takes it.</summary>
    public static string MonthParameter(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Minutes as hours ("3,5"), in the page's language.</summary>
    public static string Hours(int minutes) => (minutes / 60m).ToString("#,##0.##", Display.Numbers);

    private async Task LoadAsync(string? month, string? day, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var today = SiteTime.DayOf(Now);
        Month = SiteTime.MonthOf(Now);
        if (DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && DateRangeLimits.Contains(asked))
        {
            Month = asked;
        }
        else
        {
            Rejected = !string.IsNullOrEmpty(month);
        }

        Day = DayParameter.TryParse(day, out var askedDay) ? askedDay
            : today.Year == Month.Year && today.Month == Month.Month ? today : Month;
        Rejected |= DayParameter.IsRejected(day);

        var siteId = Site.SiteId;
        var monthStart = SiteTime.StartOf(Month);
        var monthEnd = SiteTime.StartOf(Month.AddMonths(1));
        var rooms = await (from s in db.Spaces.AsNoTracking()
                           where s.SiteId == siteId
                           join r in db.RoomSettings.AsNoTracking() on s.Id equals r.SpaceId
                           orderby s.Code
                           select new { s.Id, s.Code, s.Kind, s.Seats, r.OpeningMinutes }).ToListAsync(cancellationToken);
        var monthBookings = await db.Bookings.AsNoTracking().StartingIn(monthStart, monthEnd).Where(b => b.SiteId == siteId)
            .Select(b => new { b.SpaceId, b.CompanyId, b.Start, b.End, Cancelled = b.CancelledAt != null, b.CancelledLate, b.NoShow })
            .ToListAsync(cancellationToken);
        var uses = await usage.MonthAsync(siteId, Month, null, cancellationToken);

        var days = Enumerable.Range(0, Month.AddMonths(1).DayNumber - Month.DayNumber).Select(Month.AddDays).ToList();
        Rooms = [.. rooms.Select(r =>
        {
            var hours = new WeeklyHours(r.OpeningMinutes);
            var held = monthBookings.Where(b => b.SpaceId == r.Id && !b.Cancelled).ToList();
            var open = days.Sum(d => hours.On(d.DayOfWeek) is var (o, c) && c > o ? c - o : 0);
            return new RoomTotal(r.Id, r.Code, r.Kind, r.Seats, held.Count, held.Sum(b => (int)(b.End - b.Start).TotalMinutes), open,
                monthBookings.Count(b => b.SpaceId == r.Id && b.CancelledLate), held.Count(b => b.NoShow));
        })];

        var companyIds = uses.Select(u => u.CompanyId).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.LegalName, cancellationToken);
        var codes = rooms.ToDictionary(r => r.Id, r => r.Code);
        Companies = [.. uses.Select(u => new CompanyUse(u.CompanyId, names.GetValueOrDefault(u.CompanyId, "?"), u.SpaceId, codes.GetValueOrDefault(u.SpaceId, "?"),
                u.IncludedMinutes, u.UsedMinutes, u.LeftMinutes, u.BillableMinutes,
                monthBookings.Count(b => b.CompanyId == u.CompanyId && b.SpaceId == u.SpaceId && b.CancelledLate),
                monthBookings.Count(b => b.CompanyId == u.CompanyId && b.SpaceId == u.SpaceId && !b.Cancelled && b.NoShow)))
            .OrderBy(c => c.Company, StringComparer.CurrentCulture).ThenBy(c => c.Room, StringComparer.Ordinal)];

        var dayStart = SiteTime.StartOf(Day);
        var dayEnd = SiteTime.StartOf(Day.AddDays(1));
        DayBookings = await (from b in db.Bookings.AsNoTracking().StartingIn(dayStart, dayEnd)
                             where b.SiteId == siteId
                             join s in db.Spaces on b.SpaceId equals s.Id
                             join c in db.Companies on b.CompanyId equals c.Id into party
                             from c in party.DefaultIfEmpty()
                             orderby b.Start, s.Code
                             select new DayBooking(b.Id, s.Code, b.Start, b.End, b.PartyKind, c == null ? b.ExternalName : c.LegalName, b.Title, b.Attendees,
                                 b.CancelledAt != null, b.CancelledLate, b.NoShow)).ToListAsync(cancellationToken);
    }

    /// <summary>A room's month: live bookings, their minutes, the month's opening minutes, late cancellations and no-shows.</summary>
    public sealed record RoomTotal(int SpaceId, string Code, SpaceKind Kind, int Capacity, int Bookings, int BookedMinutes, int OpenMinutes,
        int LateCancellations, int NoShows)
    {
        /// <summary>Booked minutes over opening minutes, in percent; null for a room closed all month.</summary>
        public decimal? Occupancy => OpenMinutes == 0 ? null : decimal.Round(100m * BookedMinutes / OpenMinutes, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>One resident company's use of one room in the month.</summary>
    public sealed record CompanyUse(int CompanyId, string Company, int SpaceId, string Room, int IncludedMinutes, int UsedMinutes, int LeftMinutes,
        int BillableMinutes, int LateCancellations, int NoShows);

    /// <summary>A booking of the listed day; <see cref="PartyName"/> is the company's or the outside organisation's name.</summary>
    public sealed record DayBooking(long Id, string Room, DateTimeOffset Start, DateTimeOffset End, BookingPartyKind Party, string? PartyName, string? Title,
        int Attendees, bool Cancelled, bool CancelledLate, bool NoShow)
    {
        /// <summary>Only a live booking that has started can be marked (the domain says so too).</summary>
        public bool CanMark(DateTimeOffset now) => !Cancelled && now >= Start;
    }
}
