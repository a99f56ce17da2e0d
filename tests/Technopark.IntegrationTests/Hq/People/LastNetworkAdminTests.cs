using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Staff;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Hq.People.PeopleTestAccounts;

namespace Technopark.IntegrationTests.Hq.People;

/// <summary>
/// Two NetworkAdmins, and no one else, take each other's role (or lock each other) at the same moment: the changes go one at a
/// time under the role's row lock, so one wins and the network keeps an administrator who can sign in.
/// </summary>
public sealed class LastNetworkAdminTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task RevokeEachOther_AtOnce_OneNetworkAdminRemains()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(Roles.NetworkAdmin))
            {
                Assert.True((await roles.CreateAsync(new IdentityRole(Roles.NetworkAdmin))).Succeeded);
            }
        }

        var a = await CreateAsync(app.Factory, "a.hq@last.test", networkAdmin: true);
        var b = await CreateAsync(app.Factory, "b.hq@last.test", networkAdmin: true);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(2, await AdminsAsync(db)); // nobody else: the two are the network's last administrators
        }

        using var hqA = await ClientAsync(app.Factory, "a.hq@last.test");
        using var hqB = await ClientAsync(app.Factory, "b.hq@last.test");
        var answers = await Task.WhenAll(PostAsync(hqA, b, "RevokeAdmin"), PostAsync(hqB, a, "RevokeAdmin"));

        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await AdminsAsync(db));
        }

        Assert.Single(answers, done => done); // the other: refused, or already signed out by the first (its stamp changed)

        // The survivor cannot remove its own role: the last NetworkAdmin keeps it.
        var survivor = answers[0] ? (Client: hqA, Id: a) : (Client: hqB, Id: b);
        using var own = await ActAsync(survivor.Client, survivor.Id, "RevokeAdmin", "Personne d'autre");
        Assert.Equal(ResourceText.Of(app.Factory, "People.CannotRemoveOwnAdmin"), Forms.FieldError(await own.Content.ReadAsStringAsync(), "revoke-admin-reason"));

        // Nor lock each other at once: one is locked, the other can still sign in.
        var c = await CreateAsync(app.Factory, "c.hq@last.test", networkAdmin: true);
        var d = await CreateAsync(app.Factory, "d.hq@last.test", networkAdmin: true);
        using var hqC = await ClientAsync(app.Factory, "c.hq@last.test");
        using var hqD = await ClientAsync(app.Factory, "d.hq@last.test");
        var locks = await Task.WhenAll(PostAsync(hqC, d, "Lock"), PostAsync(hqD, c, "Lock"));
        Assert.Single(locks, done => done);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await db.Users.CountAsync(u => (u.Id == c || u.Id == d) && u.LockoutEnd != null));
        }
    }

    /// <summary>Takes the form's token first, so that the two posts leave together; whether the action was done (back to the page).</summary>
    private static async Task<bool> PostAsync(HttpClient client, string personId, string handler)
    {
        var token = Personas.Token(await client.GetStringAsync($"/hq/people/{personId}"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Reason"] = "En même temps",
            ["Input.Confirm"] = "true",
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync($"/hq/people/{personId}?handler={handler}", content);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/hq/people/", StringComparison.Ordinal) == true;
    }

    private static Task<int> AdminsAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db) =>
        db.UserRoles.CountAsync(r => db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.NetworkAdmin));
}
