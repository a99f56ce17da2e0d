namespace Technopark.Web.Authorization;

/// <summary>Named authorization policies (never role literals in pages).</summary>
public static class Policies
{
    public const string NetworkAdmin = nameof(NetworkAdmin);

    /// <summary>Any staff of the site in question (manager or reviewer), or NetworkAdmin. Resource: <see cref="SiteResource"/>.</summary>
    public const string SiteStaff = nameof(SiteStaff);

    /// <summary>A manager of the site in question, or NetworkAdmin. Resource: <see cref="SiteResource"/>.</summary>
    public const string SiteManager = nameof(SiteManager);

    /// <summary>
    /// Someone with a role on the site itself (NetworkAdmin alone is not enough): needed to change the
    /// site's records, so that HQ's view of a site is read-only. Resource: <see cref="SiteResource"/>.
    /// </summary>
    public const string SiteMember = nameof(SiteMember);
}

/// <summary>The site a request is about: what site-scope checks are made against.</summary>
public sealed record SiteResource(int SiteId, string Slug);
