using Technopark.Domain.Common;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Rooms;

public class BookingRulesTests
{
    /// <summary>A Wednesday; the clock reads 1 April 2027 (a Thursday), 10:00 UTC.</summary>
    private static readonly DateOnly Day = new(2027, 4, 14);
    private static readonly DateTimeOffset Now = new(2027, 4, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_ValidSlot_HoldsTheRoomUntilTheEndPlusTheBuffer()
    {
        var booking = Book(TestRoom.Of(buffer: 30), new BookingSlot(Day, 10 * 60, 11 * 60 + 30), attendees: 4, title: "  Comité  ");

        Assert.Equal(TestRoom.PlusOne(Day, 10 * 60), booking.Start);
        Assert.Equal(TestRoom.PlusOne(Day, 11 * 60 + 30), booking.End);
        Assert.Equal(TestRoom.PlusOne(Day, 12 * 60), booking.BlockedUntil);
        Assert.Equal(90, booking.Minutes);
        Assert.Equal("Comité", booking.Title);
        Assert.Equal(4, booking.Attendees);
        Assert.True(booking.CountsAgainstQuota);
    }

    [Theory]
    [InlineData(600, 570, "Rooms.Booking.EndBeforeStart", "End")]
    [InlineData(600, 600, "Rooms.Booking.EndBeforeStart", "End")]
    [InlineData(605, 660, "Rooms.Booking.Granularity", "Start")]
    [InlineData(600, 665, "Rooms.Booking.Granularity", "End")]
    [InlineData(-15, 600, "Rooms.Booking.StartInvalid", "Start")]
    [InlineData(600, 1455, "Rooms.Booking.EndInvalid", "End")]
    [InlineData(450, 540, "Rooms.Booking.OutsideHours", "Start")] // opens 08:00
    [InlineData(1110, 1170, "Rooms.Booking.OutsideHours", "Start")] // closes 19:00
    [InlineData(600, 615, "Rooms.Booking.TooShort", "End")] // 30 min at least
    [InlineData(480, 1020, "Rooms.Booking.TooLong", "End")] // 8 h at most
    public void Create_BadSlot_IsRefusedNamingItsField(int start, int end, string code, string field)
    {
        var error = Assert.Throws<DomainException>(() => Book(TestRoom.Of(), new BookingSlot(Day, start, end)));

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(480, 510)] // the opening minute, the shortest length
    [InlineData(660, 1140)] // 8 h, ending at closing time
    public void Create_SlotOnTheLimits_IsAccepted(int start, int end)
    {
        Assert.Equal(end - start, Book(TestRoom.Of(), new BookingSlot(Day, start, end)).Minutes);
    }

    [Fact]
    public void Create_ClosedDay_IsRefusedAsClosed()
    {
        var saturday = new DateOnly(2027, 4, 17);

        var error = Assert.Throws<DomainException>(() => Book(TestRoom.Of(), new BookingSlot(saturday, 600, 660)));

        Assert.Equal(("Rooms.Booking.Closed", "Start"), (error.Code, error.Field));
    }

    [Fact]
    public void Create_Capacity_IsCheckedOnAttendees()
    {
        var room = TestRoom.Of(seats: 8);

        Assert.Equal(8, Book(room, new BookingSlot(Day, 600, 660), attendees: 8).Attendees);
        var over = Assert.Throws<DomainException>(() => Book(room, new BookingSlot(Day, 600, 660), attendees: 9));
        var none = Assert.Throws<DomainException>(() => Book(room, new BookingSlot(Day, 600, 660), attendees: 0));

        Assert.Equal(("Rooms.Booking.OverCapacity", "Attendees"), (over.Code, over.Field));
        Assert.Equal(8, over.Arguments.Single());
        Assert.Equal(("Rooms.Booking.AttendeesRequired", "Attendees"), (none.Code, none.Field));
    }

    [Fact]
    public void Create_PastSlot_IsRefusedButTheCurrentInstantIsNot()
    {
        var room = TestRoom.Of(hours: WeeklyHours.AlwaysOpen);
        var start = TestRoom.PlusOne(Day, 600);

        Assert.Equal(start, Book(room, new BookingSlot(Day, 600, 660), now: start).Start);
        var error = Assert.Throws<DomainException>(() => Book(room, new BookingSlot(Day, 600, 660), now: start.AddMinutes(1)));

        Assert.Equal(("Rooms.Booking.InPast", "Start"), (error.Code, error.Field));
    }

    [Fact]
    public void Create_TooFarAhead_IsRefusedAfterMaxDaysAhead()
    {
        var room = TestRoom.Of(hours: WeeklyHours.AlwaysOpen);
        var today = new DateOnly(2027, 4, 1); // Now is 11:00 that day in Morocco

        Book(room, new BookingSlot(today.AddDays(Booking.MaxDaysAhead), 600, 660));
        var error = Assert.Throws<DomainException>(() => Book(room, new BookingSlot(today.AddDays(Booking.MaxDaysAhead + 1), 600, 660)));

        Assert.Equal(("Rooms.Booking.TooFarAhead", "Start"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(SpaceKind.Office, true)]
    [InlineData(SpaceKind.Coworking, true)]
    [InlineData(SpaceKind.MeetingRoom, false)]
    public void Create_NotARoomOrOutOfService_IsNotBookable(SpaceKind kind, bool active)
    {
        var error = Assert.Throws<DomainException>(() => Book(TestRoom.Of(kind: kind, active: active), new BookingSlot(Day, 600, 660)));

        Assert.Equal(("Rooms.Booking.NotBookable", "SpaceId"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(SpaceKind.MeetingRoom)]
    [InlineData(SpaceKind.TrainingRoom)]
    [InlineData(SpaceKind.ConferenceRoom)]
    public void Create_EachRoomKind_IsBookable(SpaceKind kind)
    {
        Assert.Equal(60, Book(TestRoom.Of(kind: kind), new BookingSlot(Day, 600, 660)).Minutes);
    }

    [Fact]
    public void Create_Title_IsTrimmedOptionalAndLimited()
    {
        var room = TestRoom.Of();

        Assert.Null(Book(room, new BookingSlot(Day, 600, 660), title: "   ").Title);
        Assert.Equal(Booking.TitleMaxLength, Book(room, new BookingSlot(Day, 600, 660), title: new string('t', Booking.TitleMaxLength)).Title!.Length);
        var error = Assert.Throws<DomainException>(() => Book(room, new BookingSlot(Day, 600, 660), title: new string('t', Booking.TitleMaxLength + 1)));

        Assert.Equal(("Rooms.Booking.TitleTooLong", "Title"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(null, null, "Rooms.Booking.ExternalNameRequired", "ExternalName")]
    [InlineData("   ", null, "Rooms.Booking.ExternalNameRequired", "ExternalName")]
    [InlineData("Association Tanja", "12345", "Rooms.Booking.IceInvalid", "ExternalIce")]
    [InlineData("Association Tanja", "00123456700008X", "Rooms.Booking.IceInvalid", "ExternalIce")]
    public void External_BadNameOrIce_IsRefusedNamingItsField(string? name, string? ice, string code, string field)
    {
        var error = Assert.Throws<DomainException>(() => BookingParty.External(name, "contact@tanja.ma", ice));

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void External_NameTooLongOrContactTooLong_IsRefused()
    {
        var name = Assert.Throws<DomainException>(() => BookingParty.External(new string('n', BookingParty.NameMaxLength + 1), null, null));
        var contact = Assert.Throws<DomainException>(() => BookingParty.External("Tanja", new string('c', BookingParty.ContactMaxLength + 1), null));

        Assert.Equal(("Rooms.Booking.ExternalNameRequired", "ExternalName"), (name.Code, name.Field));
        Assert.Equal(("Rooms.Booking.ExternalContactTooLong", "ExternalContact"), (contact.Code, contact.Field));
    }

    [Fact]
    public void External_ValidParty_IsTrimmedAndKeptOnTheBooking()
    {
        var party = BookingParty.External("  Association Tanja ", " ", " 001234567000089 ");

        var booking = Book(TestRoom.Of(), new BookingSlot(Day, 600, 660), party: party);

        Assert.Equal((BookingPartyKind.External, "Association Tanja", null, "001234567000089"),
            (booking.PartyKind, booking.ExternalName, booking.ExternalContact, booking.ExternalIce));
        Assert.Null(booking.CompanyId);
    }

    [Fact]
    public void ForCompany_NoCompany_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => BookingParty.ForCompany(0));

        Assert.Equal(("Rooms.Booking.CompanyRequired", "CompanyId"), (error.Code, error.Field));
    }

    [Fact]
    public void Cancel_ExactlyAtTheNotice_IsNotLate_OneMinuteLaterIsLate()
    {
        var room = TestRoom.Of(notice: 120);
        var timely = Book(room, new BookingSlot(Day, 600, 660));
        var late = Book(room, new BookingSlot(Day, 600, 660));
        var noticeEnds = timely.Start.AddMinutes(-120);

        Assert.False(timely.WouldBeLate(noticeEnds, 120));
        Assert.True(late.WouldBeLate(noticeEnds.AddMinutes(1), 120));
        timely.Cancel("u1", noticeEnds, 120);
        late.Cancel("u2", noticeEnds.AddMinutes(1), 120);

        Assert.Equal((true, false, false), (timely.IsCancelled, timely.CancelledLate, timely.CountsAgainstQuota));
        Assert.Equal((true, true, true), (late.IsCancelled, late.CancelledLate, late.CountsAgainstQuota));
        Assert.Equal(("u1", noticeEnds), (timely.CancelledBy, timely.CancelledAt));
    }

    [Fact]
    public void Cancel_AfterStartBeforeEnd_IsLate_AtTheEndIsRefused()
    {
        var room = TestRoom.Of();
        var running = Book(room, new BookingSlot(Day, 600, 660));
        var over = Book(room, new BookingSlot(Day, 600, 660));

        running.Cancel("u", running.End.AddMinutes(-1), 120);
        var error = Assert.Throws<DomainException>(() => over.Cancel("u", over.End, 120));

        Assert.True(running.CancelledLate);
        Assert.Equal("Rooms.Booking.AlreadyOver", error.Code);
        Assert.False(over.IsCancelled);
    }

    [Fact]
    public void Cancel_Twice_IsRefusedAndKeepsTheFirstCancellation()
    {
        var booking = Book(TestRoom.Of(), new BookingSlot(Day, 600, 660));
        booking.Cancel("first", Now, 120);

        Assert.Equal("Rooms.Booking.AlreadyCancelled", Assert.Throws<DomainException>(() => booking.Cancel("second", Now.AddMinutes(1), 120)).Code);
        Assert.Equal(("first", Now), (booking.CancelledBy, booking.CancelledAt));
    }

    [Fact]
    public void MarkNoShow_OnlyOnceStartedAndNotCancelled_AndCanBeTakenBack()
    {
        var booking = Book(TestRoom.Of(), new BookingSlot(Day, 600, 660));
        var cancelled = Book(TestRoom.Of(), new BookingSlot(Day, 600, 660));
        cancelled.Cancel("u", Now, 120);

        var early = Assert.Throws<DomainException>(() => booking.MarkNoShow(true, booking.Start.AddMinutes(-1)));
        Assert.Equal(("Rooms.Booking.NotStarted", "NoShow"), (early.Code, early.Field));
        Assert.False(booking.NoShow);
        booking.MarkNoShow(true, booking.Start);
        Assert.True(booking.NoShow && booking.CountsAgainstQuota);
        booking.MarkNoShow(false, booking.End.AddDays(1));
        Assert.False(booking.NoShow);
        Assert.Equal("Rooms.Booking.AlreadyCancelled", Assert.Throws<DomainException>(() => cancelled.MarkNoShow(true, cancelled.End)).Code);
    }

    [Fact]
    public void WeeklyHours_AreStoredMondayFirst()
    {
        int[] minutes = [60, 120, 180, 240, 300, 360, 420, 480, 540, 600, 660, 720, 780, 840];
        var hours = new WeeklyHours(minutes);
        DayOfWeek[] mondayFirst = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
            DayOfWeek.Saturday, DayOfWeek.Sunday];

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal((minutes[2 * i], minutes[2 * i + 1]), hours.On(mondayFirst[i]));
            Assert.True(hours.IsOpen(mondayFirst[i]));
        }

        Assert.Equal(minutes, hours.ToArray());
        Assert.Equal((480, 1140), WeeklyHours.Weekdays(480, 1140).On(DayOfWeek.Friday));
        Assert.False(WeeklyHours.Weekdays(480, 1140).IsOpen(DayOfWeek.Sunday));
    }

    [Fact]
    public void WeeklyHours_Covers_IsHalfOpenOnTheClosingMinute()
    {
        var hours = WeeklyHours.Weekdays(480, 1140);

        Assert.True(hours.Covers(DayOfWeek.Monday, 480, 1140));
        Assert.False(hours.Covers(DayOfWeek.Monday, 465, 600));
        Assert.False(hours.Covers(DayOfWeek.Monday, 1080, 1155));
        Assert.False(hours.Covers(DayOfWeek.Saturday, 600, 660));
        Assert.True(WeeklyHours.AlwaysOpen.Covers(DayOfWeek.Sunday, 0, WeeklyHours.MinutesPerDay));
    }

    [Theory]
    [InlineData(1, 600, 540, "Rooms.Hours.Invalid", "Hours.Tuesday")]
    [InlineData(6, 0, 1455, "Rooms.Hours.Invalid", "Hours.Sunday")]
    [InlineData(0, -15, 600, "Rooms.Hours.Invalid", "Hours.Monday")]
    [InlineData(5, 600, 610, "Rooms.Hours.Granularity", "Hours.Saturday")]
    public void WeeklyHours_BadDay_IsRefusedNamingTheDay(int dayIndex, int opens, int closes, string code, string field)
    {
        var minutes = WeeklyHours.Weekdays(480, 1140).ToArray();
        minutes[2 * dayIndex] = opens;
        minutes[2 * dayIndex + 1] = closes;

        var error = Assert.Throws<DomainException>(() => new WeeklyHours(minutes));

        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void WeeklyHours_NotFourteenNumbers_IsRefused()
    {
        Assert.Equal("Rooms.Hours.Invalid", Assert.Throws<DomainException>(() => new WeeklyHours([480, 1140])).Code);
    }

    [Theory]
    [InlineData("2027-01-31", "2027-07-31", 26)] // six months to the day
    [InlineData("2027-08-31", "2028-02-29", 27)] // six months from the 31st: the end of February
    [InlineData("2027-04-14", "2027-04-14", 1)]
    [InlineData("2027-04-14", "2027-04-20", 1)]
    [InlineData("2027-04-14", "2027-04-21", 2)]
    public void Weekly_UpToSixMonths_IsEverySeventhDay(string first, string until, int count)
    {
        var (from, to) = (DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture));

        var days = Recurrence.Weekly(from, to);

        Assert.Equal(count, days.Count);
        var expected = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if ((d.DayNumber - from.DayNumber) % 7 == 0)
            {
                expected.Add(d);
            }
        }

        Assert.Equal(expected, days);
    }

    [Theory]
    [InlineData("2027-01-31", "2027-08-01", "Rooms.Recurrence.TooLong")]
    [InlineData("2027-08-31", "2028-03-01", "Rooms.Recurrence.TooLong")]
    [InlineData("2027-04-14", "2027-04-13", "Rooms.Recurrence.UntilBeforeStart")]
    public void Weekly_BeyondSixMonthsOrBackwards_IsRefused(string first, string until, string code)
    {
        var error = Assert.Throws<DomainException>(() => Recurrence.Weekly(
            DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal((code, "RepeatUntil"), (error.Code, error.Field));
    }

    private static Booking Book(BookableRoom room, BookingSlot slot, int attendees = 4, string? title = null, BookingParty? party = null,
        DateTimeOffset? now = null) =>
        Booking.Create(room, slot, party ?? BookingParty.ForSite(), attendees, title, "user-1", now ?? Now);
}
