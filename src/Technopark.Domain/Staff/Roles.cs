namespace Technopark.Domain.Staff;

/// <summary>Role names. NetworkAdmin is network-wide; the site roles hold for the sites a person is given.</summary>
public static class Roles
{
    public const string NetworkAdmin = "NetworkAdmin";
    public const string SiteManager = "SiteManager";
    public const string Reviewer = "Reviewer";
}

/// <summary>What a person does on one site.</summary>
public enum SiteRole
{
    SiteManager,
    Reviewer,
}
