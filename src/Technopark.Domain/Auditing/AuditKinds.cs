namespace Technopark.Domain.Auditing;

/// <summary>
/// The kinds of record the app writes audit entries about (<see cref="AuditEntry.EntityType"/>): what the audit trail's
/// "kind" filter offers, each labelled by the resource <c>Audit.Kind.{kind}</c>. Gathered from every <c>AuditTrail.Record</c>
/// call; a new kind of record is added here (with its label) when a page starts auditing it.
/// </summary>
public static class AuditKinds
{
    public static readonly IReadOnlyList<string> All =
    [
        "Account", "Application", "Assignment", "Booking", "CoachingSession", "Company", "CompanyDocument", "CompanyInvitation",
        "CompanyLogo", "CompanyMember", "CompanyMessage", "CoworkingPass", "CreditNote", "Declaration", "Enrolment", "Event",
        "EventRegistration", "Invoice", "Payment", "Programme", "ProgrammeMilestone", "ReachedMilestone", "RoomSettings",
        "SessionRequest", "Site", "SiteStaff", "Space", "WaitingListEntry",
    ];
}
