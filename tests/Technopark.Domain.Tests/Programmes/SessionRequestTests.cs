using Technopark.Domain.Common;
using Technopark.Domain.Programmes;

namespace Technopark.Domain.Tests.Programmes;

/// <summary>A session request: asked while enrolled, answered with 1 to 5 future slots, one taken while ahead, closed only while open.</summary>
public class SessionRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tomorrow = Now.AddDays(1), DayAfter = Now.AddDays(2);

    private static SessionRequest Ask(string? message = "Fundraising deck") =>
        SessionRequest.Ask(CoachingSessionTests.Enrolment(new DateOnly(2026, 9, 1)), "member-b", message, Now);

    [Fact]
    public void Ask_WhileEnrolled_IsOpen()
    {
        var request = Ask();

        Assert.Equal((SessionRequestState.Open, 42, "member-b", "Fundraising deck"), (request.State, request.CompanyId, request.RequestedBy, request.Message));
    }

    [Fact]
    public void Ask_EnrolmentEnded_Refused()
    {
        var ended = CoachingSessionTests.Enrolment(new DateOnly(2026, 1, 5), new DateOnly(2026, 6, 1));

        Assert.Equal("Coaching.NotEnrolled", Assert.Throws<DomainException>(() => SessionRequest.Ask(ended, "member-b", "x", Now)).Code);
    }

    [Fact]
    public void Ask_NoMessage_Refused() =>
        Assert.Equal("Coaching.MessageRequired", Assert.Throws<DomainException>(() => Ask(" ")).Code);

    [Fact]
    public void Offer_ThenChoose_SchedulesTheSlot()
    {
        var request = Ask();

        request.Offer([DayAfter, Tomorrow], 60, "coach-b", Now);
        Assert.Equal((SessionRequestState.Offered, "coach-b", 60), (request.State, request.AnsweredBy, request.SlotMinutes));
        Assert.Equal([Tomorrow, DayAfter], request.Slots); // in order
        request.Choose(DayAfter, Now);

        Assert.Equal((SessionRequestState.Scheduled, (DateTimeOffset?)DayAfter), (request.State, request.ChosenStart));
        Assert.Equal("Coaching.RequestNotOpen", Assert.Throws<DomainException>(() => request.Close(Now)).Code);
        Assert.Equal("Coaching.RequestNotOpen", Assert.Throws<DomainException>(() => request.Offer([Tomorrow], 60, "coach-b", Now)).Code);
    }

    [Fact]
    public void Offer_Again_ReplacesTheSlots()
    {
        var request = Ask();
        request.Offer([Tomorrow], 60, "coach-b", Now);

        request.Offer([DayAfter], 45, "coach-b", Now);

        Assert.Equal([DayAfter], request.Slots);
        Assert.Equal("Coaching.SlotNotOffered", Assert.Throws<DomainException>(() => request.Choose(Tomorrow, Now)).Code);
    }

    public static TheoryData<DateTimeOffset[], int, string> BadOffers => new()
    {
        { [], 60, "Coaching.SlotsCount" },
        { [.. Enumerable.Range(1, SessionRequest.MaxSlots + 1).Select(i => Now.AddDays(i))], 60, "Coaching.SlotsCount" },
        { [Tomorrow, Tomorrow], 60, "Coaching.SlotsDuplicate" },
        { [Now.AddMinutes(-1)], 60, "Coaching.SlotInPast" },
        { [Tomorrow], CoachingSession.MinMinutes - 1, "Coaching.MinutesInvalid" },
    };

    [Theory]
    [MemberData(nameof(BadOffers))]
    public void Offer_BadSlots_Refused(DateTimeOffset[] slots, int minutes, string code)
    {
        var request = Ask();

        Assert.Equal(code, Assert.Throws<DomainException>(() => request.Offer(slots, minutes, "coach-b", Now)).Code);
        Assert.Equal(SessionRequestState.Open, request.State);
    }

    [Fact]
    public void Choose_NotOfferedOrPassed_Refused()
    {
        var request = Ask();
        Assert.Equal("Coaching.RequestNotOffered", Assert.Throws<DomainException>(() => request.Choose(Tomorrow, Now)).Code);
        request.Offer([Tomorrow], 60, "coach-b", Now);

        Assert.Equal("Coaching.SlotInPast", Assert.Throws<DomainException>(() => request.Choose(Tomorrow, Tomorrow.AddMinutes(1))).Code);
    }

    [Fact]
    public void Close_OpenOrOffered_ClosesOnce()
    {
        var request = Ask();
        request.Offer([Tomorrow], 60, "coach-b", Now);

        request.Close(Tomorrow);

        Assert.Equal((SessionRequestState.Closed, (DateTimeOffset?)Tomorrow), (request.State, request.ClosedAt));
        Assert.Equal("Coaching.RequestNotOpen", Assert.Throws<DomainException>(() => request.Close(Tomorrow)).Code);
        Assert.Equal("Coaching.RequestNotOffered", Assert.Throws<DomainException>(() => request.Choose(Tomorrow, Now)).Code);
    }
}
