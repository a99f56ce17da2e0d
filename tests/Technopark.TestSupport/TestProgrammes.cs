using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Events;
using Technopark.Domain.Programmes;
using Technopark.Domain.Rooms;
using Technopark.Infrastructure.Data;

namespace Technopark.TestSupport;

/// <summary>Programmes, enrolments and events for tests, written directly through the domain (the pages are what tests exercise).</summary>
public static class TestProgrammes
{
    /// <summary>A programme of the site with its milestones, in order; returns its id.</summary>
    public static async Task<int> ProgrammeAsync(TechnoparkDbContext db, string slug, string name, params string[] milestones)
    {
        var programme = Programme.Create(await TestBilling.SiteIdAsync(db, slug), ProgrammeKind.Incubation, name, 12, null, milestones);
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return programme.Id;
    }

    /// <summary>Enrols the company (of the programme's site) from <paramref name="start"/>, with an optional coach; returns the enrolment id.</summary>
    public static async Task<int> EnrolAsync(TechnoparkDbContext db, int programmeId, int companyId, string? coachUserId, DateOnly start)
    {
        var programme = await db.Programmes.SingleAsync(p => p.Id == programmeId);
        var companySite = await db.Companies.Where(c => c.Id == companyId).Select(c => c.SiteId).SingleAsync();
        var enrolment = Enrolment.Create(programme, companyId, companySite, coachUserId, start);
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync();
        return enrolment.Id;
    }

    /// <summary>
    /// An event in the room <paramref name="roomSpaceId"/> (made with <see cref="TestRooms.CreateAsync"/>) on <paramref name="day"/>
    /// from <paramref name="start"/> to <paramref name="end"/> (site time), with its booking for the site; registration closes at the start
    /// unless <paramref name="deadline"/> says otherwise. <paramref name="now"/>: the test clock's instant. Returns the event id.
    /// </summary>
    public static async Task<int> EventAsync(TechnoparkDbContext db, int roomSpaceId, DateOnly day, TimeOnly start, TimeOnly end, int capacity,
        DateTimeOffset now, EventAudience audience = EventAudience.Public, string title = "Atelier test", DateTimeOffset? deadline = null)
    {
        var space = await db.Spaces.SingleAsync(s => s.Id == roomSpaceId);
        var settings = await db.RoomSettings.SingleAsync(r => r.SpaceId == roomSpaceId);
        var booking = Booking.Create(new BookableRoom(space, settings), BookingSlot.Of(day, start, end), BookingParty.ForSite(), capacity, title, "test-user", now);
        db.Bookings.Add(booking);
        await db.SaveChangesAsync();
        var ev = Event.Create(booking, title, "Description de test", EventLanguage.French, audience, capacity, deadline ?? booking.Start, null, "test-user", now);
        db.Events.Add(ev);
        await db.SaveChangesAsync();
        return ev.Id;
    }
}
