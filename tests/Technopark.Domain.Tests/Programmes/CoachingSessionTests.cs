using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Domain.Programmes;
using Programme = Technopark.Domain.Programmes.Programme;

namespace Technopark.Domain.Tests.Programmes;

/// <summary>A coaching session is logged within its enrolment, once held, with a sensible duration and its topics; its attachments are few and of three types.</summary>
public class CoachingSessionTests
{
    // 10:00 UTC on 2 December 2026: 11:00 in Casablanca, the site's day is the 2nd.
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 2);

    internal static Enrolment Enrolment(DateOnly start, DateOnly? end = null)
    {
        var programme = Programme.Create(3, ProgrammeKind.Incubation, "B Incubation", 12, null, (string[])["MVP"]);
        var enrolment = Technopark.Domain.Programmes.Enrolment.Create(programme, 42, 3, "coach-b", start);
        if (end is { } day)
        {
            enrolment.End(day);
        }

        return enrolment;
    }

    private static CoachingSession Log(Enrolment enrolment, DateOnly heldOn, int minutes = 90, string? topics = "Pricing") =>
        CoachingSession.Log(enrolment, "coach-b", heldOn, minutes, topics, "Raise prices", "  ", Now);

    [Fact]
    public void Log_WithinEnrolment_KeepsWhatWasSaid()
    {
        var session = Log(Enrolment(new DateOnly(2026, 9, 1)), Today);

        Assert.Equal((42, 3, "coach-b", Today, 90, "Pricing", "Raise prices", (string?)null),
            (session.CompanyId, session.SiteId, session.CoachUserId, session.HeldOn, session.Minutes, session.Topics, session.Decisions, session.NextSteps));
        Assert.Equal(Now, session.LoggedAt);
    }

    [Theory]
    [InlineData(2026, 8, 31, "Coaching.OutsideEnrolment")] // before the enrolment
    [InlineData(2026, 12, 3, "Coaching.InFuture")] // tomorrow
    public void Log_DayOutsideEnrolmentOrAhead_Refused(int year, int month, int day, string code)
    {
        var error = Assert.Throws<DomainException>(() => Log(Enrolment(new DateOnly(2026, 9, 1)), new DateOnly(year, month, day)));

        Assert.Equal((code, "HeldOn"), (error.Code, error.Field));
    }

    [Fact]
    public void Log_OnTheEndDayOfAnEndedEnrolment_Refused()
    {
        var ended = Enrolment(new DateOnly(2026, 1, 5), new DateOnly(2026, 6, 1));

        Assert.Equal("Coaching.OutsideEnrolment", Assert.Throws<DomainException>(() => Log(ended, new DateOnly(2026, 6, 1))).Code);
        Assert.Equal(new DateOnly(2026, 5, 31), Log(ended, new DateOnly(2026, 5, 31)).HeldOn);
    }

    [Theory]
    [InlineData(CoachingSession.MinMinutes - 1)]
    [InlineData(CoachingSession.MaxMinutes + 1)]
    [InlineData(0)]
    public void Log_MinutesOutOfRange_Refused(int minutes) =>
        Assert.Equal("Coaching.MinutesInvalid", Assert.Throws<DomainException>(() => Log(Enrolment(new DateOnly(2026, 9, 1)), Today, minutes)).Code);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Log_NoTopics_Refused(string? topics) =>
        Assert.Equal(("Coaching.TopicsRequired", "Topics"),
            Assert.Throws<DomainException>(() => Log(Enrolment(new DateOnly(2026, 9, 1)), Today, topics: topics)) is var e ? (e.Code, e.Field) : default);

    [Fact]
    public void Log_NoCoach_Refused() =>
        Assert.Equal("Coaching.CoachRequired",
            Assert.Throws<DomainException>(() => CoachingSession.Log(Enrolment(new DateOnly(2026, 9, 1)), " ", Today, 60, "x", null, null, Now)).Code);

    [Fact]
    public void Attachment_AllowedTypeAndName_KeepsTheNameWithoutFolders()
    {
        var session = Log(Enrolment(new DateOnly(2026, 9, 1)), Today);

        var attachment = CoachingAttachment.Create(session, 0, "C:/docs/plan.pdf", "abc.pdf", ApplicationDocument.Pdf, 1234, "coach-b", Now);

        Assert.Equal(("plan.pdf", "abc.pdf", ApplicationDocument.Pdf, 1234L, 42), (attachment.OriginalName, attachment.StoredName, attachment.ContentType, attachment.Size, attachment.CompanyId));
    }

    [Theory]
    [InlineData("application/zip")]
    [InlineData("text/html")]
    public void Attachment_OtherType_Refused(string type) =>
        Assert.Equal("Coaching.AttachmentType", Assert.Throws<DomainException>(() =>
            CoachingAttachment.Create(Log(Enrolment(new DateOnly(2026, 9, 1)), Today), 0, "x.bin", "x.bin", type, 10, "coach-b", Now)).Code);

    [Fact]
    public void Attachment_BeyondTheMaximum_Refused()
    {
        var session = Log(Enrolment(new DateOnly(2026, 9, 1)), Today);

        Assert.NotNull(CoachingAttachment.Create(session, CoachingAttachment.MaxPerSession - 1, "a.png", "a.png", ApplicationDocument.Png, 10, "coach-b", Now));
        Assert.Equal("Coaching.TooManyAttachments", Assert.Throws<DomainException>(() =>
            CoachingAttachment.Create(session, CoachingAttachment.MaxPerSession, "a.png", "a.png", ApplicationDocument.Png, 10, "coach-b", Now)).Code);
    }
}
