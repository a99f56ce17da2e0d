namespace Technopark.Domain.Staff;

/// <summary>
/// The one Identity role. Everything a person may do on a site comes from their rows in
/// <c>site_staff</c> (<see cref="SiteRole"/>), never from an Identity role.
/// </summary>
public static class Roles
{
    public const string NetworkAdmin = "NetworkAdmin";
}

/// <summary>What a person does on one site: a row of <c>site_staff</c> (person, site, role).</summary>
public enum SiteRole
{
    SiteManager,
    Reviewer,

    /// <summary>Site staff or a partner's mentor who coaches companies: sees only the companies they coach (<see cref="SiteRoles.Team"/> excludes it).</summary>
    Coach,
}

/// <summary>What each per-site role opens.</summary>
public static class SiteRoles
{
    /// <summary>
    /// The site's team: the roles that open the site's back office (/manage/{slug}) and every company of the site.
    /// A coach is not part of it: their scope is the companies they coach (<c>Enrolment.CoachUserId</c>).
    /// </summary>
    public static readonly SiteRole[] Team = [SiteRole.SiteManager, SiteRole.Reviewer];

    public static bool IsTeam(SiteRole role) => Array.IndexOf(Team, role) >= 0;
}
