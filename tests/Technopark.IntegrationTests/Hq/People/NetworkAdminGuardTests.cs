using System.Net;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Hq.People.PeopleTestAccounts;

namespace Technopark.IntegrationTests.Hq.People;

/// <summary>HQ cannot take its own NetworkAdmin role; giving and taking the role; each test with NetworkAdmins of its own.</summary>
public sealed class NetworkAdminGuardTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Theory]
    [InlineData("RevokeAdmin", "revoke-admin-reason")]
    [InlineData("RemoveRoles", "remove-roles-reason")]
    public async Task RemoveOwnAdmin_Refused(string handler, string field)
    {
        await Personas.EnsureAsync(app.Factory, Persona.NetworkAdmin);
        var email = $"self.{handler.ToLowerInvariant()}@guard.test";
        var me = await CreateAsync(app.Factory, email, siteRole: ("tanger", SiteRole.Reviewer), networkAdmin: true);
        using var hq = await ClientAsync(app.Factory, email);

        using var response = await ActAsync(hq, me, handler, "Je pars");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "People.CannotRemoveOwnAdmin"), Forms.FieldError(await response.Content.ReadAsStringAsync(), field));
        await using var db = app.Database.CreateContext();
        Assert.True(await IsAdminAsync(me));
        Assert.True(await db.SiteStaff.AnyAsync(s => s.UserId == me));
        Assert.False(await db.AuditLog.AnyAsync(a => a.EntityId == me));
        using var stillHq = await hq.GetAsync("/hq/people");
        Assert.Equal(HttpStatusCode.OK, stillHq.StatusCode);
    }

    [Fact]
    public async Task GrantThenRevoke_TheNewAdminOpensHqThenTakesTheFormerOnesRole()
    {
        await Personas.EnsureAsync(app.Factory, Persona.NetworkAdmin);
        var first = await CreateAsync(app.Factory, "first.hq@guard.test", networkAdmin: true);
        var second = await CreateAsync(app.Factory, "second.hq@guard.test");
        using var hq1 = await ClientAsync(app.Factory, "first.hq@guard.test");

        using (var granted = await ActAsync(hq1, second, "GrantAdmin", "Nouvelle directrice"))
        {
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        }

        using var hq2 = await ClientAsync(app.Factory, "second.hq@guard.test");
        using (var revoked = await ActAsync(hq2, first, "RevokeAdmin", "Départ"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        using (var ended = await hq1.GetAsync("/hq/people"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode); // the former admin's session ended with the role
        }

        Assert.False(await IsAdminAsync(first));
        Assert.True(await IsAdminAsync(second));
        await using var db = app.Database.CreateContext();
        Assert.Contains("Nouvelle directrice", (await db.AuditLog.SingleAsync(a => a.EntityId == second && a.Action == "account.admin-grant")).After, StringComparison.Ordinal);
        Assert.Contains("Départ", (await db.AuditLog.SingleAsync(a => a.EntityId == first && a.Action == "account.admin-revoke")).After, StringComparison.Ordinal);
    }

    private async Task<bool> IsAdminAsync(string userId)
    {
        await using var db = app.Database.CreateContext();
        return await db.UserRoles.AnyAsync(r => r.UserId == userId && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.NetworkAdmin));
    }
}
