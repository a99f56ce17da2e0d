using Technopark.Domain.Common;
using Technopark.Domain.Companies;

namespace Technopark.Domain.Tests.Companies;

/// <summary>What each person may do with a company, and the address an invitation needs.</summary>
public class CompanyAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', CompanyInvitation.TokenHashLength);

    private static CompanyInvitation Invite(string email = "Cofondatrice@Example.ma ") =>
        CompanyInvitation.Create(7, email, CompanyRole.Member, Hash, "owner-id", Now);

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    public void Create_BadEmail_Throws(string email) =>
        Assert.Equal("Invitation.EmailInvalid", Assert.Throws<DomainException>(() => Invite(email)).Code);

    [Theory]
    // role, staff, manager, admin, left → read, team, profile, messages, declare, act as site
    [InlineData(CompanyRole.Owner, false, false, false, false, true, true, true, true, true, false)]
    [InlineData(CompanyRole.Member, false, false, false, false, true, false, true, true, true, false)]
    [InlineData(CompanyRole.Owner, false, false, false, true, true, false, false, false, true, false)]
    [InlineData(null, true, false, false, false, true, false, false, false, false, false)]
    [InlineData(null, true, true, false, false, true, true, false, true, false, true)]
    [InlineData(null, false, false, true, false, true, false, false, false, false, false)]
    [InlineData(null, false, false, false, false, false, false, false, false, false, false)]
    public void Access_ByWhoTheUserIs_AllowsWhatTheirRoleDoes(CompanyRole? role, bool staff, bool manager, bool admin, bool left,
        bool read, bool team, bool profile, bool messages, bool declare, bool actAsSite)
    {
        var access = new CompanyAccess(role, staff, manager, admin, left);

        Assert.Equal((read, team, profile, messages, declare, actAsSite),
            (access.CanRead, access.CanManageTeam, access.CanEditProfile, access.CanWriteMessages, access.CanDeclare, access.CanActAsSite));
    }
}
