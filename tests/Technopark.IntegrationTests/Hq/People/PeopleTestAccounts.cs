using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Hq.People;

/// <summary>Accounts for the people pages' tests, their sign-in, and HQ's action forms posted like a browser.</summary>
public static partial class PeopleTestAccounts
{
    /// <summary>A confirmed account with <see cref="AccountsAppFixture.Password"/>, its display name and, if given, a role on a site; its id.</summary>
    public static async Task<string> CreateAsync(WebApplicationFactory<Program> factory, string email, string? displayName = null,
        (string Slug, SiteRole Role)? siteRole = null, bool networkAdmin = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var created = await users.CreateAsync(user, AccountsAppFixture.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        if (siteRole is var (slug, role))
        {
            var db = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
            var siteId = await db.Sites.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
            db.SiteStaff.Add(SiteStaff.Create(user.Id, siteId, role));
            await db.SaveChangesAsync();
        }

        if (networkAdmin)
        {
            Assert.True((await users.AddToRoleAsync(user, Roles.NetworkAdmin)).Succeeded);
        }

        return user.Id;
    }

    public static async Task<string> IdOfAsync(TestDatabase database, string email)
    {
        await using var db = database.CreateContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The sign-in form's answer for this email and password (a client of its own unless one is given).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = AccountsAppFixture.Password) =>
        await Forms.PostAsync(client, "/Identity/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>A client signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> factory, string email)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts one of the person page's forms (<paramref name="handler"/>: Lock, Unlock, RequireReset…).</summary>
    public static Task<HttpResponseMessage> ActAsync(HttpClient hq, string personId, string handler, string? reason, bool confirm = true)
    {
        var fields = new Dictionary<string, string>();
        if (reason is not null)
        {
            fields["Input.Reason"] = reason;
        }

        if (confirm)
        {
            fields["Input.Confirm"] = "true";
        }

        return Personas.PostFormAsync(hq, $"/hq/people/{personId}?handler={handler}", fields, formPage: $"/hq/people/{personId}");
    }

    /// <summary>The ids of the people listed on a page of /hq/people, in order.</summary>
    public static IReadOnlyList<string> Listed(string html) => [.. PersonRow().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr data-person=\"([^\"]+)\"")]
    private static partial Regex PersonRow();
}
