using Technopark.Domain.Common;

namespace Technopark.Domain.Staff;

/// <summary>One person's role on one site. A person can hold roles on several sites.</summary>
public sealed class SiteStaff
{
    private SiteStaff()
    {
        UserId = string.Empty;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public int SiteId { get; private set; }

    public SiteRole Role { get; private set; }

    public static SiteStaff Create(string userId, int siteId, SiteRole role)
    {
        Guard.That(!string.IsNullOrWhiteSpace(userId), "Staff.UserRequired", nameof(UserId));
        Guard.That(siteId > 0, "Staff.SiteRequired", nameof(SiteId));
        Guard.That(Enum.IsDefined(role), "Staff.RoleInvalid", nameof(Role));
        return new SiteStaff { UserId = userId, SiteId = siteId, Role = role };
    }

    public void ChangeRole(SiteRole role)
    {
        Guard.That(Enum.IsDefined(role), "Staff.RoleInvalid", nameof(Role));
        Role = role;
    }
}
