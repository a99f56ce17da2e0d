using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

public class StaffManagementTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Invite_NewPersonToOujda_CreatesTheRoleAnInvitationAndAnAuditEntry()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var oujda = await SiteIdAsync("oujda");

        using var response = await Personas.PostFormAsync(hq, "/hq/staff?handler=Invite", new()
        {
            ["Invite.Email"] = "Jury.Oujda@Test.Technopark.ma",
            ["Invite.SiteId"] = oujda.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Invite.Role"] = "Reviewer",
        }, formPage: "/hq/staff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Email == "jury.oujda@test.technopark.ma");
        Assert.False(user.EmailConfirmed);
        var staff = await db.SiteStaff.SingleAsync(s => s.UserId == user.Id);
        Assert.Equal((oujda, SiteRole.Reviewer), (staff.SiteId, staff.Role));
        var mail = await db.Outbox.SingleAsync(m => m.To == "jury.oujda@test.technopark.ma");
        Assert.Contains("/Identity/Account/ResetPassword?email=", mail.TextBody, StringComparison.Ordinal);
        var key = staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entry = await db.AuditLog.SingleAsync(a => a.Action == "staff.grant" && a.EntityId == key);
        Assert.Equal(oujda, entry.SiteId);
        Assert.NotNull(entry.UserId);
        Assert.Contains("\"site\": \"oujda\"", entry.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeThenRevoke_AreAuditedWithBeforeAndAfter()
    {
        await Personas.EnsureAsync(app.Factory, Persona.ReviewerTanger);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        int id;
        await using (var db = app.Database.CreateContext())
        {
            var userId = await db.Users.Where(u => u.Email == Personas.Email(Persona.ReviewerTanger)).Select(u => u.Id).SingleAsync();
            id = await db.SiteStaff.Where(s => s.UserId == userId).Select(s => s.Id).SingleAsync();
        }

        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using (var change = await Personas.PostFormAsync(hq, $"/hq/staff?handler=Change&id={id}", new() { ["role"] = "SiteManager" }, formPage: "/hq/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(SiteRole.SiteManager, (await db.SiteStaff.SingleAsync(s => s.Id == id)).Role);
            var entry = await db.AuditLog.SingleAsync(a => a.Action == "staff.change" && a.EntityId == key);
            Assert.Contains("Reviewer", entry.Before!, StringComparison.Ordinal);
            Assert.Contains("SiteManager", entry.After!, StringComparison.Ordinal);
        }

        using (var revoke = await Personas.PostFormAsync(hq, $"/hq/staff?handler=Revoke&id={id}", [], formPage: "/hq/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.SiteStaff.AnyAsync(s => s.Id == id));
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "staff.revoke" && a.EntityId == key && a.After == null));
        }
    }

    [Fact]
    public async Task Invite_BadEmail_ShowsTheMessageNextToTheFieldAndSavesNothing()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        await using var db = app.Database.CreateContext();
        var before = await db.SiteStaff.CountAsync();

        using var response = await Personas.PostFormAsync(hq, "/hq/staff?handler=Invite", new()
        {
            ["Invite.Email"] = "not-an-email",
            ["Invite.SiteId"] = "0",
            ["Invite.Role"] = "Reviewer",
        }, formPage: "/hq/staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("id=\"Invite_Email-error\"[^>]*>Cette adresse e-mail n&#x27;est pas valide.|Cette adresse e-mail n'est pas valide.", html);
        Assert.Contains(ResourceText.Of(app.Factory, "Staff.SiteRequired"), html, StringComparison.Ordinal);
        Assert.Equal(before, await db.SiteStaff.CountAsync());
    }

    [Fact]
    public async Task AuditLog_CannotBeChangedOrDeleted()
    {
        await using var db = app.Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO audit_log (at, action, entity_type, entity_id) VALUES (now(), 'test.entry', 'Test', '1')");

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET action = 'rewritten'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "test.entry"));
    }

    private async Task<int> SiteIdAsync(string slug)
    {
        await using var db = app.Database.CreateContext();
        return await db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
    }
}
