using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data.Migrations;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

/// <summary>
/// One role model: NetworkAdmin is the only Identity role; site managers and reviewers are rows of
/// site_staff, which is what site authorization reads.
/// </summary>
public class RoleModelTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task DemoAccounts_Seeded_NetworkAdminIsTheOnlyIdentityRoleAndSiteRolesAreSiteStaffRows()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var db = app.Database.CreateContext();

        var roleNames = await roles.Roles.Select(r => r.Name).ToListAsync();
        var manager = await users.FindByEmailAsync("manager.tanger@technopark.ma");
        var reviewer = await users.FindByEmailAsync("reviewer.oujda@technopark.ma");
        var hq = await users.FindByEmailAsync("hq@technopark.ma");

        Assert.Equal([Roles.NetworkAdmin], roleNames);
        Assert.Empty(await users.GetRolesAsync(manager!));
        Assert.Empty(await users.GetRolesAsync(reviewer!));
        Assert.Equal([Roles.NetworkAdmin], await users.GetRolesAsync(hq!));
        Assert.Equal(SiteRole.SiteManager, await db.SiteStaff
            .Where(s => s.UserId == manager!.Id && s.SiteId == db.Sites.Single(x => x.Slug == "tanger").Id)
            .Select(s => s.Role).SingleAsync());
        Assert.Equal(SiteRole.Reviewer, await db.SiteStaff
            .Where(s => s.UserId == reviewer!.Id && s.SiteId == db.Sites.Single(x => x.Slug == "oujda").Id)
            .Select(s => s.Role).SingleAsync());
    }

    [Fact]
    public async Task OneRoleModelMigration_UnusedIdentityRolesGiven_DeletesThemAndKeepsNetworkAdmin()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var role in new[] { Roles.NetworkAdmin, "SiteManager", "Reviewer" })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Assert.True((await roles.CreateAsync(new IdentityRole(role))).Succeeded);
            }
        }

        var email = $"old-manager-{Guid.NewGuid():N}@test.technopark.ma";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Personas.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, [Roles.NetworkAdmin, "SiteManager", "Reviewer"])).Succeeded);

        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync(OneRoleModel.RemoveUnusedIdentityRoles);
        }

        await using var after = app.Factory.Services.CreateAsyncScope();
        var rolesAfter = after.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var usersAfter = after.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal([Roles.NetworkAdmin], await rolesAfter.Roles.Select(r => r.Name).ToListAsync());
        Assert.Equal([Roles.NetworkAdmin], await usersAfter.GetRolesAsync((await usersAfter.FindByEmailAsync(email))!));
    }
}
