using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo logins of DESIGN.md, seeded only in demo mode (never in Production), with the password
/// from TECHNOPARK_DEMO_PASSWORD (default Demo-Technopark-2026). Existing accounts are left alone.
/// </summary>
public sealed class DemoAccounts(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    TechnoparkDbContext db,
    IConfiguration configuration) : IDemoSeeder
{
    public const string DefaultPassword = "Demo-Technopark-2026";

    /// <summary>
    /// Role is the Identity role (NetworkAdmin only); Site and SiteRole make the person's <c>site_staff</c> row,
    /// which is what site authorization reads.
    /// </summary>
    public static readonly IReadOnlyList<(string Email, string Name, string? Role, string? Site, SiteRole? SiteRole)> Accounts =
    [
        ("hq@technopark.ma", "Siège Technopark", Roles.NetworkAdmin, null, null),
        ("manager.tanger@technopark.ma", "Responsable Tanger", null, "tanger", SiteRole.SiteManager),
        ("manager.oujda@technopark.ma", "Responsable Oujda", null, "oujda", SiteRole.SiteManager),
        ("reviewer.tanger@technopark.ma", "Évaluatrice Tanger", null, "tanger", SiteRole.Reviewer),
        ("reviewer.oujda@technopark.ma", "Évaluateur Oujda", null, "oujda", SiteRole.Reviewer),
        ("startup@technopark.ma", "Porteuse de projet", null, null, null),
        (DemoProgrammes.Coach, "Coach Tanger", null, "tanger", SiteRole.Coach),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await roles.RoleExistsAsync(Roles.NetworkAdmin))
        {
            Check(await roles.CreateAsync(new IdentityRole(Roles.NetworkAdmin)));
        }

        var password = configuration["TECHNOPARK_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DefaultPassword;
        foreach (var (email, name, role, slug, siteRole) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, password));
            if (role is not null)
            {
                Check(await users.AddToRoleAsync(user, role));
            }

            if (slug is not null && siteRole is { } r)
            {
                var siteId = await db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(cancellationToken);
                db.SiteStaff.Add(SiteStaff.Create(user.Id, siteId, r));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo account seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
