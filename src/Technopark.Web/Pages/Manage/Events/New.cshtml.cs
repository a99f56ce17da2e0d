using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Events;
using Technopark.Web.Pages.Rooms;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Events;

/// <summary>
/// /manage/{slug}/events/new: an event and its room in one step (the site's managers; the team reads the form). The room's
/// capacity is the default and the maximum; registration closes by default the day before at
/// <see cref="DefaultDeadlineMinute"/> (site time), never after the start.
/// </summary>
public sealed class NewModel(
    TechnoparkDbContext db,
    RoomCatalog catalog,
    EventService events,
    IAuthorizationService authorization,
    IValidator<NewModel.InputModel> validator,
    IStringLocalizer<SharedResource> text) : SitePageModel
{
    /// <summary>18:00 the day before the event: when registration closes unless staff say otherwise.</summary>
    public const int DefaultDeadlineMinute = 18 * 60;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<BookableRoom> Rooms { get; private set; } = [];

    /// <summary>The site's partner organisations, suggested for the partners field.</summary>
    public IReadOnlyList<string> SitePartners { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(int? spaceId, string? day, CancellationToken cancellationToken)
    {
        Input = new InputModel
        {
            SpaceId = spaceId ?? 0,
            Day = DayParameter.TryParse(day, out var asked) ? asked : null,
            Language = EventLanguage.French,
            Audience = EventAudience.Public,
        };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await IsManagerAsync())
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        if (await validator.ValidateIntoAsync(Input, ModelState, nameof(Input), cancellationToken))
        {
            try
            {
                var ev = await events.CreateAsync(Site, UserId, ToRequest(), cancellationToken);
                TempData["Status"] = text["Events.Staff.Created"].Value;
                return RedirectToPage("/Manage/Events/Detail", new { slug = Site.Slug, id = ev.Id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(InputField(e.Field), text.Message(e));
            }
        }

        return Page();
    }

    /// <summary>Where a rule's message goes: next to its field (the deadline's on its day; the booking's start on the start).</summary>
    private static string InputField(string? field) => field switch
    {
        null => string.Empty,
        nameof(Event.RegistrationDeadline) => $"{nameof(Input)}.{nameof(InputModel.DeadlineDay)}",
        nameof(Event.StartsAt) => $"{nameof(Input)}.{nameof(InputModel.Start)}",
        nameof(Event.BookingId) => $"{nameof(Input)}.{nameof(InputModel.SpaceId)}",
        _ => $"{nameof(Input)}.{field}",
    };

    /// <summary>The validated form as a request: the room's capacity when none is given, the default deadline when none is given.</summary>
    private EventRequest ToRequest()
    {
        var day = Input.Day!.Value;
        var slot = BookingSlot.Of(day, BookModel.ParseClock(Input.Start)!.Value, BookModel.ParseClock(Input.End)!.Value);
        var capacity = Input.Capacity ?? Rooms.FirstOrDefault(r => r.Space.Id == Input.SpaceId)?.Capacity ?? 0;
        return new EventRequest(Input.SpaceId, slot, capacity, Input.Title, Input.Description, Input.Language!.Value, Input.Audience!.Value,
            Deadline(day, Input.DeadlineDay, BookModel.ParseClock(Input.DeadlineTime)), Input.Partners);
    }

    /// <summary>The registration deadline: the given day (else the day before the event) at the given time (else 18:00), site time.</summary>
    public static DateTimeOffset Deadline(DateOnly eventDay, DateOnly? day, TimeOnly? time) =>
        SiteTime.Instant(day ?? eventDay.AddDays(-1), time is { } t ? t.Hour * 60 + t.Minute : DefaultDeadlineMinute, SkippedTime.MoveLater);

    private async Task<bool> IsManagerAsync() => (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;

    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanCreate = !IsHqReadOnly && await IsManagerAsync();
        Rooms = [.. (await catalog.RoomsAsync(Site.SiteId, cancellationToken)).Where(r => RoomSettings.IsRoom(r.Space.Kind))];
        var siteId = Site.SiteId;
        SitePartners = await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.Partners).SingleAsync(cancellationToken);
    }

    public sealed class InputModel
    {
        public int SpaceId { get; set; }

        public DateOnly? Day { get; set; }

        public string? Start { get; set; }

        public string? End { get; set; }

        /// <summary>Empty: the room's capacity.</summary>
        public int? Capacity { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public EventLanguage? Language { get; set; }

        public EventAudience? Audience { get; set; }

        /// <summary>Empty: the day before the event.</summary>
        public DateOnly? DeadlineDay { get; set; }

        /// <summary>Empty: 18:00.</summary>
        public string? DeadlineTime { get; set; }

        public string? Partners { get; set; }
    }

    public sealed class InputValidator : AbstractValidator<InputModel>
    {
        public InputValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.SpaceId).GreaterThan(0).WithMessage(text["Events.Staff.RoomRequired"]);
            RuleFor(x => x.Day).NotNull().WithMessage(text["Events.Staff.DayRequired"]);
            RuleFor(x => x.Day).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.Day is not null).WithMessage(text.OutOfRange());
            RuleFor(x => x.Start).Must(s => BookModel.ParseClock(s) is not null).WithMessage(text["Rooms.Booking.StartInvalid"]);
            RuleFor(x => x.End).Must(s => BookModel.ParseClock(s) is not null).WithMessage(text["Rooms.Booking.EndInvalid"]);
            RuleFor(x => x.Capacity).InclusiveBetween(1, Event.MaxCapacity).When(x => x.Capacity is not null)
                .WithMessage(text["Events.CapacityInvalid", Event.MaxCapacity]);
            RuleFor(x => x.Title).NotEmpty().MaximumLength(Event.TitleMaxLength).WithMessage(text["Events.TitleRequired"]);
            RuleFor(x => x.Description).NotEmpty().MaximumLength(Event.DescriptionMaxLength).WithMessage(text["Events.DescriptionRequired"]);
            RuleFor(x => x.Language).NotNull().IsInEnum().WithMessage(text["Events.LanguageInvalid"]);
            RuleFor(x => x.Audience).NotNull().IsInEnum().WithMessage(text["Events.AudienceInvalid"]);
            RuleFor(x => x.DeadlineDay).Must(d => DateRangeLimits.Contains(d!.Value)).When(x => x.DeadlineDay is not null).WithMessage(text.OutOfRange());
            RuleFor(x => x.DeadlineTime).Must(s => BookModel.ParseClock(s) is not null).When(x => !string.IsNullOrWhiteSpace(x.DeadlineTime))
                .WithMessage(text["Events.Staff.DeadlineTimeInvalid"]);
            RuleFor(x => x.Partners).MaximumLength(Event.PartnersMaxLength).WithMessage(text["Events.PartnersTooLong"]);
        }
    }
}
