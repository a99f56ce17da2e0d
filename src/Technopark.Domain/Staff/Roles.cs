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
}
