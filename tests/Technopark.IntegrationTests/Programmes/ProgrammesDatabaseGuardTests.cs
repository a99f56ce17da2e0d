using Microsoft.EntityFrameworkCore;
using Npgsql;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Programmes;

/// <summary>
/// What the database itself guards for programmes and events, proven by writing past the app as its own role: one programme
/// at a time per company, no event without its live room, never more confirmed seats than the event's capacity.
/// </summary>
public class ProgrammesDatabaseGuardTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DateOnly Today = new(2027, 3, 1);

    [Fact]
    public async Task Enrolments_OverlapForOneCompany_Refused()
    {
        app.Factory.Clock.SetToday(Today);
        await using var db = app.Database.CreateContext();
        var programme = await TestProgrammes.ProgrammeAsync(db, "tanger", "Guard Incubation", "MVP");
        var other = await TestProgrammes.ProgrammeAsync(db, "tanger", "Guard Accélération");
        var company = await TestBilling.CompanyAsync(db, "tanger", "Guard Overlap SARL");
        await TestProgrammes.EnrolAsync(db, programme, company, null, new DateOnly(2027, 1, 4));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => TestProgrammes.EnrolAsync(db, other, company, null, new DateOnly(2027, 2, 1)));

        Assert.True(PostgresErrors.IsExclusionViolation(error, DbConstraints.EnrolmentNoOverlap));
    }

    [Fact]
    public async Task Event_BookingCancelledOrMissing_Refused()
    {
        app.Factory.Clock.SetToday(Today);
        await using var db = app.Database.CreateContext();
        var room = await TestRooms.CreateAsync(db, "tanger", "GRD-SALLE", seats: 30);
        var id = await TestProgrammes.EventAsync(db, room, Today.AddDays(7), new TimeOnly(10, 0), new TimeOnly(12, 0), 20, app.Factory.Clock.GetUtcNow());
        var bookingId = await db.Events.Where(e => e.Id == id).Select(e => e.BookingId).SingleAsync();

        var cancelBooking = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE room_bookings SET cancelled_at = now() WHERE id = {bookingId}"));
        var moveEvent = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE events SET starts_at = starts_at + interval '1 hour' WHERE id = {id}"));

        Assert.Equal(DbConstraints.EventRoomRequired, cancelBooking.ConstraintName);
        Assert.Equal(DbConstraints.EventRoomRequired, moveEvent.ConstraintName);
        // Cancelling the event first, then its booking, is the way.
        await db.Database.ExecuteSqlAsync($"UPDATE events SET cancelled_at = now() WHERE id = {id}");
        await db.Database.ExecuteSqlAsync($"UPDATE room_bookings SET cancelled_at = now() WHERE id = {bookingId}");
    }

    [Fact]
    public async Task Registrations_MoreConfirmedThanCapacity_RefusedAtCommit()
    {
        app.Factory.Clock.SetToday(Today);
        await using var db = app.Database.CreateContext();
        var room = await TestRooms.CreateAsync(db, "tanger", "GRD-CAP", seats: 10);
        var id = await TestProgrammes.EventAsync(db, room, Today.AddDays(7), new TimeOnly(14, 0), new TimeOnly(16, 0), 1, app.Factory.Clock.GetUtcNow());

        await Insert(db, id, "un@exemple.ma", "Confirmed");
        var second = await Assert.ThrowsAsync<PostgresException>(() => Insert(db, id, "deux@exemple.ma", "Confirmed"));

        Assert.Equal(DbConstraints.EventCapacity, second.ConstraintName);
        await Insert(db, id, "trois@exemple.ma", nameof(RegistrationState.Waitlisted));
        Assert.Equal(2, await db.EventRegistrations.CountAsync(r => r.EventId == id));
    }

    private static Task<int> Insert(TechnoparkDbContext db, int eventId, string email, string state) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO event_registrations (event_id, email, name, token_hash, state, registered_at, confirmed_at)
            VALUES ({eventId}, {email}, 'Test', {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email)))},
                    {state}, now(), now())
            """);
}
