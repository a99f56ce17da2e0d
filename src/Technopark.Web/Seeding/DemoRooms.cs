using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Web.Pages.Manage.Spaces;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo's shared rooms (demo mode only). Every room of every operational site gets booking settings, and each site a
/// month of bookings: the weekdays from 14 days before today to 14 days after (site time), by resident companies of the
/// site, the site itself and outside organisations, made through the Domain (<see cref="Booking.Create"/>; past ones as if
/// made three days before they started). At Tanger, "Bab Bahr Robotics SARL" books its meeting room beyond its included
/// hours this month, cancels one booking late, misses one (a no-show) and has a weekly series in the training room.
/// INVENTED: every figure below (equipment, hours, rates, included hours, who books what). Idempotent: existing settings
/// are kept, and a site that already has bookings gets none.
/// </summary>
public sealed class DemoRooms(TechnoparkDbContext db, TimeProvider clock) : IDemoSeeder
{
    /// <summary>Who made the demo bookings that no demo account made.</summary>
    private const string DemoUser = "system";

    /// <summary>The days before and after today that get bookings.</summary>
    public const int DaysAround = 14;

    private static readonly string[] Titles =
    [
        "Point d'équipe", "Réunion client", "Entretien de recrutement", "Atelier produit", "Comité de pilotage", "Démonstration investisseurs",
        "Formation interne", "Revue de sprint",
    ];

