using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Tests.Companies;

/// <summary>Invitations, memberships, what each person may do with a company, and the profile its members keep.</summary>
public class ResidentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', CompanyInvitation.TokenHashLength);

    private static CompanyInvitation Invite(string email = "Cofondatrice@Example.ma ") =>
        CompanyInvitation.Create(7, email, CompanyRole.Member, Hash, "owner-id", Now);

    [Fact]
    public void Accept_RightAccountWithinSevenDays_MakesAMemberOnce()
    {
        var invitation = Invite();

        var member = invitation.Accept("user-1", "cofondatrice@example.ma", Now.AddDays(CompanyInvitation.ValidDays).AddSeconds(-1));

        Assert.Equal((7, "user-1", CompanyRole.Member), (member.CompanyId, member.UserId, member.Role));
        Assert.Equal("Invitation.Used", Assert.Throws<DomainException>(() => invitation.Accept("user-1", "cofondatrice@example.ma", Now)).Code);
    }

    [Fact]
    public void Accept_SevenDaysLater_IsExpired() =>
        Assert.Equal("Invitation.Expired", Assert.Throws<DomainException>(() => Invite().Accept("u", "cofondatrice@example.ma", Now.AddDays(CompanyInvitation.ValidDays))).Code);

    [Fact]
    public void Accept_OtherAccount_IsRefused() =>
        Assert.Equal("Invitation.WrongAccount", Assert.Throws<DomainException>(() => Invite().Accept("u", "someone@example.ma", Now)).Code);

    [Fact]
    public void Accept_Withdrawn_IsRefused()
    {
        var invitation = Invite();
        invitation.Revoke(Now);

        Assert.False(invitation.IsOpen(Now));
        Assert.Equal("Invitation.Revoked", Assert.Throws<DomainException>(() => invitation.Accept("u", "cofondatrice@example.ma", Now)).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    public void Create_BadEmail_Throws(string email) =>
        Assert.Equal("Invitation.EmailInvalid", Assert.Throws<DomainException>(() => Invite(email)).Code);

    [Fact]
    public void EnsureRemovable_LastOwner_Throws()
    {
        var owner = CompanyMember.Create(7, "u", CompanyRole.Owner, Now);

        Assert.Equal("Member.LastOwner", Assert.Throws<DomainException>(() => owner.EnsureRemovable(owners: 1)).Code);
        owner.EnsureRemovable(owners: 2);
        CompanyMember.Create(7, "v", CompanyRole.Member, Now).EnsureRemovable(owners: 1);
    }

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

    [Theory]
    [InlineData("ftp://example.ma")]
    [InlineData("javascript:alert(1)")]
    [InlineData("example.ma")]
    public void UpdateProfile_WebsiteNotHttp_Throws(string website) =>
        Assert.Equal("Company.WebsiteInvalid", Assert.Throws<DomainException>(() => NewCompany().UpdateProfile(website, null, Sectors.Digital, true)).Code);

    [Fact]
    public void UpdateProfile_PitchTooLong_Throws() =>
        Assert.Equal("Company.PitchTooLong", Assert.Throws<DomainException>(() =>
            NewCompany().UpdateProfile(null, new string('x', Company.PitchMaxLength + 1), Sectors.Digital, false)).Code);

    [Fact]
    public void UpdateProfile_Valid_KeepsTrimmedValues()
    {
        var company = NewCompany();

        company.UpdateProfile(" https://babbahr.ma ", " Robots for ports ", Sectors.Digital, true);

        Assert.Equal(("https://babbahr.ma", "Robots for ports", true), (company.Website, company.Pitch, company.ListedInDirectory));
    }

    private static Company NewCompany() => Company.Create(1, "Bab Bahr Robotics", CompanyForm.Startup, Sectors.Digital);
}
