using Technopark.Domain.Common;

namespace Technopark.Domain.Programmes;

/// <summary>
/// A company following a programme of its site from <see cref="Period"/>.Start, with a coach (a person with the
/// <c>Coach</c> role, or a manager, on that site). A company follows one programme at a time: the database refuses two
/// enrolments of one company whose periods overlap. Ending an enrolment keeps it (history); the coach's scope is the
/// companies whose current enrolment names them.
/// </summary>
public sealed class Enrolment
{
    private Enrolment()
    {
        Period = null!;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    public int ProgrammeId { get; private set; }

    public int SiteId { get; private set; }

    public string? CoachUserId { get; private set; }

    public DateRange Period { get; private set; }

    /// <summary>Enrols a resident company of <paramref name="programme"/>'s site in it from <paramref name="start"/>.</summary>
    public static Enrolment Create(Programme programme, int companyId, int companySiteId, string? coachUserId, DateOnly start)
    {
        Guard.That(programme.IsActive, "Enrolment.ProgrammeRetired", nameof(ProgrammeId));
        Guard.That(companyId > 0, "Company.Required", nameof(CompanyId));
        Guard.That(companySiteId == programme.SiteId, "Enrolment.OtherSite", nameof(CompanyId));
        return new Enrolment
        {
            CompanyId = companyId,
            ProgrammeId = programme.Id,
            SiteId = programme.SiteId,
            CoachUserId = string.IsNullOrWhiteSpace(coachUserId) ? null : coachUserId,
            Period = new DateRange(DateRangeLimits.Check(start, "Start"), null),
        };
    }

    public bool IsCurrentOn(DateOnly day) => Period.Contains(day);

    /// <summary>Names another coach (or none) while the enrolment has not ended on <paramref name="today"/>.</summary>
    public void ChangeCoach(string? coachUserId, DateOnly today)
    {
        Guard.That(Period.End is not { } end || end > today, "Enrolment.AlreadyEnded", nameof(CoachUserId));
        CoachUserId = string.IsNullOrWhiteSpace(coachUserId) ? null : coachUserId;
    }

    /// <summary>The programme ends for the company on <paramref name="day"/> (the first day no longer in it).</summary>
    public void End(DateOnly day)
    {
        Guard.That(Period.End is null, "Enrolment.AlreadyEnded", "End");
        Guard.That(day > Period.Start, "Enrolment.EndBeforeStart", "End");
        Period = new DateRange(Period.Start, day);
    }

    /// <summary>
    /// Records that the company reached <paramref name="milestone"/> of its programme on <paramref name="reachedOn"/>, with
    /// evidence; not before the enrolment started, not in the future, and once per enrolment (the database's unique key too).
    /// </summary>
    public ReachedMilestone Reach(ProgrammeMilestone milestone, DateOnly reachedOn, string? evidence, string recordedBy, DateTimeOffset now,
        IEnumerable<int> reachedAlready)
    {
        Guard.That(milestone.ProgrammeId == ProgrammeId && milestone.IsActive, "Milestone.NotInProgramme", "MilestoneId");
        Guard.That(!reachedAlready.Contains(milestone.Id), "Milestone.AlreadyReached", "MilestoneId");
        Guard.That(reachedOn >= Period.Start, "Milestone.BeforeEnrolment", "ReachedOn", Period.Start);
        Guard.That(reachedOn <= SiteTime.DayOf(now), "Milestone.InFuture", "ReachedOn");
        return ReachedMilestone.Create(Id, CompanyId, milestone.Id, reachedOn, evidence, recordedBy, now);
    }
}

/// <summary>A milestone a company reached, on a day, with its evidence (what shows it: a contract, a first invoice, a term sheet…).</summary>
public sealed class ReachedMilestone
{
    public const int EvidenceMaxLength = 1000;

    private ReachedMilestone()
    {
        RecordedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int EnrolmentId { get; private set; }

    public int CompanyId { get; private set; }

    public int MilestoneId { get; private set; }

    public DateOnly ReachedOn { get; private set; }

    public string? Evidence { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    internal static ReachedMilestone Create(int enrolmentId, int companyId, int milestoneId, DateOnly reachedOn, string? evidence, string recordedBy,
        DateTimeOffset now) => new()
        {
            EnrolmentId = enrolmentId,
            CompanyId = companyId,
            MilestoneId = milestoneId,
            ReachedOn = reachedOn,
            Evidence = Guard.Text(evidence, EvidenceMaxLength, "Milestone.EvidenceRequired", nameof(Evidence)),
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
}