    private static readonly (string Name, string Contact, string? Ice)[] Outsiders =
    [
        ("Réseau Entreprendre Maroc", "contact@reseau-entreprendre.example", null),
        ("Injaz Al Maghrib", "+212 5 22 00 00 00", null),
        ("Atlas Conseil SARL", "rh@atlas-conseil.example", "001234567000089"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sites = await db.Sites.Where(s => s.Status == SiteStatus.Operational).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var owner = await db.Users.Where(u => u.Email == DemoResidents.Owner).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        foreach (var site in sites)
        {
            var rooms = await RoomsAsync(site.Id, cancellationToken);
            if (rooms.Count == 0 || await db.Bookings.AnyAsync(b => b.SiteId == site.Id, cancellationToken))
            {
                continue;
            }

            var today = SiteTime.DayOf(now);
            var residents = await db.Companies.Where(c => c.SiteId == site.Id && (c.ExitedOn == null || c.ExitedOn > today))
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.LegalName }).Take(12).ToListAsync(cancellationToken);
            var babBahr = await db.Companies.Where(c => c.SiteId == site.Id && c.LegalName == DemoResidents.ResidentCompany && c.ExitedOn == null)
                .Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
            var plan = new Plan(rooms, now);
            if (babBahr is { } id && site.Slug == "tanger")
            {
                BabBahr(plan, id, owner ?? DemoUser, today);
            }

            var random = new Random(7100 + site.Id);
            var others = residents.Where(c => c.Id != babBahr).Select(c => c.Id).ToList();
            foreach (var day in Weekdays(today))
            {
                foreach (var room in rooms)
                {
                    foreach (var (start, end, chance) in SlotsOf(room.Space.Code))
                    {
                        if (random.NextDouble() < chance)
                        {
                            var party = PartyFor(random, others);
                            var attendees = 1 + random.Next(Math.Min(room.Capacity, party.Kind == BookingPartyKind.Company ? 10 : room.Capacity));
                            plan.Add(room, new BookingSlot(day, start, end), party, attendees, Titles[random.Next(Titles.Length)], DemoUser);
                        }
                    }
                }
            }

            db.Bookings.AddRange(plan.Bookings);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Bab Bahr Robotics: four 1 h 30 evening bookings of MR-1 this month (4 h included: at least 2 h billable), a past
    /// booking cancelled 30 minutes before its start (late), a past booking nobody came to, and a weekly series of TR-1.
    /// </summary>
    private static void BabBahr(Plan plan, int companyId, string userId, DateOnly today)
    {
        var meetingRoom = plan.Room("MR-1");
        var trainingRoom = plan.Room("TR-1");
        var party = BookingParty.ForCompany(companyId);
        if (meetingRoom is not null)
        {
            // The evening bookings: weekdays of this month nearest to today (past ones too, early in a month).
            var evenings = Weekdays(today).Where(d => d.Year == today.Year && d.Month == today.Month && d != today)
                .OrderBy(d => Math.Abs(d.DayNumber - today.DayNumber)).ThenBy(d => d).Take(4);
            foreach (var day in evenings)
            {
                plan.Add(meetingRoom, new BookingSlot(day, 17 * 60 + 30, 19 * 60), party, 4, "Revue de projet", userId);
            }

            var past = Weekdays(today).Where(d => d < today).ToList();
            var late = plan.Add(meetingRoom, new BookingSlot(past[^1], 8 * 60, 9 * 60), party, 3, "Entretien candidat", userId);
            late?.Cancel(userId, late.Start.AddMinutes(-30), meetingRoom.Settings.CancellationNoticeMinutes);
            var missed = plan.Add(meetingRoom, new BookingSlot(past[^2], 8 * 60, 9 * 60), party, 5, "Réunion fournisseur", userId);
            missed?.MarkNoShow(true, missed.Start.AddMinutes(20));
        }

        if (trainingRoom is not null)
        {
            var first = Weekdays(today).First(d => d.DayOfWeek == DayOfWeek.Tuesday);
            var series = Guid.NewGuid();
            foreach (var day in Recurrence.Weekly(first, today.AddDays(DaysAround)))
            {
                plan.Add(trainingRoom, new BookingSlot(day, 18 * 60, 19 * 60), party, 8, "Club robotique", userId, series, first);
            }
        }
    }

    /// <summary>The generic slots of a room (wall-clock minutes) and how likely each is booked on a weekday.</summary>
    private static (int Start, int End, double Chance)[] SlotsOf(string code) => code switch
    {
        "CONF" => [(9 * 60, 17 * 60, 0.2), (18 * 60, 21 * 60, 0.15)],
        "TR-1" => [(9 * 60, 12 * 60 + 30, 0.5), (14 * 60, 17 * 60 + 30, 0.4)],
        _ => [(9 * 60, 10 * 60, 0.6), (10 * 60 + 30, 12 * 60, 0.5), (14 * 60, 15 * 60 + 30, 0.5), (16 * 60, 17 * 60, 0.4)],
    };

    private static BookingParty PartyFor(Random random, List<int> companies)
    {
        var pick = random.Next(10);
        if (pick < 7 && companies.Count > 0)
        {
            return BookingParty.ForCompany(companies[random.Next(companies.Count)]);
        }

        if (pick < 9)
        {
            return BookingParty.ForSite();
        }

        var (name, contact, ice) = Outsiders[random.Next(Outsiders.Length)];
        return BookingParty.External(name, contact, ice);
    }

    /// <summary>The site's rooms in service, each with its settings (created when missing, figures by room code).</summary>
    private async Task<List<BookableRoom>> RoomsAsync(int siteId, CancellationToken cancellationToken)
    {
        var kinds = Enum.GetValues<SpaceKind>().Where(RoomSettings.IsRoom).ToList();
        var spaces = await db.Spaces.Where(s => s.SiteId == siteId && s.IsActive && kinds.Contains(s.Kind)).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        var ids = spaces.Select(s => s.Id).ToList();
        var settings = await db.RoomSettings.Where(r => ids.Contains(r.SpaceId)).ToDictionaryAsync(r => r.SpaceId, cancellationToken);
        foreach (var space in spaces.Where(s => !settings.ContainsKey(s.Id)))
        {
            var created = RoomSettings.Default(space.Id, Web.Pages.Rooms.CalendarFeeds.NewToken());
            Configure(created, space.Code);
            db.RoomSettings.Add(created);
            settings[space.Id] = created;
        }

        await db.SaveChangesAsync(cancellationToken);
        return [.. spaces.Select(s => new BookableRoom(s, settings[s.Id]))];
    }

    /// <summary>Invented settings: a meeting room with a screen and video, a 200-seat conference hall, a training room.</summary>
    private static void Configure(RoomSettings settings, string code)
    {
        var weekdays = WeeklyHours.Weekdays(8 * 60, 19 * 60).ToArray();
        switch (code)
        {
            case "MR-1":
                weekdays[10] = 9 * 60; // Saturday morning too
                weekdays[11] = 13 * 60;
                settings.Update(RoomEquipment.Screen | RoomEquipment.VideoConference | RoomEquipment.Whiteboard, new WeeklyHours(weekdays),
                    30, 8 * 60, 15, 2 * 60, 250m, 900m, 1_600m, 20m, 4);
                break;
            case "CONF":
                settings.Update(RoomEquipment.SoundSystem | RoomEquipment.Projector | RoomEquipment.Screen, WeeklyHours.Weekdays(8 * 60, 22 * 60),
                    60, 12 * 60, 60, 48 * 60, 1_200m, 3_500m, 6_000m, 20m, 0);
                break;
            case "TR-1":
                settings.Update(RoomEquipment.Projector | RoomEquipment.Whiteboard | RoomEquipment.Flipchart, new WeeklyHours(weekdays),
                    60, 8 * 60, 30, 24 * 60, 400m, 1_400m, 2_500m, 20m, 2);
                break;
        }
    }

    private static IEnumerable<DateOnly> Weekdays(DateOnly today) =>
        Enumerable.Range(-DaysAround, 2 * DaysAround + 1).Select(today.AddDays).Where(IsWeekday);

    private static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The bookings of one site being planned: each made through the Domain, none overlapping another's hold.</summary>
    private sealed class Plan(List<BookableRoom> rooms, DateTimeOffset now)
    {
        public List<Booking> Bookings { get; } = [];

        public BookableRoom? Room(string code) => rooms.FirstOrDefault(r => r.Space.Code == code);

        /// <summary>
        /// Books the slot unless it clashes with a planned booking or breaks a rule of the room (then nothing); a past slot is
        /// booked as if three days before its start (a series: before its <paramref name="seriesFirst"/> day).
        /// </summary>
        public Booking? Add(BookableRoom room, BookingSlot slot, BookingParty party, int attendees, string title, string userId,
            Guid? series = null, DateOnly? seriesFirst = null)
        {
            var start = SiteTime.Instant(slot.Day, slot.StartMinute, SkippedTime.MoveLater);
            var madeStart = seriesFirst is { } first ? SiteTime.StartOf(first) : start;
            var madeAt = madeStart < now ? madeStart.AddDays(-3) : now;
            try
            {
                var booking = Booking.Create(room, slot, party, Math.Min(attendees, room.Capacity), title, userId, madeAt, series);
                if (Bookings.Any(b => b.SpaceId == booking.SpaceId && b.Start < booking.BlockedUntil && booking.Start < b.BlockedUntil))
                {
                    return null;
                }

                Bookings.Add(booking);
                return booking;
            }
            catch (DomainException)
            {
                return null; // e.g. a time the clock skips that night, or a room closed that day
            }
        }
    }
}
