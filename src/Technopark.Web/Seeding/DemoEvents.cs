using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Domain.Staff;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo's events (demo mode only). Every operational site holds, in its meeting room, a past workshop (full, with a waiting
/// list, check-ins and no-shows), an upcoming public workshop and an upcoming residents' breakfast. Tanger also holds, in its
/// 200-seat conference hall, a past and an upcoming conference, and in its training room a past and an upcoming children's
/// coding and robotics workshop (guardians register a child of 7 to 14, first name and age only). Each event is made through the
/// Domain with its room booking for the site (<see cref="Booking.Create"/> then <see cref="Event.Create"/>, as if made weeks before),
/// on a day and time the room is open and free (the day moves on when a demo booking holds the room); registrations are
/// registered, confirmed, cancelled, promoted from the waiting list and checked in through the Domain at plausible instants.
/// INVENTED: every title, description, partner, person and figure. Idempotent: a site that has events gets none.
/// </summary>
public sealed class DemoEvents(TechnoparkDbContext db, TimeProvider clock) : IDemoSeeder
{
    public const string ChildrenWorkshop = "Atelier de code et de robotique pour les 7–14 ans";

    public const string Conference = "Conférence : financer sa startup au Maroc";

    private const string DemoUser = "system";

    private static readonly string[] FirstNames =
    [
        "Yassine", "Salma", "Omar", "Imane", "Hamza", "Khadija", "Mehdi", "Sara", "Anas", "Nadia", "Youssef", "Amina", "Karim", "Hajar",
        "Reda", "Zineb", "Ayoub", "Meryem", "Ilyas", "Ghita", "Adam", "Lina", "Rayan", "Aya",
    ];

    private static readonly string[] LastNames =
    [
        "Alaoui", "Bennani", "Chraibi", "El Fassi", "Benjelloun", "Tazi", "Berrada", "Ouazzani", "Lahlou", "Sqalli", "Amrani", "Idrissi",
        "Kettani", "Bouzid", "Naciri", "Zniber",
    ];

