using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Rooms;

namespace Technopark.IntegrationTests.Rooms;

public class BookingServiceTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>A Wednesday well ahead of the fixed test clock.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);

    [Fact]
    public async Task Book_ThenAnOverlappingSlot_IsRefusedWithTheNearestFreeSlots()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 1));
        int room;
        await using (var db = app.Database.CreateContext())
        {
            room = await TestRooms.CreateAsync(db, "tanger", "MR-SVC1", adjust: s => s.Set(buffer: 15));
        }

        await BookAsync(room, 10 * 60, 11 * 60);
        var error = await Assert.ThrowsAsync<SlotTakenException>(() => BookAsync(room, 10 * 60 + 30, 11 * 60 + 30));

        Assert.Equal("Rooms.Booking.Taken", error.Code);
        Assert.Equal(nameof(Booking.Start), error.Field);
        Assert.NotEmpty(error.Nearest);
        Assert.All(error.Nearest, s => Assert.True(s.Start >= SiteTime.Instant(Day, 11 * 60 + 15) || s.End <= SiteTime.Instant(Day, 10 * 60)));
        await using var check = app.Database.CreateContext();
        Assert.Equal(1, await check.Bookings.CountAsync(b => b.SpaceId == room));
    }

    private async Task BookAsync(int room, int start, int end)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        var site = await db.Sites.Where(s => s.Slug == "tanger").Select(s => new SiteResource(s.Id, s.Slug)).SingleAsync();
        var access = new RoomAccess(IsStaff: true, IsNetworkAdmin: false, []);
        await scope.ServiceProvider.GetRequiredService<BookingService>().BookAsync(site, access, "staff-user",
            new BookingRequest(room, new BookingSlot(Day, start, end), BookingParty.ForSite(), 4, "Réunion"), CancellationToken.None);
    }
}
