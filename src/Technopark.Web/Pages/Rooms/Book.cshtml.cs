using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// Books a room of the site: residents for their company, staff for a resident company, the site or an outside
/// organisation; once or every week until a last day. The page shows the room's rules and, for a company, the included
/// hours left that month and what of the slot would be billable. The Domain decides; every refusal goes next to its field.
/// </summary>
public sealed class BookModel(
    TechnoparkDbContext db,
    RoomCatalog catalog,
    BookingService bookings,
    RoomUsage usage,
    IValidator<BookModel.InputModel> validator,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : RoomsPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<BookableRoom> Rooms { get; private set; } = [];

    /// <summary>The chosen room (null when none of this site is chosen).</summary>
    public BookableRoom? Room { get; private set; }

    /// <summary>The companies the person may book for: their own (resident), every resident of the site (staff).</summary>
    public IReadOnlyList<BookingCompany> Companies { get; private set; } = [];

    /// <summary>The included hours of the chosen company and room in the slot's month, when the form names both.</summary>
    public QuotaView? Quota { get; private set; }

    /// <summary>The nearest free slots, when the one asked was just taken.</summary>
    public IReadOnlyList<FreeSlot> Nearest { get; private set; } = [];

    public async Task OnGetAsync(int? space, string? day, string? start, string? end, int? attendees, string? title, CancellationToken cancellationToken)
    {
        Input = new InputModel
        {
            SpaceId = space ?? 0,
            Day = DayParameter.OrToday(day, clock.Today()),
            Start = ParseClock(start) is not null ? start : null,
            End = ParseClock(end) is not null ? end : null,
            Attendees = attendees is > 0 ? attendees : 1,
            Title = title,
            Party = BookingPartyKind.Company,
        };
        await LoadAsync(cancellationToken);
        if (Input.SpaceId == 0 && Rooms.Count > 0)
        {
            Room = Rooms[0];
            Input.SpaceId = Room.Space.Id;
        }
        else if (space is not null && Room is null)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.SpaceId)}", text["Rooms.Booking.RoomNotFound"]);
        }

        if (Companies.Count == 1 && !Access.IsStaff)
        {
            Input.CompanyId = Companies[0].Id;
        }

        await LoadQuotaAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var saved = await bookings.BookAsync(Site, Access, UserId, ToRequest(), cancellationToken);
                TempData["Status"] = await StatusAsync(saved, cancellationToken);
                return Redirect(DayViewUrl(Input.Day!.Value));
            }
            catch (SlotTakenException e)
            {
                Nearest = e.Nearest;
                ModelState.AddModelError(Key(e.Field), text.Message(e));
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(Key(e.Field), text.Message(e));
            }
        }

        await LoadAsync(cancellationToken);
        await LoadQuotaAsync(cancellationToken);
        return Page();
    }

    /// <summary>The request the form describes (its shapes already checked); the party's rules throw their field's message.</summary>
    private BookingRequest ToRequest()
    {
        var party = Input.Party switch
        {
            BookingPartyKind.Site => BookingParty.ForSite(),
            BookingPartyKind.External => BookingParty.External(Input.ExternalName, Input.ExternalContact, Input.ExternalIce),
            _ => BookingParty.ForCompany(Input.CompanyId ?? 0),
        };
        return new BookingRequest(Input.SpaceId, Slot()!, party, Input.Attendees!.Value, Input.Title, Input.Repeat ? Input.RepeatUntil : null);
    }

    /// <summary>The slot the form names, or null while its day or times are not given.</summary>
    private BookingSlot? Slot() =>
        Input.Day is { } day && ParseClock(Input.Start) is { } start && ParseClock(Input.End) is { } end ? BookingSlot.Of(day, start, end) : null;

    private async Task<string> StatusAsync(IReadOnlyList<Booking> saved, CancellationToken cancellationToken)
    {
        var first = saved[0];
        var code = await db.Spaces.Where(s => s.Id == first.SpaceId).Select(s => s.Code).SingleAsync(cancellationToken);
        return saved.Count > 1
            ? text["RoomsBook.SeriesBooked", Display.Count(saved.Count), code, Display.Day(SiteTime.DayOf(first.Start)),
                Display.Day(SiteTime.DayOf(saved[^1].Start))].Value
            : text["RoomsBook.Booked", code, Display.Day(SiteTime.DayOf(first.Start)), Display.Clock(first.Start), Display.Clock(first.End)].Value;
    }

    /// <summary>The day view of the site on <paramref name="day"/> (/sites/{slug}/rooms?day=…).</summary>
    public string DayViewUrl(DateOnly day) => Url.Page("/Rooms/Index", new { slug = Site.Slug, day = Display.Iso(day) })!;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rooms = await catalog.RoomsAsync(Site.SiteId, cancellationToken);
        Room = Rooms.FirstOrDefault(r => r.Space.Id == Input.SpaceId);
        if (Access.IsStaff)
        {
            var today = clock.Today();
            var siteId = Site.SiteId;
            Companies = await db.Companies.AsNoTracking()
                .Where(c => c.SiteId == siteId && (c.ExitedOn == null || c.ExitedOn > today))
                .OrderBy(c => c.LegalName)
                .Select(c => new BookingCompany(c.Id, c.LegalName))
                .ToListAsync(cancellationToken);
        }
        else
        {
            Companies = Access.Companies;
        }
    }

    /// <summary>For a company booking of a room: the included minutes left in the slot's month, and what of the slot goes beyond them.</summary>
    private async Task LoadQuotaAsync(CancellationToken cancellationToken)
    {
        if (Room is null || Input.Party != BookingPartyKind.Company || Input.CompanyId is not { } companyId
            || Companies.All(c => c.Id != companyId) || Input.Day is not { } day || !DateRangeLimits.Contains(day))
        {
            return;
        }

        var month = new DateOnly(day.Year, day.Month, 1);
        var included = Room.Settings.IncludedHoursPerMonth;
        var used = await UsedMinutesAsync(companyId, month, cancellationToken);
        int? billable = null;
        if (Slot() is { } slot)
        {
            try
            {
                // Each month of the booking (a series may span several): what the bill grows by (the Domain's rule).
                var days = Input.Repeat && Input.RepeatUntil is { } until && DateRangeLimits.Contains(until) ? Recurrence.Weekly(day, until) : [day];
                billable = 0;
                foreach (var inMonth in days.GroupBy(d => new DateOnly(d.Year, d.Month, 1)))
                {
                    var minutes = inMonth.Sum(d => Minutes(slot.On(d)));
                    var monthUsed = inMonth.Key == month ? used : await UsedMinutesAsync(companyId, inMonth.Key, cancellationToken);
                    billable += RoomQuota.AddedBillableMinutes(included, monthUsed, minutes);
                }
            }
            catch (DomainException)
            {
                // Not a slot yet (end before start, a skipped time, a series too long): its field says why when posted.
                billable = null;
            }
        }

        Quota = new QuotaView(month, included * 60, RoomQuota.LeftMinutes(included, used), billable);
    }

    private async Task<int> UsedMinutesAsync(int companyId, DateOnly month, CancellationToken cancellationToken) =>
        (await usage.MonthAsync(Site.SiteId, month, [companyId], cancellationToken)).FirstOrDefault(u => u.SpaceId == Room!.Space.Id)?.UsedMinutes ?? 0;

    private static int Minutes(BookingSlot slot)
    {
        var (start, end) = slot.ToInstants();
        return (int)(end - start).TotalMinutes;
    }

    private static string Key(string? field) => field is null ? string.Empty : $"{nameof(Input)}.{field}";

    /// <summary>A wall-clock time as a time input sends it ("HH:mm", or "HH:mm:ss"), or null.</summary>
    public static TimeOnly? ParseClock(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>A duration in minutes as "1 h 30", "45 min".</summary>
    public static string Duration(IStringLocalizer text, int minutes) =>
        minutes % 60 == 0 ? text["RoomsBook.Hours", Display.Count(minutes / 60)]
        : minutes < 60 ? text["RoomsBook.Minutes", Display.Count(minutes)]
        : text["RoomsBook.HoursMinutes", Display.Count(minutes / 60), (minutes % 60).ToString("00", CultureInfo.InvariantCulture)];

    /// <summary>Included minutes of a month, those left, and the billable part of the requested slot (null while it is not a slot).</summary>
    public sealed record QuotaView(DateOnly Month, int IncludedMinutes, int LeftMinutes, int? BillableMinutes);

    public sealed class InputModel
    {
        public int SpaceId { get; set; }

        public DateOnly? Day { get; set; }

        /// <summary>"HH:mm" (a time input), parsed by the validator: no binding error, never a 500.</summary>
        public string? Start { get; set; }

        public string? End { get; set; }

        public int? Attendees { get; set; }

        public string? Title { get; set; }

        public BookingPartyKind? Party { get; set; }

        public int? CompanyId { get; set; }

        public string? ExternalName { get; set; }

        public string? ExternalContact { get; set; }

        public string? ExternalIce { get; set; }

        public bool Repeat { get; set; }

        public DateOnly? RepeatUntil { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.SpaceId).GreaterThan(0).WithMessage(text["RoomsBook.SpaceRequired"]);
            RuleFor(x => x.Day).NotNull().WithMessage(text["RoomsBook.DayRequired"]);
            RuleFor(x => x.Day).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.Day is not null).WithMessage(text.OutOfRange());
            RuleFor(x => x.Start).Must(s => ParseClock(s) is not null).WithMessage(text["Rooms.Booking.StartInvalid"]);
            RuleFor(x => x.End).Must(s => ParseClock(s) is not null).WithMessage(text["Rooms.Booking.EndInvalid"]);
            RuleFor(x => x.Attendees).NotNull().GreaterThan(0).WithMessage(text["Rooms.Booking.AttendeesRequired"]);
            RuleFor(x => x.Title).MaximumLength(Booking.TitleMaxLength).WithMessage(text["Rooms.Booking.TitleTooLong", Booking.TitleMaxLength]);
            RuleFor(x => x.Party).NotNull().IsInEnum().WithMessage(text["RoomsBook.PartyRequired"]);
            RuleFor(x => x.CompanyId).NotNull().GreaterThan(0).When(x => x.Party == BookingPartyKind.Company)
                .WithMessage(text["Rooms.Booking.CompanyRequired"]);
            RuleFor(x => x.RepeatUntil).NotNull().When(x => x.Repeat).WithMessage(text["RoomsBook.RepeatUntilRequired"]);
            RuleFor(x => x.RepeatUntil).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.Repeat && x.RepeatUntil is not null)
                .WithMessage(text.OutOfRange());
        }
    }
}
