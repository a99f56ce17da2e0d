using Technopark.Domain.Common;

namespace Technopark.Domain.Companies;

/// <summary>One person's membership of one company (a row per person and company). A person may belong to several companies.</summary>
public sealed class CompanyMember
{
    private CompanyMember()
    {
        UserId = string.Empty;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    public string UserId { get; private set; }

    public CompanyRole Role { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public static CompanyMember Create(int companyId, string userId, CompanyRole role, DateTimeOffset at)
    {
        Guard.That(companyId > 0, "Company.Required", nameof(CompanyId));
        Guard.That(!string.IsNullOrWhiteSpace(userId), "Member.UserRequired", nameof(UserId));
        Guard.That(Enum.IsDefined(role), "Member.RoleInvalid", nameof(Role));
        return new CompanyMember { CompanyId = companyId, UserId = userId, Role = role, JoinedAt = at };
    }

    /// <summary>
    /// Gives the member another role. An owner who becomes a member is no longer an owner, so the last owner keeps the role
    /// (<paramref name="owners"/>: the company's owners now), as with <see cref="EnsureRemovable"/>.
    /// </summary>
    public void ChangeRole(CompanyRole role, int owners)
    {
        Guard.That(Enum.IsDefined(role), "Member.RoleInvalid", nameof(Role));
        if (role != CompanyRole.Owner)
        {
            EnsureRemovable(owners);
        }

        Role = role;
    }

    /// <summary>
    /// Whether a member may be removed: a company keeps at least one owner, so the last owner cannot be removed
    /// (<paramref name="owners"/>: the company's owners now).
    /// </summary>
    public void EnsureRemovable(int owners)
    {
        if (Role == CompanyRole.Owner && owners <= 1)
        {
            throw new DomainException("Member.LastOwner") { Field = nameof(UserId) };
        }
    }
}
