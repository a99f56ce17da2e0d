using Technopark.Domain.Applications;
using Technopark.Domain.Common;

namespace Technopark.Domain.Programmes;

/// <summary>
/// A coaching session held with a company, logged by its coach (or a manager of the site): the day, how long, the topics,
/// the decisions and the next steps, with attachments. The company's members read it.
/// </summary>
public sealed class CoachingSession
{
    public const int MinMinutes = 15;
    public const int MaxMinutes = 480;
    public const int TopicsMaxLength = 1000;
    public const int NotesMaxLength = 4000;

    /// <summary>A company with no session for this many days is flagged to HQ and its managers.</summary>
    public const int QuietDays = 60;

    /// <summary>
    /// Quiet on <paramref name="day"/>: no session held in the <see cref="QuietDays"/> days ending on that day, by an enrolment that
    /// started at least that long before it (a company that just joined is not quiet). <paramref name="lastSession"/>: the latest
    /// session held on or before the day, if any.
    /// </summary>
    public static bool IsQuiet(DateOnly enrolmentStart, DateOnly? lastSession, DateOnly day) =>
        day.DayNumber - enrolmentStart.DayNumber >= QuietDays && (lastSession is not { } last || day.DayNumber - last.DayNumber >= QuietDays);

    private CoachingSession()
    {
        CoachUserId = Topics = string.Empty;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    public int EnrolmentId { get; private set; }

    public int SiteId { get; private set; }

    /// <summary>Who held the session (the coach, or the manager who logged it).</summary>
    public string CoachUserId { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public int Minutes { get; private set; }

    public string Topics { get; private set; }

    public string? Decisions { get; private set; }

    public string? NextSteps { get; private set; }

    public DateTimeOffset LoggedAt { get; private set; }

    /// <summary>Logs a session of <paramref name="enrolment"/> held on <paramref name="heldOn"/>: within the enrolment, not in the future.</summary>
    public static CoachingSession Log(Enrolment enrolment, string coachUserId, DateOnly heldOn, int minutes, string? topics, string? decisions,
        string? nextSteps, DateTimeOffset now)
    {
        Guard.That(!string.IsNullOrWhiteSpace(coachUserId), "Coaching.CoachRequired", nameof(CoachUserId));
        Guard.That(heldOn >= enrolment.Period.Start && (enrolment.Period.End is null || heldOn < enrolment.Period.End),
            "Coaching.OutsideEnrolment", nameof(HeldOn));
        Guard.That(heldOn <= SiteTime.DayOf(now), "Coaching.InFuture", nameof(HeldOn));
        Guard.That(minutes is >= MinMinutes and <= MaxMinutes, "Coaching.MinutesInvalid", nameof(Minutes), MinMinutes, MaxMinutes);
        return new CoachingSession
        {
            CompanyId = enrolment.CompanyId,
            EnrolmentId = enrolment.Id,
            SiteId = enrolment.SiteId,
            CoachUserId = coachUserId,
            HeldOn = heldOn,
            Minutes = minutes,
            Topics = Guard.Text(topics, TopicsMaxLength, "Coaching.TopicsRequired", nameof(Topics)),
            Decisions = Guard.OptionalText(decisions, NotesMaxLength, "Coaching.NotesTooLong", nameof(Decisions)),
            NextSteps = Guard.OptionalText(nextSteps, NotesMaxLength, "Coaching.NotesTooLong", nameof(NextSteps)),
            LoggedAt = now,
        };
    }
}

/// <summary>A file attached to a coaching session (slides, a plan, a photo of the board): PDF, PNG or JPEG, stored under a generated name.</summary>
public sealed class CoachingAttachment
{
    public const int NameMaxLength = ApplicationDocument.NameMaxLength;

    public const int MaxPerSession = 5;

    private CoachingAttachment()
    {
        OriginalName = StoredName = ContentType = UploadedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    public int CompanyId { get; private set; }

    public string OriginalName { get; private set; }

    public string StoredName { get; private set; }

    public string ContentType { get; private set; }

    public long Size { get; private set; }

    public string UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public static CoachingAttachment Create(CoachingSession session, int attachedAlready, string originalName, string storedName, string contentType,
        long size, string uploadedBy, DateTimeOffset now)
    {
        Guard.That(attachedAlready < MaxPerSession, "Coaching.TooManyAttachments", "File", MaxPerSession);
        Guard.That(contentType is ApplicationDocument.Pdf or ApplicationDocument.Png or ApplicationDocument.Jpeg, "Coaching.AttachmentType", "File");
        return new CoachingAttachment
        {
            SessionId = session.Id,
            CompanyId = session.CompanyId,
            OriginalName = Guard.Text(Path.GetFileName(originalName), NameMaxLength, "Document.NameInvalid", "File"),
            StoredName = storedName,
            ContentType = contentType,
            Size = size,
            UploadedBy = uploadedBy,
            UploadedAt = now,
        };
    }
}
