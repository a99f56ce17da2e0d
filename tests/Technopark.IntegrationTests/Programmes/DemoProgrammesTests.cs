using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Events;
using Technopark.Domain.Nomads;
using Technopark.Domain.Programmes;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;
using Technopark.Web.Seeding;

namespace Technopark.IntegrationTests.Programmes;

/// <summary>
/// The demo's programmes, coaching, events and passes: every feature of issue 16 has demo rows that keep its rules, they are
/// seeded in seconds (timed on the demo's spaces, companies, accounts and rooms), and once.
/// </summary>
public class DemoProgrammesTests(AppFixture app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = new(2027, 3, 17);

    [Fact]
    public async Task Seed_EveryOperationalSite_ProgrammesCoachingEventsAndEssaouiraPassesInSecondsAndOnce()
    {
        app.Factory.Clock.SetToday(Today);
        var now = app.Factory.Clock.GetUtcNow();
        await using (var setup = app.Database.CreateContext())
        {
            await DemoData.ApplyAsync(setup, Today, CancellationToken.None);
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var seeders = scope.ServiceProvider.GetServices<IDemoSeeder>().ToList();
        foreach (var before in seeders.Where(s => s is DemoAccounts or DemoResidents or DemoRooms))
        {
            await before.SeedAsync(CancellationToken.None);
        }

        var ours = seeders.Where(s => s is DemoProgrammes or DemoEvents or DemoPasses).ToList();
        Assert.Equal(3, ours.Count);
        var watch = Stopwatch.StartNew();
        foreach (var seeder in ours)
        {
            await seeder.SeedAsync(CancellationToken.None);
        }

        watch.Stop();
        output.WriteLine($"Programmes, coaching, events and passes seeded in {watch.Elapsed}");

        await using var db = app.Database.CreateContext();
        var sites = await db.Sites.AsNoTracking().Where(s => s.Status == SiteStatus.Operational).ToDictionaryAsync(s => s.Id, s => s.Slug);
        var programmes = await db.Programmes.AsNoTracking().Include(p => p.Milestones).ToListAsync();
        var enrolments = await db.Enrolments.AsNoTracking().ToListAsync();
        var sessions = await db.CoachingSessions.AsNoTracking().ToListAsync();
        var reached = await db.ReachedMilestones.AsNoTracking().ToListAsync();
        var events = await db.Events.AsNoTracking().ToListAsync();
        var registrations = await db.EventRegistrations.AsNoTracking().ToListAsync();
        var passes = await db.CoworkingPasses.AsNoTracking().ToListAsync();
        var bookings = await db.Bookings.AsNoTracking().Where(b => events.Select(e => e.BookingId).Contains(b.Id)).ToDictionaryAsync(b => b.Id);

        foreach (var siteId in sites.Keys)
        {
            var incubation = Assert.Single(programmes, p => p.SiteId == siteId && p.Kind == ProgrammeKind.Incubation);
            Assert.Equal(5, incubation.Milestones.Count);
            Assert.Contains(enrolments, e => e.SiteId == siteId);
            Assert.Contains(sessions, s => s.SiteId == siteId);
            var siteEvents = events.Where(e => e.SiteId == siteId).ToList();
            Assert.Contains(siteEvents, e => e.IsOver(now) && registrations.Any(r => r.EventId == e.Id && r.CheckedInAt != null)
                && registrations.Any(r => r.EventId == e.Id && r.IsNoShow(e, now)));
            Assert.Contains(siteEvents, e => e.IsOpenForRegistration(now) && registrations.Any(r => r.EventId == e.Id));
        }

        var tanger = sites.Single(s => s.Value == "tanger").Key;
        Assert.Contains(programmes, p => p.SiteId == tanger && p.Kind == ProgrammeKind.Acceleration);
        Assert.Contains(programmes, p => p.SiteId == sites.Single(s => s.Value == "essaouira").Key && p.Kind == ProgrammeKind.DigitalNomads);

        // The coach: a Coach of Tanger, coaching Bab Bahr Robotics (a session within 60 days, an offered request), not every company quiet.
        var coach = await db.Users.Where(u => u.Email == DemoProgrammes.Coach).Select(u => u.Id).SingleAsync();
        Assert.True(await db.SiteStaff.AnyAsync(s => s.UserId == coach && s.SiteId == tanger && s.Role == SiteRole.Coach));
        var babBahr = await db.Companies.Where(c => c.LegalName == DemoResidents.ResidentCompany).Select(c => c.Id).SingleAsync();
        var babBahrEnrolment = Assert.Single(enrolments, e => e.CompanyId == babBahr);
        Assert.Equal(coach, babBahrEnrolment.CoachUserId);
        Assert.Contains(sessions, s => s.CompanyId == babBahr && s.HeldOn > Today.AddDays(-CoachingSession.QuietDays));
        var request = Assert.Single(await db.SessionRequests.AsNoTracking().ToListAsync());
        Assert.Equal((babBahr, SessionRequestState.Offered), (request.CompanyId, request.State));
        Assert.All(request.Slots, s => Assert.True(s > now));
        var lastSession = sessions.GroupBy(s => s.EnrolmentId).ToDictionary(g => g.Key, g => g.Max(s => s.HeldOn));
        Assert.Contains(lastSession.Values, d => d < Today.AddDays(-CoachingSession.QuietDays));
        Assert.Contains(lastSession.Values, d => d >= Today.AddDays(-CoachingSession.QuietDays));
        Assert.All(sessions, s => Assert.True(s.HeldOn <= Today && s.HeldOn >= enrolments.Single(e => e.Id == s.EnrolmentId).Period.Start));
        Assert.NotEmpty(reached);
        Assert.All(reached, r => Assert.False(string.IsNullOrWhiteSpace(r.Evidence)));

        // Events: each with its live booking for the site, same times; a children's workshop ahead at Tanger; the 200-seat conference.
        Assert.All(events, e => Assert.True(bookings[e.BookingId] is { PartyKind: BookingPartyKind.Site, CancelledAt: null } b
            && b.Start == e.StartsAt && b.End == e.EndsAt));
        Assert.All(events, e => Assert.True(registrations.Count(r => r.EventId == e.Id && r.State == RegistrationState.Confirmed) <= e.Capacity));
        var workshop = Assert.Single(events, e => e.SiteId == tanger && e.Audience == EventAudience.Children && e.IsOpenForRegistration(now));
        Assert.All(registrations.Where(r => r.EventId == workshop.Id), r => Assert.InRange(r.ChildAge!.Value, Event.ChildMinAge, Event.ChildMaxAge));
        Assert.Contains(registrations, r => r.EventId == workshop.Id);
        Assert.Contains(events, e => e.SiteId == tanger && e.Capacity == 200 && e.StartsAt > now && e.Partners!.Contains("AFEM", StringComparison.Ordinal));
        Assert.Contains(registrations, r => r.State == RegistrationState.Waitlisted);
        Assert.Contains(registrations, r => r.State == RegistrationState.Cancelled);

        // Essaouira's passes: every kind, some granted, past and ahead, never more seats than the space's on a day.
        Assert.Equal(Enum.GetValues<PassKind>(), passes.Select(p => p.Kind).Distinct().Order());
        Assert.Contains(passes, p => p.Granted && p.Price == 0);
        Assert.Contains(passes, p => p.Period.End <= Today);
        Assert.Contains(passes, p => p.Period.Start > Today);
        Assert.All(passes, p => Assert.Equal("essaouira", sites[p.SiteId]));
        var seats = await db.Spaces.AsNoTracking().Where(s => passes.Select(p => p.SpaceId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Seats);
        var stays = await db.Assignments.AsNoTracking().Where(a => seats.Keys.Contains(a.SpaceId)).ToListAsync();
        foreach (var day in Enumerable.Range(-45, 110).Select(Today.AddDays))
        {
            foreach (var (space, capacity) in seats)
            {
                var used = stays.Where(a => a.SpaceId == space && a.Period.Contains(day)).Sum(a => a.Seats)
                    + passes.Count(p => p.SpaceId == space && !p.IsCancelled && p.Period.Contains(day));
                Assert.True(used <= capacity, $"{used} seats of {capacity} on {day}");
            }
        }

        // Seeded once.
        foreach (var seeder in ours)
        {
            await seeder.SeedAsync(CancellationToken.None);
        }

        await using var again = app.Database.CreateContext();
        Assert.Equal((programmes.Count, enrolments.Count, sessions.Count, events.Count, registrations.Count, passes.Count),
            (await again.Programmes.CountAsync(), await again.Enrolments.CountAsync(), await again.CoachingSessions.CountAsync(),
                await again.Events.CountAsync(), await again.EventRegistrations.CountAsync(), await again.CoworkingPasses.CountAsync()));

        // 5.8 s measured on a shared 2-core machine, 44 s while it ran six builds (load average 58): the bound catches a seeding that
        // grows with the square of the data, not the machine's load.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(90), $"demo programmes and events took {watch.Elapsed}");
    }
}
