using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Rooms;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.TestSupport;
using Technopark.Web.Pages.Rooms;
using Technopark.Web.Seeding;

namespace Technopark.IntegrationTests.Rooms;

/// <summary>The demo's rooms: settings at every operational site, a month of bookings, Bab Bahr Robotics' cases; seeded once.</summary>
public class DemoRoomsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Seed_Twice_GivesEveryOperationalSiteRoomsWithSettingsAndAMonthOfBookings_Once()
    {
        var today = new DateOnly(2027, 3, 17); // a Wednesday, during the month after Ramadan's clock change back
        app.Factory.Clock.SetToday(today);
        await using (var db = app.Database.CreateContext())
        {
            await DemoData.ApplyAsync(db, today, CancellationToken.None);
            var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
            db.Companies.Add(Company.Create(tanger, DemoResidents.ResidentCompany, CompanyForm.Startup, Sectors.All.First()));
            await db.SaveChangesAsync();
        }

        await SeedAsync();
        int count;
        await using (var db = app.Database.CreateContext())
        {
            count = await db.Bookings.CountAsync();
        }

        await SeedAsync();

        await using var check = app.Database.CreateContext();
        Assert.Equal(count, await check.Bookings.CountAsync());
        var operational = await check.Sites.Where(s => s.Status == SiteStatus.Operational).Select(s => new { s.Id, s.Slug }).ToListAsync();
        var from = SiteTime.StartOf(today.AddDays(-DemoRooms.DaysAround));
        var to = SiteTime.StartOf(today.AddDays(DemoRooms.DaysAround + 1));
        foreach (var site in operational)
        {
            var rooms = await check.Spaces.Where(s => s.SiteId == site.Id && RoomSettingsKinds.Contains(s.Kind)).Select(s => s.Id).ToListAsync();
            Assert.NotEmpty(rooms);
            Assert.Equal(rooms.Count, await check.RoomSettings.CountAsync(r => rooms.Contains(r.SpaceId)));
            var bookings = await check.Bookings.Where(b => b.SiteId == site.Id).ToListAsync();
            Assert.True(bookings.Count >= 10, $"{site.Slug}: {bookings.Count} bookings");
            Assert.All(bookings, b => Assert.True(b.Start >= from && b.End <= to && SiteTime.DayOf(b.Start).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
            Assert.Contains(bookings, b => b.Start < app.Factory.Clock.GetUtcNow());
            Assert.Contains(bookings, b => b.Start > app.Factory.Clock.GetUtcNow());
            Assert.Equal(new[] { BookingPartyKind.Company, BookingPartyKind.Site, BookingPartyKind.External }.Order(), bookings.Select(b => b.PartyKind).Distinct().Order());
        }

        var conference = await (from s in check.Spaces join r in check.RoomSettings on s.Id equals r.SpaceId where s.Code == "CONF" select new { s.Seats, r }).SingleAsync();
        Assert.Equal((200, 0, 6000m, 20m), (conference.Seats, conference.r.IncludedHoursPerMonth, conference.r.DayRate, conference.r.VatPercent));
        Assert.True(conference.r.Equipment.HasFlag(RoomEquipment.SoundSystem) && conference.r.Equipment.HasFlag(RoomEquipment.Projector));

        var babBahr = await check.Companies.Where(c => c.LegalName == DemoResidents.ResidentCompany).Select(c => c.Id).SingleAsync();
        var own = await check.Bookings.Where(b => b.CompanyId == babBahr).ToListAsync();
        Assert.Single(own, b => b.CancelledLate);
        Assert.Single(own, b => b.NoShow && !b.IsCancelled);
        Assert.Contains(own, b => b.SeriesId is not null);
        Assert.True(own.Where(b => b.SeriesId is not null).GroupBy(b => b.SeriesId).Single().Count() >= 4);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var tangerId = operational.Single(s => s.Slug == "tanger").Id;
        var usage = await scope.ServiceProvider.GetRequiredService<RoomUsage>().MonthAsync(tangerId, SiteTime.MonthOf(app.Factory.Clock.GetUtcNow()), [babBahr], CancellationToken.None);
        Assert.Contains(usage, u => u.BillableMinutes > 0);
    }

    private static readonly Domain.Spaces.SpaceKind[] RoomSettingsKinds = [.. Enum.GetValues<Domain.Spaces.SpaceKind>().Where(RoomSettings.IsRoom)];

    private async Task SeedAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<DemoRooms>().Single().SeedAsync(CancellationToken.None);
    }
}
