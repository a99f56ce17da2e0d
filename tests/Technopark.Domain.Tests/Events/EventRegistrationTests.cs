using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Domain.Rooms;
using Technopark.Domain.Tests.Rooms;

namespace Technopark.Domain.Tests.Events;

public class EventRegistrationTests
{
    /// <summary>The event's day (a Wednesday, 10:00–12:00 site time); the clock reads 1 April 2027, 10:00 UTC.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);
    private static readonly DateTimeOffset Now = new(2027, 4, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', EventRegistration.TokenHashLength);

    [Theory]
    [InlineData(7)]
    [InlineData(14)]
    public void Register_ChildAtTheLimits_KeepsFirstNameAndAge(int age)
    {
        var registration = Register(Make(EventAudience.Children), child: " Yasmine ", age: age);

        Assert.Equal("Yasmine", registration.ChildFirstName);
        Assert.Equal(age, registration.ChildAge);
        Assert.Equal(RegistrationState.Pending, registration.State);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(15)]
    [InlineData(null)]
    public void Register_ChildOutsideTheAges_RefusedOnChildAge(int? age)
    {
        var error = Assert.Throws<DomainException>(() => Register(Make(EventAudience.Children), child: "Yasmine", age: age));

        Assert.Equal("Events.ChildAgeInvalid", error.Code);
        Assert.Equal(nameof(EventRegistration.ChildAge), error.Field);
    }

    [Fact]
    public void Register_ChildWithoutFirstName_RefusedOnChildFirstName()
    {
        var error = Assert.Throws<DomainException>(() => Register(Make(EventAudience.Children), child: " ", age: 9));

        Assert.Equal("Events.ChildNameRequired", error.Code);
        Assert.Equal(nameof(EventRegistration.ChildFirstName), error.Field);
    }

    [Fact]
    public void Register_ChildDataForAPublicEvent_Ignored()
    {
        var registration = Register(Make(EventAudience.Public), child: "Yasmine", age: 9);

        Assert.Null(registration.ChildFirstName);
        Assert.Null(registration.ChildAge);
    }

    [Fact]
    public void Register_ResidentsEventByAnOutsider_Refused()
    {
        var error = Assert.Throws<DomainException>(() => Register(Make(EventAudience.Residents), resident: false));

        Assert.Equal("Events.ResidentsOnly", error.Code);
        Assert.Equal(RegistrationState.Pending, Register(Make(EventAudience.Residents), resident: true).State);
    }

    [Fact]
    public void Register_EmailNormalizedAndChecked()
    {
        Assert.Equal("amal@exemple.ma", Register(Make(), email: "  Amal@Exemple.MA ").Email);
        Assert.Equal("Events.EmailInvalid", Assert.Throws<DomainException>(() => Register(Make(), email: "amal")).Code);
    }

    [Fact]
    public void Register_AfterTheDeadline_Refused()
    {
        var ev = Make();

        var error = Assert.Throws<DomainException>(() => EventRegistration.Register(ev, "a@exemple.ma", "A", null, null, null, false, Hash, ev.RegistrationDeadline));

        Assert.Equal("Events.RegistrationClosed", error.Code);
    }

    [Fact]
    public void Lapse_PendingPastTheConfirmationTime_CancelsAndConfirmIsRefused()
    {
        var ev = Make();
        var registration = Register(ev);
        var justBefore = Now.AddHours(EventRegistration.ConfirmWithinHours).AddMinutes(-1);
        var after = Now.AddHours(EventRegistration.ConfirmWithinHours);

        Assert.False(registration.HasLapsed(justBefore));
        Assert.Equal("Events.AlreadyRegistered", Assert.Throws<DomainException>(() => registration.Lapse(justBefore)).Code);
        Assert.Equal("Events.ConfirmationLapsed", Assert.Throws<DomainException>(() => Register(ev).Confirm(ev, 0, after)).Code);
        registration.Lapse(after);
        Assert.Equal(RegistrationState.Cancelled, registration.State);
    }

    [Fact]
    public void Confirm_Twice_SameStateAndFirstConfirmationTimeKept()
    {
        var ev = Make(capacity: 1);
        var registration = Register(ev);

        Assert.Equal(RegistrationState.Confirmed, registration.Confirm(ev, 0, Now.AddMinutes(5)));
        Assert.Equal(RegistrationState.Confirmed, registration.Confirm(ev, 1, Now.AddMinutes(9)));
        Assert.Equal(Now.AddMinutes(5), registration.ConfirmedAt);
    }

    [Fact]
    public void Confirm_EventFull_Waitlisted()
    {
        var ev = Make(capacity: 2);

        Assert.Equal(RegistrationState.Waitlisted, Register(ev).Confirm(ev, 2, Now));
        Assert.Equal(RegistrationState.Confirmed, Register(ev).Confirm(ev, 1, Now));
    }

    [Fact]
    public void Cancel_Confirmed_FreesASeat_Waitlisted_DoesNot_Twice_Refused()
    {
        var ev = Make(capacity: 1);
        var confirmed = Confirmed(ev, 0, Now);
        var waiting = Confirmed(ev, 1, Now);

        Assert.True(confirmed.Cancel(ev, Now));
        Assert.False(waiting.Cancel(ev, Now));
        Assert.Equal("Events.RegistrationCancelled", Assert.Throws<DomainException>(() => waiting.Cancel(ev, Now)).Code);
    }

    [Fact]
    public void Promote_SeatsFreed_WaitingListInConfirmationOrderUpToCapacity()
    {
        var ev = Make(capacity: 2);
        var first = Confirmed(ev, 0, Now);
        var second = Confirmed(ev, 1, Now.AddMinutes(1));
        var late = Confirmed(ev, 2, Now.AddMinutes(4));
        var early = Confirmed(ev, 2, Now.AddMinutes(2));
        var middle = Confirmed(ev, 2, Now.AddMinutes(3));
        var pending = Register(ev);
        first.Cancel(ev, Now.AddMinutes(10));
        second.Cancel(ev, Now.AddMinutes(10));

        var promoted = EventSeats.Promote(ev, [first, second, late, early, middle, pending], Now.AddMinutes(11));

        Assert.Equal(new[] { early, middle }, promoted);
        Assert.Equal(RegistrationState.Waitlisted, late.State);
        Assert.Equal(RegistrationState.Pending, pending.State);
        Assert.Empty(EventSeats.Promote(ev, [first, second, late, early, middle], Now.AddMinutes(12)));
    }

    [Fact]
    public void Promote_EventStartedOrCancelled_NoOne()
    {
        var ev = Make(capacity: 1);
        var seat = Confirmed(ev, 0, Now);
        var waiting = Confirmed(ev, 1, Now);
        seat.Cancel(ev, Now);

        Assert.Empty(EventSeats.Promote(ev, [seat, waiting], ev.StartsAt));
        ev.Cancel(Now);
        Assert.Empty(EventSeats.Promote(ev, [seat, waiting], Now));
        Assert.Equal(RegistrationState.Waitlisted, waiting.State);
    }

    [Fact]
    public void ReissueToken_LiveRegistration_ReplacesTheHash_Cancelled_Refused()
    {
        var ev = Make();
        var registration = Register(ev);
        var other = new string('b', EventRegistration.TokenHashLength);

        registration.ReissueToken(other);

        Assert.Equal(other, registration.TokenHash);
        Assert.Equal("Events.TokenInvalid", Assert.Throws<DomainException>(() => registration.ReissueToken("short")).Code);
        registration.Cancel(ev, Now);
        Assert.Equal("Events.RegistrationCancelled", Assert.Throws<DomainException>(() => registration.ReissueToken(other)).Code);
    }

    [Fact]
    public void CheckIn_OnlyConfirmedWhileOpen_UndoTakesItBack_NoShowOnceOver()
    {
        var ev = Make(capacity: 1);
        var seat = Confirmed(ev, 0, Now);
        var waiting = Confirmed(ev, 1, Now);
        var absent = Make(capacity: 1);
        var noShow = Confirmed(absent, 0, Now);
        var door = ev.StartsAt.AddMinutes(-30);

        Assert.Equal("Events.CheckInClosed", Assert.Throws<DomainException>(() => seat.CheckIn(ev, "staff", Now)).Code);
        Assert.Equal("Events.NotConfirmed", Assert.Throws<DomainException>(() => waiting.CheckIn(ev, "staff", door)).Code);
        seat.CheckIn(ev, "staff", door);
        Assert.Equal(door, seat.CheckedInAt);
        seat.UndoCheckIn(ev, door.AddMinutes(1));
        Assert.Null(seat.CheckedInAt);
        seat.CheckIn(ev, "staff", door.AddMinutes(2));
        Assert.False(seat.IsNoShow(ev, ev.EndsAt));
        Assert.True(noShow.IsNoShow(absent, absent.EndsAt));
        Assert.False(noShow.IsNoShow(absent, absent.EndsAt.AddMinutes(-1)));
    }

    private static Event Make(EventAudience audience = EventAudience.Public, int capacity = 20)
    {
        var booking = Booking.Create(TestRoom.Of(seats: 30), new BookingSlot(Day, 10 * 60, 12 * 60), BookingParty.ForSite(), capacity, "Atelier", "staff", Now);
        return Event.Create(booking, "D Atelier", "Description", EventLanguage.French, audience, capacity, booking.Start, null, "staff", Now);
    }

    private static EventRegistration Register(Event ev, string email = "amal@exemple.ma", string? child = null, int? age = null, bool resident = false) =>
        EventRegistration.Register(ev, email, "Amal", child, age, null, resident, Hash, Now);

    private static EventRegistration Confirmed(Event ev, int confirmedSeats, DateTimeOffset at)
    {
        var registration = Register(ev);
        registration.Confirm(ev, confirmedSeats, at);
        return registration;
    }
}