    private static readonly string[] Children = ["Adam", "Lina", "Rayan", "Aya", "Ilyas", "Nour", "Yanis", "Malak", "Sami", "Hiba", "Ali", "Jana"];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = clock.Today();
        var sites = await db.Sites.AsNoTracking().Where(s => s.Status == SiteStatus.Operational).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Slug, s.Name }).ToListAsync(cancellationToken);
        foreach (var site in sites)
        {
            if (await db.Events.AnyAsync(e => e.SiteId == site.Id, cancellationToken))
            {
                continue;
            }

            var staff = await db.SiteStaff.AsNoTracking().Where(s => s.SiteId == site.Id && s.Role == SiteRole.SiteManager)
                .OrderBy(s => s.UserId).Select(s => s.UserId).FirstOrDefaultAsync(cancellationToken) ?? DemoUser;
            var random = new Random(1616 + site.Id);
            foreach (var spec in Plan(site.Slug, site.Name))
            {
                await EventAsync(site.Id, spec, staff, today, now, random, cancellationToken);
            }
        }
    }

    /// <summary>What a site holds: day offsets from today (moved to the next open weekday, or the next Wednesday: children have the afternoon off), times in minutes, capacity, registrations.</summary>
    private static IEnumerable<Spec> Plan(string slug, string siteName)
    {
        yield return new Spec("MR-1", -24, null, 9 * 60 + 30, 12 * 60 + 30, 12, 16, "Atelier : pitcher devant des investisseurs",
            "Trois minutes pour convaincre : structure du pitch, erreurs fréquentes et passage devant un jury de mentors.",
            EventLanguage.French, EventAudience.Public, "Réseau Entreprendre Maroc");
        yield return new Spec("MR-1", 19, null, 14 * 60, 17 * 60, 12, 7, "Formation : facturation électronique et TVA",
            "Les obligations de facturation des jeunes entreprises, avec un expert-comptable partenaire. Questions-réponses à la fin.",
            EventLanguage.French, EventAudience.Public, "CJD Maroc");
        yield return new Spec("MR-1", 33, null, 8 * 60 + 30, 10 * 60, 12, 3, $"Petit-déjeuner des résidents — {siteName}",
            "Un moment entre résidents pour partager les nouvelles, les besoins de recrutement et les opportunités du mois.",
            EventLanguage.Arabic, EventAudience.Residents, null);
        if (slug == "tanger")
        {
            yield return new Spec("CONF", -38, null, 9 * 60, 13 * 60, 200, 120, "Conférence : l'industrie automobile et les startups du Nord",
                "Table ronde avec des industriels de la zone franche de Tanger et des startups de la robotique et de la logistique.",
                EventLanguage.French, EventAudience.Public, "AFEM, Maroc Numeric Fund");
            yield return new Spec("CONF", 24, null, 9 * 60, 17 * 60, 200, 45, Conference,
                "Subventions, prêts d'honneur, business angels et fonds d'amorçage : une journée pour comprendre qui finance quoi, avec des témoignages.",
                EventLanguage.French, EventAudience.Public, "AFEM, Réseau Entreprendre Maroc, Maroc Numeric Fund, CJD");
            yield return new Spec("TR-1", -24, DayOfWeek.Wednesday, 14 * 60 + 30, 16 * 60 + 30, 15, 17, ChildrenWorkshop,
                "Les enfants programment un petit robot en Scratch, par équipes de deux. Un parent ou tuteur accompagne chaque enfant.",
                EventLanguage.French, EventAudience.Children, "Injaz Al Maghrib");
            yield return new Spec("TR-1", 15, DayOfWeek.Wednesday, 14 * 60 + 30, 16 * 60 + 30, 15, 11, ChildrenWorkshop,
                "Initiation à la robotique et à l'impression 3D : chaque enfant repart avec la pièce qu'il a dessinée.",
                EventLanguage.French, EventAudience.Children, "Injaz Al Maghrib");
        }
    }

    private async Task EventAsync(int siteId, Spec spec, string staff, DateOnly today, DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        var space = await db.Spaces.SingleOrDefaultAsync(s => s.SiteId == siteId && s.Code == spec.Room && s.IsActive, cancellationToken);
        var settings = space is null ? null : await db.RoomSettings.SingleOrDefaultAsync(r => r.SpaceId == space.Id, cancellationToken);
        if (space is null || settings is null)
        {
            return;
        }

        var room = new BookableRoom(space, settings);
        var day = today.AddDays(spec.Offset);
        for (var tries = 0; tries < 21; tries++, day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || (spec.Weekday is { } weekday && day.DayOfWeek != weekday))
            {
                continue;
            }

            var start = SiteTime.Instant(day, spec.Start, SkippedTime.MoveLater);
            var made = start < now ? start.AddDays(-30) : now.AddDays(-6);
            Booking booking;
            try
            {
                booking = Booking.Create(room, new BookingSlot(day, spec.Start, spec.End), BookingParty.ForSite(), spec.Capacity, spec.Title, staff, made);
            }
            catch (DomainException)
            {
                continue; // a day the room is closed
            }

            if (await db.Bookings.AnyAsync(b => b.SpaceId == space.Id && b.CancelledAt == null && b.Start < booking.BlockedUntil
                    && booking.Start < b.BlockedUntil, cancellationToken))
            {
                continue;
            }

            db.Bookings.Add(booking);
            await db.SaveChangesAsync(cancellationToken);
            var ev = Event.Create(booking, spec.Title, spec.Description, spec.Language, spec.Audience, spec.Capacity,
                booking.Start.AddHours(-2), spec.Partners, staff, made);
            db.Events.Add(ev);
            await db.SaveChangesAsync(cancellationToken);
            Registrations(ev, spec.Registrations, made, staff, now, random);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
    }

    /// <summary>
    /// <paramref name="count"/> people register over the days after the event is announced; most confirm (a seat, else the waiting
    /// list), a few never do (pending, or lapsed for a past event), one in ten cancel (the waiting list moves up). Of a past event, about
    /// three in four confirmed came (checked in around the start), every fourth is a no-show.
    /// </summary>
    private void Registrations(Event ev, int count, DateTimeOffset announced, string staff, DateTimeOffset now, Random random)
    {
        var past = ev.IsOver(now);
        var until = past ? ev.RegistrationDeadline : now;
        var span = (until - announced).TotalMinutes;
        var list = new List<EventRegistration>();
        for (var i = 0; i < count; i++)
        {
            var at = announced.AddMinutes(span * (i + 1) / (count + 1));
            var first = FirstNames[(i + random.Next(FirstNames.Length)) % FirstNames.Length];
            var last = LastNames[random.Next(LastNames.Length)];
            var email = $"{Ascii(first)}.{Ascii(last)}.{ev.Id}{i}@example.ma";
            var children = ev.Audience == EventAudience.Children;
            var registration = EventRegistration.Register(ev, email, $"{first} {last}", children ? Children[random.Next(Children.Length)] : null,
                children ? random.Next(Event.ChildMinAge, Event.ChildMaxAge + 1) : null, null, true, Token(), at);
            list.Add(registration);
            db.EventRegistrations.Add(registration);
            var confirmAt = at.AddMinutes(30);
            if (i % 9 == 4 || confirmAt >= until)
            {
                continue; // never confirmed (pending; lapsed for a past event)
            }

            registration.Confirm(ev, list.Count(r => r.State == RegistrationState.Confirmed), confirmAt);
            if (i % 10 == 7 && confirmAt.AddHours(1) < until)
            {
                registration.Cancel(ev, confirmAt.AddHours(1));
                EventSeats.Promote(ev, list, confirmAt.AddHours(1));
            }
        }

        if (past)
        {
            foreach (var registration in list.Where(r => r.State == RegistrationState.Confirmed).Where((_, k) => k % 4 != 3))
            {
                registration.CheckIn(ev, staff, ev.StartsAt.AddMinutes(random.Next(-15, 25)));
            }
        }
    }

    private static string Ascii(string name) => name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Token() => Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));

    private sealed record Spec(string Room, int Offset, DayOfWeek? Weekday, int Start, int End, int Capacity, int Registrations, string Title,
        string Description, EventLanguage Language, EventAudience Audience, string? Partners);
}
