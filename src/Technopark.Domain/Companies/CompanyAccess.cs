namespace Technopark.Domain.Companies;

/// <summary>
/// What one person may do with one company, from who they are to it: a member (owner or member) of the company,
/// staff of its site (a manager acts, other staff read), or network HQ (reads every company, changes nothing).
/// A company that has left the network is read-only for its members (alumni), except for reporting. The company's coach
/// (named on its current programme enrolment, with a role on the site) sees its coaching pages only.
/// </summary>
public sealed record CompanyAccess(CompanyRole? Role, bool IsSiteStaff, bool IsSiteManager, bool IsNetworkAdmin, bool CompanyHasLeft, bool IsCoach = false)
{
    /// <summary>May see the company's pages (stays, documents, invoices, team…).</summary>
    public bool CanRead => Role is not null || IsSiteStaff || IsNetworkAdmin;

    /// <summary>May see the company's programme, coaching sessions and milestones: anyone who reads the company, and its coach.</summary>
    public bool CanReadCoaching => CanRead || IsCoach;

    /// <summary>Log sessions, record milestones, answer session requests: the company's coach and its site's managers.</summary>
    public bool CanCoach => (IsCoach || IsSiteManager) && !CompanyHasLeft;

    /// <summary>Ask the coach for a session, take an offered slot: members while resident.</summary>
    public bool CanAskForSession => IsMember && !CompanyHasLeft;

    public bool IsMember => Role is not null;

    /// <summary>Invite and remove members: the company's owners while it is resident, and its site's managers.</summary>
    public bool CanManageTeam => (Role == CompanyRole.Owner && !CompanyHasLeft) || IsSiteManager;

    /// <summary>Keep the profile (logo, website, pitch, sector, directory opt-in): members while resident.</summary>
    public bool CanEditProfile => IsMember && !CompanyHasLeft;

    /// <summary>Write in the thread with the site's team: members while resident, the site's managers.</summary>
    public bool CanWriteMessages => (IsMember && !CompanyHasLeft) || IsSiteManager;

    /// <summary>Declare figures: members, residents and alumni alike (alumni report for years after leaving).</summary>
    public bool CanDeclare => IsMember;

    /// <summary>Upload documents, validate or correct declarations, send reminders: the site's managers.</summary>
    public bool CanActAsSite => IsSiteManager;
}
