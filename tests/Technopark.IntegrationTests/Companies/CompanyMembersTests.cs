using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Applications;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Applications;
using Technopark.TestSupport;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Companies;

namespace Technopark.IntegrationTests.Companies;

/// <summary>
/// Company members over HTTP on a real database: the accepted applicant owns the company, invitations (once, 7 days,
/// the right account, withdrawn), who may change the team, the last owner, member scope, and the company's page.
/// Each test makes its own company and people so that none depends on another's order.
/// </summary>
public partial class CompanyMembersTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Decide_Accept_MakesTheApplicantOwnerAuditedAndEmailsTheCompanyPage()
    {
        var applicant = await UserAsync("candidate.owner");
        int applicationId;
        await using (var db = app.Database.CreateContext())
        {
            await Personas.EnsureAsync(app.Factory, Persona.ReviewerTanger);
            var reviewerId = await db.Users.Where(u => u.Email == Personas.Email(Persona.ReviewerTanger)).Select(u => u.Id).SingleAsync();
            var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
            var now = app.Factory.Clock.GetUtcNow();
            var application = Application.Start(applicant.Id, site.Id, Programme.Incubation, now);
            TestApplications.Complete(application, site.FocusSectors[0], now, "Projet propriétaire");
            application.Submit(now);
            application.AssignReviewer(reviewerId, reviewerId, now);
            application.Score(reviewerId, 4, 4, 4, 4, 4, null, now);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            applicationId = application.Id;
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var detail = $"/manage/tanger/applications/{applicationId}";
        using var decided = await Personas.PostFormAsync(manager, $"{detail}?handler=Decide", new() { ["Decision"] = "Accept", ["Reason"] = "Bien." }, formPage: detail);

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        await using var check = app.Database.CreateContext();
        var companyId = (await check.Applications.SingleAsync(a => a.Id == applicationId)).CompanyId!.Value;
        var owner = await check.CompanyMembers.SingleAsync(m => m.CompanyId == companyId);
        Assert.Equal((applicant.Id, CompanyRole.Owner), (owner.UserId, owner.Role));
        Assert.True(await check.AuditLog.AnyAsync(e => e.Action == "company.member.added" && e.EntityId == Key(owner.Id)));
        var email = await check.Outbox.Where(m => m.To == applicant.Email).OrderByDescending(m => m.Id).FirstAsync();
        Assert.Contains($"/company/{companyId}", email.TextBody, StringComparison.Ordinal);
        using var client = await SignInAsync(applicant.Email);
        Assert.Contains($"href=\"/company/{companyId}\"", await client.GetStringAsync("/company"), StringComparison.Ordinal);
        using var page = await client.GetAsync($"/company/{companyId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Join_InvitedAccount_BecomesMemberOnceAndASecondUseIsRefused()
    {
        var (companyId, owner) = await CompanyAsync("join.once");
        var invited = await UserAsync("join.once.invited");
        using var ownerClient = await SignInAsync(owner.Email);
        var token = await InviteAsync(ownerClient, companyId, invited.Email, CompanyRole.Member);

        using var client = await SignInAsync(invited.Email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(JoinUrl(token))).StatusCode);
        using var joined = await Personas.PostFormAsync(client, JoinUrl(token), []);

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/company/{companyId}", joined.Headers.Location?.OriginalString);
        using var again = await Personas.PostFormAsync(client, JoinUrl(token), []);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(Text("Invitation.Used"), await HtmlAsync(again), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        var member = await db.CompanyMembers.SingleAsync(m => m.CompanyId == companyId && m.UserId == invited.Id);
        Assert.Equal(CompanyRole.Member, member.Role);
        var invitation = await db.CompanyInvitations.SingleAsync(i => i.CompanyId == companyId);
        Assert.Equal(CompanyTeam.HashOf(token), invitation.TokenHash);
        Assert.NotEqual(token, invitation.TokenHash);
        Assert.Equal(invited.Id, invitation.AcceptedBy);
        foreach (var (action, id) in new[] { ("company.invitation.sent", invitation.Id), ("company.invitation.accepted", invitation.Id), ("company.member.added", member.Id) })
        {
            Assert.True(await db.AuditLog.AnyAsync(e => e.Action == action && e.EntityId == Key(id)), action);
        }
    }

    [Fact]
    public async Task Join_AfterSevenDays_RefusedAsExpiredWithoutMembership()
    {
        var (companyId, owner) = await CompanyAsync("join.expired");
        var invited = await UserAsync("join.expired.invited");
        using var ownerClient = await SignInAsync(owner.Email);
        var start = app.Factory.Clock.GetUtcNow();
        app.Factory.Clock.Set(start);
        try
        {
            var token = await InviteAsync(ownerClient, companyId, invited.Email, CompanyRole.Member);
            app.Factory.Clock.Set(start.AddDays(CompanyInvitation.ValidDays).AddMinutes(1));
            using var client = await SignInAsync(invited.Email);

            using var refused = await Personas.PostFormAsync(client, JoinUrl(token), []);

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(Text("Invitation.Expired"), await HtmlAsync(refused), StringComparison.Ordinal);
            await using var db = app.Database.CreateContext();
            Assert.False(await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == invited.Id));
        }
        finally
        {
            app.Factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Join_SignedInAsAnotherAccount_RefusedAsWrongAccount()
    {
        var (companyId, owner) = await CompanyAsync("join.wrong");
        var other = await UserAsync("join.wrong.other");
        using var ownerClient = await SignInAsync(owner.Email);
        var token = await InviteAsync(ownerClient, companyId, "join.wrong.invited@test.technopark.ma", CompanyRole.Owner);
        using var client = await SignInAsync(other.Email);

        using var refused = await Personas.PostFormAsync(client, JoinUrl(token), []);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Text("Invitation.WrongAccount", "join.wrong.invited@test.technopark.ma"), await HtmlAsync(refused), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == other.Id));
        Assert.Null((await db.CompanyInvitations.SingleAsync(i => i.CompanyId == companyId)).AcceptedAt);
    }

    [Fact]
    public async Task Withdraw_AfterConfirmation_TheLinkIsRefusedAsRevoked()
    {
        var (companyId, owner) = await CompanyAsync("join.withdrawn");
        var invited = await UserAsync("join.withdrawn.invited");
        using var ownerClient = await SignInAsync(owner.Email);
        var token = await InviteAsync(ownerClient, companyId, invited.Email, CompanyRole.Member);
        int invitationId;
        await using (var db = app.Database.CreateContext())
        {
            invitationId = (await db.CompanyInvitations.SingleAsync(i => i.CompanyId == companyId)).Id;
        }

        var team = $"/company/{companyId}/team";
        using var asked = await Personas.PostFormAsync(ownerClient, $"{team}?handler=Withdraw&invitationId={invitationId}", [], formPage: team);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains(Text("Members.Confirm.Withdraw", invited.Email, await NameAsync(companyId)), await HtmlAsync(asked), StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Null((await db.CompanyInvitations.SingleAsync(i => i.Id == invitationId)).RevokedAt);
        }

        using var withdrawn = await Personas.PostFormAsync(ownerClient, $"{team}?handler=Withdraw&invitationId={invitationId}", new() { ["Confirmed"] = "true" }, formPage: team);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        using var client = await SignInAsync(invited.Email);
        using var refused = await Personas.PostFormAsync(client, JoinUrl(token), []);

        Assert.Contains(Text("Invitation.Revoked"), await HtmlAsync(refused), StringComparison.Ordinal);
        await using var check = app.Database.CreateContext();
        Assert.False(await check.CompanyMembers.AnyAsync(m => m.CompanyId == companyId && m.UserId == invited.Id));
        Assert.True(await check.AuditLog.AnyAsync(e => e.Action == "company.invitation.withdrawn" && e.EntityId == Key(invitationId)));
    }

    [Fact]
    public async Task Join_AlreadyAMember_RefusedAndTheInvitationStaysOpen()
    {
        var (companyId, owner) = await CompanyAsync("join.member");
        var member = await UserAsync("join.member.already");
        using var ownerClient = await SignInAsync(owner.Email);
        var token = await InviteAsync(ownerClient, companyId, member.Email, CompanyRole.Owner);
        await MemberAsync(companyId, "join.member.already", CompanyRole.Member);
        using var client = await SignInAsync(member.Email);

        using var refused = await Personas.PostFormAsync(client, JoinUrl(token), []);

        Assert.Contains(Text("Invitation.AlreadyMember", member.Email), await HtmlAsync(refused), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(CompanyRole.Member, (await db.CompanyMembers.SingleAsync(m => m.CompanyId == companyId && m.UserId == member.Id)).Role);
        Assert.Null((await db.CompanyInvitations.SingleAsync(i => i.CompanyId == companyId)).AcceptedAt);
    }

    [Fact]
    public async Task Join_UnknownToken_NotFound()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.Applicant);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(JoinUrl("pas-un-jeton"))).StatusCode);
        var forged = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(new byte[CompanyTeam.TokenBytes]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(JoinUrl(forged))).StatusCode);
    }

    [Fact]
    public async Task Join_Anonymous_SentToSignInAndBack()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.Anonymous);

        using var response = await client.GetAsync(JoinUrl("un-jeton"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=%2Fcompany%2Fjoin%2Fun-jeton", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_AddressOfAMember_RefusedNextToTheField()
    {
        var (companyId, owner) = await CompanyAsync("invite.again");
        using var client = await SignInAsync(owner.Email);
        var team = $"/company/{companyId}/team";

        using var response = await Personas.PostFormAsync(client, $"{team}?handler=Invite",
            new() { ["Invite.Email"] = owner.Email.ToUpperInvariant(), ["Invite.Role"] = "Member" }, formPage: team);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Matches($"id=\"Invite_Email-error\"[^>]*>{Regex.Escape(Text("Invitation.AlreadyMember", owner.Email))}<", html);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CompanyInvitations.AnyAsync(i => i.CompanyId == companyId));
    }

    [Fact]
    public async Task Invite_BadAddress_MessageNextToTheFieldAndNothingSaved()
    {
        var (companyId, owner) = await CompanyAsync("invite.bad");
        using var client = await SignInAsync(owner.Email);
        var team = $"/company/{companyId}/team";

        using var response = await Personas.PostFormAsync(client, $"{team}?handler=Invite", new() { ["Invite.Email"] = "pas-une-adresse", ["Invite.Role"] = "Member" }, formPage: team);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches($"id=\"Invite_Email-error\"[^>]*>{Regex.Escape(Text("Invitation.EmailInvalid"))}<", await HtmlAsync(response));
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CompanyInvitations.AnyAsync(i => i.CompanyId == companyId));
    }

    /// <summary>Owners and the site's managers change the team; a member, HQ (reads only) and another site's manager cannot.</summary>
    [Theory]
    [InlineData(Persona.CompanyOwner, HttpStatusCode.Redirect)]
    [InlineData(Persona.ManagerTanger, HttpStatusCode.Redirect)]
    [InlineData(Persona.CompanyMember, HttpStatusCode.Forbidden)]
    [InlineData(Persona.NetworkAdmin, HttpStatusCode.Forbidden)]
    [InlineData(Persona.ManagerOujda, HttpStatusCode.Forbidden)]
    [InlineData(Persona.OtherCompanyOwner, HttpStatusCode.Forbidden)]
    public async Task Invite_ResidentCompany_AllowedOnlyToOwnersAndTheSitesManagers(Persona persona, HttpStatusCode expected)
    {
        await Personas.EnsureAsync(app.Factory, Persona.CompanyOwner);
        var resident = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var client = await Personas.ClientAsync(app.Factory, persona);
        var email = $"invited.by.{persona.ToString().ToLowerInvariant()}@test.technopark.ma";

        // The form comes from a page every persona can read (a refused GET has no form to take the token from).
        using var response = await Personas.PostFormAsync(client, $"/company/{resident}/team?handler=Invite",
            new() { ["Invite.Email"] = email, ["Invite.Role"] = "Member" }, formPage: "/Identity/Account/Manage");

        Assert.Equal(expected, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.Equal(expected == HttpStatusCode.Redirect, await db.CompanyInvitations.AnyAsync(i => i.CompanyId == resident && i.Email == email));
        Assert.Equal(expected == HttpStatusCode.Redirect, await db.Outbox.AnyAsync(m => m.To == email));
    }

    [Fact]
    public async Task Remove_ByTangerManager_RemovesAfterConfirmationNamingThePerson()
    {
        var (companyId, _) = await CompanyAsync("remove.manager");
        var member = await MemberAsync(companyId, "remove.manager.member", CompanyRole.Member, "Karim Benali");
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var team = $"/company/{companyId}/team";

        using var asked = await Personas.PostFormAsync(manager, $"{team}?handler=Remove&memberId={member}", [], formPage: team);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains(Text("Members.Confirm.Remove", "Karim Benali", await NameAsync(companyId)), await HtmlAsync(asked), StringComparison.Ordinal);
        using var removed = await Personas.PostFormAsync(manager, $"{team}?handler=Remove&memberId={member}", new() { ["Confirmed"] = "true" }, formPage: team);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.CompanyMembers.AnyAsync(m => m.Id == member));
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == "company.member.removed" && e.EntityId == Key(member)));
    }

    [Fact]
    public async Task Remove_ByOujdaManager_Forbidden()
    {
        var (companyId, _) = await CompanyAsync("remove.oujda");
        var member = await MemberAsync(companyId, "remove.oujda.member", CompanyRole.Member);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);

        using var response = await Personas.PostFormAsync(manager, $"/company/{companyId}/team?handler=Remove&memberId={member}",
            new() { ["Confirmed"] = "true" }, formPage: "/Identity/Account/Manage");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = app.Database.CreateContext();
        Assert.True(await db.CompanyMembers.AnyAsync(m => m.Id == member));
    }

    [Fact]
    public async Task Remove_LastOwner_RefusedWithAClearMessage()
    {
        var (companyId, owner) = await CompanyAsync("remove.last");
        using var client = await SignInAsync(owner.Email);
        await using var read = app.Database.CreateContext();
        var ownerMember = await read.CompanyMembers.Where(m => m.CompanyId == companyId).Select(m => m.Id).SingleAsync();
        var team = $"/company/{companyId}/team";

        using var removed = await Personas.PostFormAsync(client, $"{team}?handler=Remove&memberId={ownerMember}", new() { ["Confirmed"] = "true" }, formPage: team);
        using var demoted = await Personas.PostFormAsync(client, $"{team}?handler=Role&memberId={ownerMember}", new() { ["role"] = "Member" }, formPage: team);
        using var left = await Personas.PostFormAsync(client, $"{team}?handler=Leave", new() { ["Confirmed"] = "true" }, formPage: team);

        foreach (var response in new[] { removed, demoted, left })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Text("Member.LastOwner"), await HtmlAsync(response), StringComparison.Ordinal);
        }

        await using var db = app.Database.CreateContext();
        Assert.Equal(CompanyRole.Owner, (await db.CompanyMembers.SingleAsync(m => m.Id == ownerMember)).Role);
    }

    [Fact]
    public async Task RoleAndLeave_SecondOwnerThenTheFirstLeaves_Audited()
    {
        var (companyId, owner) = await CompanyAsync("role.leave");
        var member = await MemberAsync(companyId, "role.leave.member", CompanyRole.Member);
        using var client = await SignInAsync(owner.Email);
        var team = $"/company/{companyId}/team";

        using var promoted = await Personas.PostFormAsync(client, $"{team}?handler=Role&memberId={member}", new() { ["role"] = "Owner" }, formPage: team);
        using var left = await Personas.PostFormAsync(client, $"{team}?handler=Leave", new() { ["Confirmed"] = "true" }, formPage: team);

        Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal("/company", left.Headers.Location?.OriginalString);
        await using var db = app.Database.CreateContext();
        var remaining = await db.CompanyMembers.SingleAsync(m => m.CompanyId == companyId);
        Assert.Equal((member, CompanyRole.Owner), (remaining.Id, remaining.Role));
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == "company.member.role" && e.EntityId == Key(member)));
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == "company.member.left" && e.After == null));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(team)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Admin")]
    [InlineData("0")]
    public async Task Role_MissingOrUnknown_RefusedAndTheMemberKeepsTheirRole(string role)
    {
        var (companyId, owner) = await CompanyAsync("role.bad." + (role.Length == 0 ? "empty" : role.ToLowerInvariant()));
        var member = await MemberAsync(companyId, $"role.bad.{(role.Length == 0 ? "empty" : role.ToLowerInvariant())}.member", CompanyRole.Member);
        using var client = await SignInAsync(owner.Email);
        var team = $"/company/{companyId}/team";

        using var response = await Personas.PostFormAsync(client, $"{team}?handler=Role&memberId={member}", new() { ["role"] = role }, formPage: team);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Text("Member.RoleInvalid"), await HtmlAsync(response), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(CompanyRole.Member, (await db.CompanyMembers.SingleAsync(m => m.Id == member)).Role);
    }

    /// <summary>The invitation is written in the invited person's language when they have an account, else in the inviter's.</summary>
    [Fact]
    public async Task Invite_Email_InTheInvitedAccountsLanguageElseTheInviters()
    {
        var (companyId, owner) = await CompanyAsync("invite.language");
        var arabic = await UserAsync("invite.language.arabic");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await scope.ServiceProvider.GetRequiredService<Technopark.Web.Identity.UserLanguage>().RememberAsync((await users.FindByIdAsync(arabic.Id))!, "ar");
        }

        using var client = await SignInAsync(owner.Email);
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        const string newcomer = "invite.language.newcomer@test.technopark.ma";
        await InviteAsync(client, companyId, arabic.Email, CompanyRole.Member);
        await InviteAsync(client, companyId, newcomer, CompanyRole.Member);

        await using var db = app.Database.CreateContext();
        var name = await NameAsync(companyId);
        Assert.Equal(ResourceText.Of(app.Factory, "Invitation.EmailSubject", "ar", name), (await db.Outbox.SingleAsync(m => m.To == arabic.Email)).Subject);
        Assert.Equal(ResourceText.Of(app.Factory, "Invitation.EmailSubject", "en", name), (await db.Outbox.SingleAsync(m => m.To == newcomer)).Subject);
    }

    /// <summary>A member of one company never reaches another's pages, nor sees it among their companies.</summary>
    [Fact]
    public async Task MemberScope_OtherCompany_ForbiddenAndNotListed()
    {
        var companies = await Personas.CompaniesAsync(app.Factory);
        using var client = await Personas.ClientAsync(app.Factory, Persona.CompanyMember);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/company/{companies.Other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/company/{companies.Other}/team")).StatusCode);
        var mine = await client.GetStringAsync("/company");
        Assert.Contains($"/company/{companies.Resident}\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"/company/{companies.Other}\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain(Personas.OtherCompany, WebUtility.HtmlDecode(mine), StringComparison.Ordinal);
        Assert.Contains("href=\"/company\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_NoCompany_ExplainsAndLinksToApply()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ReviewerTanger);

        var html = await client.GetStringAsync("/company");

        Assert.Contains(Text("CompanyPage.MineEmpty"), WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("href=\"/apply\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/company\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>The page shows what ends within the dashboards' notice and the same waiting-list place as the site's own list.</summary>
    [Fact]
    public async Task Overview_EndingAssignmentAndWaitingEntry_ShowsTheNoticeAndTheQueuePlace()
    {
        var (companyId, owner) = await CompanyAsync("overview");
        var today = new DateOnly(2027, 3, 1);
        app.Factory.Clock.SetToday(today);
        try
        {
            await using (var db = app.Database.CreateContext())
            {
                var company = await db.Companies.SingleAsync(c => c.Id == companyId);
                var office = Space.Create(company.SiteId, "OV-" + Key(companyId), SpaceKind.Office, 1, 20m, 3, 2500m);
                db.Spaces.Add(office);
                await db.SaveChangesAsync();
                db.Assignments.Add(Assignment.Create(office, company, new DateRange(today.AddMonths(-10), today.AddDays(EndingSoon.DashboardWithinDays - 10)), monthlyRent: 2500m));
                db.WaitingList.Add(WaitingListEntry.Create(company, SpaceKind.Coworking, 2, today.AddDays(-3)));
                await db.SaveChangesAsync();
            }

            using var client = await SignInAsync(owner.Email);
            var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/company/{companyId}"));

            var lastDay = Display.Day(today.AddDays(EndingSoon.DashboardWithinDays - 11));
            Assert.Contains(Text("CompanyPage.EndingSoon", "OV-" + Key(companyId), lastDay, Display.Count(EndingSoon.DashboardWithinDays)), html, StringComparison.Ordinal);
            using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
            var list = WebUtility.HtmlDecode(await manager.GetStringAsync("/manage/tanger/waiting-list"));
            var rows = Regex.Matches(list, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline).Skip(1).ToList();
            var name = await NameAsync(companyId);
            var position = rows.FindIndex(r => r.Value.Contains(name, StringComparison.Ordinal)) + 1;
            Assert.True(position > 0, "The company is on the site's waiting list page.");
            Assert.Contains(Text("CompanyPage.Waiting", Display.Count(position), Display.Count(rows.Count), "Technopark Tanger",
                Text("SpaceKind.Coworking"), Display.Count(2), Display.Day(today.AddDays(-3))), html, StringComparison.Ordinal);
            Assert.Contains(Text("Money.Amount", 2500m.ToString("N2", Display.NumbersOf(new CultureInfo("fr")))), html, StringComparison.Ordinal);
        }
        finally
        {
            app.Factory.Clock.Reset();
        }
    }

    [Fact]
    public async Task Overview_Alumnus_ReadOnlyWithExitDateAndNoTeamChanges()
    {
        var alumni = (await Personas.CompaniesAsync(app.Factory)).Alumni;
        using var client = await Personas.ClientAsync(app.Factory, Persona.Alumnus);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/company/{alumni}"));

        Assert.Contains(Text("CompanyPage.Left", Display.Day(Personas.AlumniExitedOn), Text("ExitReason.Graduated")), html, StringComparison.Ordinal);
        var team = await client.GetStringAsync($"/company/{alumni}/team");
        Assert.DoesNotContain("handler=Invite", team, StringComparison.Ordinal);
        using var invite = await Personas.PostFormAsync(client, $"/company/{alumni}/team?handler=Invite", new() { ["Invite.Email"] = "x@test.technopark.ma" }, formPage: $"/company/{alumni}/team");
        Assert.Equal(HttpStatusCode.Forbidden, invite.StatusCode);
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string JoinUrl(string token) => $"/company/join/{token}";

    private string Text(string key, params object[] arguments) => ResourceText.Of(app.Factory, key, Cultures.Default, arguments);

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<string> NameAsync(int companyId)
    {
        await using var db = app.Database.CreateContext();
        return await db.Companies.Where(c => c.Id == companyId).Select(c => c.LegalName).SingleAsync();
    }

    /// <summary>An account (confirmed, persona password) for <paramref name="name"/>@test.technopark.ma, created when missing.</summary>
    private async Task<(string Id, string Email)> UserAsync(string name, string? displayName = null)
    {
        var email = $"{name}@test.technopark.ma";
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await users.CreateAsync(user, Personas.Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        return (user.Id, email);
    }

    /// <summary>A new Tanger company owned by a new account.</summary>
    private async Task<(int CompanyId, (string Id, string Email) Owner)> CompanyAsync(string name)
    {
        var owner = await UserAsync(name + ".owner");
        await using var db = app.Database.CreateContext();
        var site = await db.Sites.SingleAsync(s => s.Slug == "tanger");
        var company = Company.Create(site.Id, $"Équipe {name} SARL", CompanyForm.Startup, Sectors.All.First());
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        db.CompanyMembers.Add(CompanyMember.Create(company.Id, owner.Id, CompanyRole.Owner, app.Factory.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        return (company.Id, owner);
    }

    private async Task<int> MemberAsync(int companyId, string name, CompanyRole role, string? displayName = null)
    {
        var user = await UserAsync(name, displayName);
        await using var db = app.Database.CreateContext();
        var member = CompanyMember.Create(companyId, user.Id, role, app.Factory.Clock.GetUtcNow());
        db.CompanyMembers.Add(member);
        await db.SaveChangesAsync();
        return member.Id;
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signIn = await Personas.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Personas.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>Invites through the team page and returns the token of the link emailed.</summary>
    private async Task<string> InviteAsync(HttpClient owner, int companyId, string email, CompanyRole role)
    {
        var team = $"/company/{companyId}/team";
        using var response = await Personas.PostFormAsync(owner, $"{team}?handler=Invite", new() { ["Invite.Email"] = email, ["Invite.Role"] = role.ToString() }, formPage: team);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var mail = await db.Outbox.Where(m => m.To == email).OrderByDescending(m => m.Id).FirstAsync();
        return JoinLink().Match(mail.TextBody) is { Success: true } link ? link.Groups[1].Value : throw new InvalidOperationException("No link in: " + mail.TextBody);
    }

    [GeneratedRegex("/company/join/([A-Za-z0-9_-]+)")]
    private static partial Regex JoinLink();
}
