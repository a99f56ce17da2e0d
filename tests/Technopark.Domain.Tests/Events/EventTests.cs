using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Domain.Rooms;
using Technopark.Domain.Tests.Rooms;

namespace Technopark.Domain.Tests.Events;

/// <summary>An event and its room: capacity within the room's booking, the registration deadline, the check-in window, cancelling.</summary>
public class EventTests
{
    /// <summary>A Wednesday; the clock reads 1 April 2027, 10:00 UTC.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);
    private static readonly DateTimeOffset Now = new(2027, 4, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_OnTheSitesBooking_CopiesItsTimesAndRoom()
    {
        var booking = SiteBooking(attendees: 40);

        var ev = Create(booking, capacity: 30, deadline: booking.Start.AddHours(-1));

        Assert.Equal((booking.Start, booking.End, booking.SpaceId, booking.SiteId), (ev.StartsAt, ev.EndsAt, ev.SpaceId, ev.SiteId));
        Assert.Equal(30, ev.Capacity);
        Assert.Equal("Atelier", ev.Title);
        Assert.False(ev.IsCancelled);
    }

    [Fact]
    public void Create_CapacityOverTheRoomsBooking_IsRefusedOnCapacity()
    {
        var booking = SiteBooking(attendees: 20);

        var error = Assert.Throws<DomainException>(() => Create(booking, capacity: 21, deadline: booking.Start));

        Assert.Equal(("Events.CapacityOverRoom", nameof(Event.Capacity)), (error.Code, error.Field));
        Assert.Equal(20, error.Arguments.Single());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(Event.MaxCapacity + 1)]
    public void Create_CapacityOutOfRange_IsRefused(int capacity)
    {
        var booking = SiteBooking(attendees: 10);

        var error = Assert.Throws<DomainException>(() => Create(booking, capacity, booking.Start));

        Assert.Equal(("Events.CapacityInvalid", nameof(Event.Capacity)), (error.Code, error.Field));
    }

    [Fact]
    public void Create_DeadlineAfterTheStart_IsRefused_AtTheStartIsAccepted()
    {
        var booking = SiteBooking();

        var error = Assert.Throws<DomainException>(() => Create(booking, 10, booking.Start.AddMinutes(1)));

        Assert.Equal(("Events.DeadlineAfterStart", nameof(Event.RegistrationDeadline)), (error.Code, error.Field));
        Assert.Equal(booking.Start, Create(booking, 10, booking.Start).RegistrationDeadline);
    }

    [Fact]
    public void Create_DeadlineNotAfterNow_IsRefused()
    {
        var booking = SiteBooking();

        var error = Assert.Throws<DomainException>(() => Create(booking, 10, Now));

        Assert.Equal(("Events.DeadlinePassed", nameof(Event.RegistrationDeadline)), (error.Code, error.Field));
    }

    [Fact]
    public void Create_OnACompanysOrACancelledBooking_NeedsTheSitesRoom()
    {
        var companys = SiteBooking(party: BookingParty.ForCompany(7));
        var cancelled = SiteBooking();
        cancelled.Cancel("staff", Now, 0);

        Assert.Equal("Events.RoomRequired", Assert.Throws<DomainException>(() => Create(companys, 10, companys.Start)).Code);
        Assert.Equal("Events.RoomRequired", Assert.Throws<DomainException>(() => Create(cancelled, 10, cancelled.Start)).Code);
    }

    [Fact]
    public void Create_WithoutTitleOrDescription_IsRefusedOnItsField()
    {
        var booking = SiteBooking();

        var title = Assert.Throws<DomainException>(() => Event.Create(booking, "  ", "D", EventLanguage.French, EventAudience.Public, 10, booking.Start, null, "u", Now));
        var description = Assert.Throws<DomainException>(() => Event.Create(booking, "T", null, EventLanguage.French, EventAudience.Public, 10, booking.Start, null, "u", Now));

        Assert.Equal(("Events.TitleRequired", nameof(Event.Title)), (title.Code, title.Field));
        Assert.Equal(("Events.DescriptionRequired", nameof(Event.Description)), (description.Code, description.Field));
    }

    [Fact]
    public void IsOpenForRegistration_UntilTheDeadline_NotOnceCancelled()
    {
        var booking = SiteBooking();
        var deadline = booking.Start.AddHours(-2);
        var ev = Create(booking, 10, deadline);

        Assert.True(ev.IsOpenForRegistration(deadline.AddTicks(-1)));
        Assert.False(ev.IsOpenForRegistration(deadline));
        ev.Cancel(Now);
        Assert.False(ev.IsOpenForRegistration(Now));
    }

    [Fact]
    public void IsCheckInOpen_FromShortlyBeforeTheStart_ToTheEndOfTheEventsDay()
    {
        var booking = SiteBooking();
        var ev = Create(booking, 10, booking.Start);

        Assert.False(ev.IsCheckInOpen(ev.StartsAt.AddMinutes(-Event.CheckInOpensMinutesBefore - 1)));
        Assert.True(ev.IsCheckInOpen(ev.StartsAt.AddMinutes(-Event.CheckInOpensMinutesBefore)));
        Assert.True(ev.IsCheckInOpen(ev.EndsAt.AddHours(3)));
        Assert.True(ev.IsCheckInOpen(SiteTime.StartOf(Day.AddDays(1)).AddTicks(-1)));
        Assert.False(ev.IsCheckInOpen(SiteTime.StartOf(Day.AddDays(1))));
    }

    /// <summary>
    /// Morocco's clocks move around Ramadan: 14 March 2027 lasts 23 hours, 7 February 2027 lasts 25. Check-in closes at the site's
    /// midnight, not 24 hours after the day's start.
    /// </summary>
    [Theory]
    [InlineData(2027, 3, 14, 23)]
    [InlineData(2027, 2, 7, 25)]
    public void IsCheckInOpen_OnAClockChangeDay_ClosesAtTheSitesMidnight(int year, int month, int day, int hours)
    {
        var date = new DateOnly(year, month, day);
        var midnight = SiteTime.StartOf(date.AddDays(1));
        Assert.Equal(TimeSpan.FromHours(hours), midnight - SiteTime.StartOf(date)); // the premise: a day of that length
        var now = SiteTime.StartOf(date.AddDays(-10));
        var booking = Booking.Create(TestRoom.Of(hours: WeeklyHours.AlwaysOpen), new BookingSlot(date, 10 * 60, 12 * 60), BookingParty.ForSite(), 10,
            "Atelier", "staff", now);
        var ev = Event.Create(booking, "Atelier", "Description", EventLanguage.Arabic, EventAudience.Children, 10, booking.Start, null, "staff", now);
        var naiveEnd = SiteTime.StartOf(date).AddHours(24);

        Assert.True(ev.IsCheckInOpen(midnight.AddMinutes(-1)));
        Assert.False(ev.IsCheckInOpen(midnight));
        Assert.Equal(hours > 24, ev.IsCheckInOpen(naiveEnd.AddMinutes(-1)) && ev.IsCheckInOpen(naiveEnd));
    }

    [Fact]
    public void Cancel_BeforeTheEnd_Once()
    {
        var booking = SiteBooking();
        var ev = Create(booking, 10, booking.Start);

        ev.Cancel(Now);

        Assert.Equal(Now, ev.CancelledAt);
        Assert.False(ev.IsCheckInOpen(ev.StartsAt));
        Assert.Equal("Events.AlreadyCancelled", Assert.Throws<DomainException>(() => ev.Cancel(Now)).Code);
    }

    [Fact]
    public void Cancel_AfterTheEnd_IsRefused()
    {
        var booking = SiteBooking();
        var ev = Create(booking, 10, booking.Start);

        Assert.Equal("Events.AlreadyOver", Assert.Throws<DomainException>(() => ev.Cancel(ev.EndsAt)).Code);
        Assert.True(ev.IsOver(ev.EndsAt));
        Assert.False(ev.IsOver(ev.EndsAt.AddTicks(-1)));
    }

    private static Booking SiteBooking(int attendees = 10, BookingParty? party = null) =>
        Booking.Create(TestRoom.Of(seats: 200), new BookingSlot(Day, 10 * 60, 12 * 60), party ?? BookingParty.ForSite(), attendees, "Atelier",
            "staff", Now);

    private static Event Create(Booking booking, int capacity, DateTimeOffset deadline) =>
        Event.Create(booking, "Atelier", "Découvrir l'impression 3D", EventLanguage.French, EventAudience.Public, capacity, deadline, "AFEM", "staff", Now);
}
