using Technopark.Domain.Common;
using Technopark.Domain.Companies;

namespace Technopark.Domain.Tests.Companies;

public class CompanyMembersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', CompanyInvitation.TokenHashLength);

    [Fact]
    public void Accept_RightAccountWithinSevenDays_GivesTheInvitedRole()
    {
        var invitation = CompanyInvitation.Create(7, " Amina@Example.MA ", CompanyRole.Owner, Hash, "inviter", Now);

        var member = invitation.Accept("amina", "amina@example.ma", Now.AddDays(CompanyInvitation.ValidDays).AddMinutes(-1));

        Assert.Equal((7, "amina", CompanyRole.Owner), (member.CompanyId, member.UserId, member.Role));
        Assert.False(invitation.IsOpen(Now));
    }

    [Fact]
    public void Accept_Twice_SecondRefusedAsUsed()
    {
        var invitation = CompanyInvitation.Create(7, "amina@example.ma", CompanyRole.Member, Hash, "inviter", Now);
        invitation.Accept("amina", "amina@example.ma", Now);

        Assert.Equal("Invitation.Used", Assert.Throws<DomainException>(() => invitation.Accept("amina", "amina@example.ma", Now)).Code);
    }

    [Fact]
    public void Accept_AfterSevenDays_RefusedAsExpired()
    {
        var invitation = CompanyInvitation.Create(7, "amina@example.ma", CompanyRole.Member, Hash, "inviter", Now);

        Assert.Equal("Invitation.Expired",
            Assert.Throws<DomainException>(() => invitation.Accept("amina", "amina@example.ma", Now.AddDays(CompanyInvitation.ValidDays))).Code);
    }

    [Fact]
    public void Accept_AnotherAccount_RefusedNamingTheInvitedAddress()
    {
        var invitation = CompanyInvitation.Create(7, "amina@example.ma", CompanyRole.Member, Hash, "inviter", Now);

        var refused = Assert.Throws<DomainException>(() => invitation.Accept("karim", "karim@example.ma", Now));

        Assert.Equal("Invitation.WrongAccount", refused.Code);
        Assert.Equal(["amina@example.ma"], refused.Arguments);
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void Accept_Withdrawn_RefusedAsRevoked()
    {
        var invitation = CompanyInvitation.Create(7, "amina@example.ma", CompanyRole.Member, Hash, "inviter", Now);
        invitation.Revoke(Now);

        Assert.Equal("Invitation.Revoked", Assert.Throws<DomainException>(() => invitation.EnsureAcceptableBy("amina@example.ma", Now)).Code);
    }

    [Fact]
    public void EnsureNotMember_AddressOfAMemberInAnotherCase_RefusedOnTheEmailField()
    {
        var refused = Assert.Throws<DomainException>(() => CompanyInvitation.EnsureNotMember(" Amina@Example.ma", ["karim@example.ma", "amina@example.ma"]));

        Assert.Equal(("Invitation.AlreadyMember", nameof(CompanyInvitation.Email)), (refused.Code, refused.Field));
    }

    [Fact]
    public void EnsureNotMember_NewAddress_Accepted() =>
        CompanyInvitation.EnsureNotMember("nouvelle@example.ma", ["karim@example.ma", null]);

    [Fact]
    public void EnsureRemovable_LastOwner_Refused()
    {
        var owner = CompanyMember.Create(7, "amina", CompanyRole.Owner, Now);

        Assert.Equal("Member.LastOwner", Assert.Throws<DomainException>(() => owner.EnsureRemovable(owners: 1)).Code);
        owner.EnsureRemovable(owners: 2);
        CompanyMember.Create(7, "karim", CompanyRole.Member, Now).EnsureRemovable(owners: 1);
    }

    [Fact]
    public void ChangeRole_LastOwnerToMember_RefusedAndKeepsTheRole()
    {
        var owner = CompanyMember.Create(7, "amina", CompanyRole.Owner, Now);

        Assert.Equal("Member.LastOwner", Assert.Throws<DomainException>(() => owner.ChangeRole(CompanyRole.Member, owners: 1)).Code);
        Assert.Equal(CompanyRole.Owner, owner.Role);
    }

    [Fact]
    public void ChangeRole_MemberToOwnerOrOneOfTwoOwnersToMember_Changed()
    {
        var member = CompanyMember.Create(7, "karim", CompanyRole.Member, Now);
        member.ChangeRole(CompanyRole.Owner, owners: 1);
        Assert.Equal(CompanyRole.Owner, member.Role);

        member.ChangeRole(CompanyRole.Member, owners: 2);
        Assert.Equal(CompanyRole.Member, member.Role);
    }
}
