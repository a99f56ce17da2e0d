using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Web.Localization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Rooms;

/// <summary>
/// The free-slot finder: "a room for 8 people with a screen tomorrow between 14:00 and 18:00". Rooms of the site with
/// enough seats, every piece of equipment asked and a longest booking that allows the length; for each, its free spans
/// in the window (<see cref="RoomCatalog.FreeAsync"/>), each with a link to book its first fitting slot.
/// </summary>
public sealed class FindModel(RoomCatalog catalog, IValidator<FindModel.QueryModel> validator, TimeProvider clock) : RoomsPageModel
{
    public const string DefaultFrom = "14:00", DefaultTo = "18:00";
    public const int DefaultMinutes = 60, DefaultPeople = 1;

    /// <summary>The question, as the query string asks it (defaults filled in).</summary>
    public QueryModel Query { get; private set; } = new();

    /// <summary>The question once valid: null when a field is wrong (its message shows next to it).</summary>
    public Question? Asked { get; private set; }

    /// <summary>The rooms that answer, each with its free spans (none listed when no room fits).</summary>
    public IReadOnlyList<RoomAnswer> Answers { get; private set; } = [];

    public async Task OnGetAsync([FromQuery] QueryModel query, CancellationToken cancellationToken)
    {
        var tomorrow = clock.Today().AddDays(1);
        Query = new QueryModel
        {
            Day = string.IsNullOrWhiteSpace(query.Day) ? Display.Iso(tomorrow) : query.Day.Trim(),
            From = string.IsNullOrWhiteSpace(query.From) ? DefaultFrom : query.From.Trim(),
            To = string.IsNullOrWhiteSpace(query.To) ? DefaultTo : query.To.Trim(),
            People = string.IsNullOrWhiteSpace(query.People) ? DefaultPeople.ToString(System.Globalization.CultureInfo.InvariantCulture) : query.People.Trim(),
            Minutes = string.IsNullOrWhiteSpace(query.Minutes) ? DefaultMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture) : query.Minutes.Trim(),
            Equipment = query.Equipment,
        };
        ModelState.Clear(); // the validator's messages, not the binder's
        if (!await validator.ValidateIntoAsync(Query, ModelState, string.Empty, cancellationToken))
        {
            return;
        }

        Asked = Question.Of(Query);
        var rooms = (await catalog.RoomsAsync(Site.SiteId, cancellationToken)).Where(Asked.Fits).ToList();
        var free = rooms.Count == 0 ? [] : await catalog.FreeAsync(Site.SiteId, rooms, Asked.Day, Asked.FromMinute, Asked.ToMinute, Asked.Minutes,
            clock.GetUtcNow(), cancellationToken);
        Answers = [.. rooms
            .Select(r => new RoomAnswer(r, [.. free.Where(f => f.SpaceId == r.Space.Id).OrderBy(f => f.Start)], Math.Max(Asked.Minutes, r.Settings.MinBookingMinutes)))
            .Where(a => a.Free.Count > 0)];
    }

    /// <summary>The same question on another day (the empty answer suggests the next one).</summary>
    public string? DayLink(DateOnly day) => Url.Page("/Rooms/Find", new
    {
        slug = Site.Slug, day = Display.Iso(day), from = Query.From, to = Query.To, people = Query.People, minutes = Query.Minutes,
        equipment = Query.Equipment,
    });

    /// <summary>A valid question: the day, the window in wall-clock minutes (1440 = midnight), the length, the people and the equipment.</summary>
    public sealed record Question(DateOnly Day, int FromMinute, int ToMinute, int Minutes, int People, RoomEquipment Equipment)
    {
        public static Question Of(QueryModel query) => new(
            DateOnly.ParseExact(query.Day!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            MinuteOf(query.From, false)!.Value, MinuteOf(query.To, true)!.Value, int.Parse(query.Minutes!, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(query.People!, System.Globalization.CultureInfo.InvariantCulture),
            query.Equipment.Aggregate(RoomEquipment.None, (all, e) => all | Enum.Parse<RoomEquipment>(e)));

        /// <summary>Enough seats, every piece of equipment asked, and a booking of that length allowed.</summary>
        public bool Fits(BookableRoom room) =>
            room.Capacity >= People && (room.Settings.Equipment & Equipment) == Equipment && room.Settings.MaxBookingMinutes >= Minutes;
    }

    /// <summary>A room that answers: its free spans, and the length of the slot its links offer (at least the room's shortest).</summary>
    public sealed record RoomAnswer(BookableRoom Room, IReadOnlyList<FreeSlot> Free, int Minutes);

    /// <summary>A wall-clock time "HH:mm" as minutes since midnight; 00:00 as an end is the next midnight (1440).</summary>
    public static int? MinuteOf(string? value, bool isEnd) => BookModel.ParseClock(value) is { } time
        ? (isEnd && time == TimeOnly.MinValue ? WeeklyHours.MinutesPerDay : time.Hour * 60 + time.Minute)
        : null;

    /// <summary>The question as the query string carries it: text, parsed by the validator (never a binding error).</summary>
    public sealed class QueryModel
    {
        public string? Day { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        public string? People { get; set; }

        public string? Minutes { get; set; }

        public string[] Equipment { get; set; } = [];
    }

    public sealed class QueryValidator : AbstractValidator<QueryModel>
    {
        public QueryValidator(IStringLocalizer<SharedResource> text)
        {
            RuleFor(x => x.Day).Must(d => DayParameter.TryParse(d, out _)).WithMessage(text.OutOfRange());
            RuleFor(x => x.From).Must(f => MinuteOf(f, false) is not null).WithMessage(text["RoomsBook.Find.FromInvalid"]);
            RuleFor(x => x.To).Must(t => MinuteOf(t, true) is not null).WithMessage(text["RoomsBook.Find.ToInvalid"]);
            RuleFor(x => x.To).Must((q, t) => MinuteOf(t, true) > MinuteOf(q.From, false))
                .When(q => MinuteOf(q.From, false) is not null && MinuteOf(q.To, true) is not null)
                .WithMessage(text["RoomsBook.Find.ToBeforeFrom"]);
            RuleFor(x => x.People).Must(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    && n is >= 1 and <= Space.MaxSeats)
                .WithMessage(text["RoomsBook.Find.PeopleInvalid", Space.MaxSeats]);
            RuleFor(x => x.Minutes).Must(m => int.TryParse(m, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                    && n is > 0 and <= Booking.MaxMinutes && n % Booking.Granularity == 0)
                .WithMessage(text["RoomsBook.Find.MinutesInvalid", Booking.Granularity, Booking.MaxMinutes / 60]);
            RuleFor(x => x.Minutes).Must((q, m) => int.Parse(m!, System.Globalization.CultureInfo.InvariantCulture) <= MinuteOf(q.To, true) - MinuteOf(q.From, false))
                .When(q => int.TryParse(q.Minutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
                    && MinuteOf(q.From, false) < MinuteOf(q.To, true))
                .WithMessage(text["RoomsBook.Find.MinutesLongerThanWindow"]);
            RuleForEach(x => x.Equipment).Must(e => Enum.TryParse<RoomEquipment>(e, out var parsed) && RoomEquipments.All.Contains(parsed)
                    && Enum.GetName(parsed) == e)
                .WithMessage(text["RoomsBook.Find.EquipmentInvalid"]);
        }
    }
}
