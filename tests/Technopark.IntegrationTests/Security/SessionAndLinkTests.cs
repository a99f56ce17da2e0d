using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Email;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using Technopark.Web.Identity;

namespace Technopark.IntegrationTests.Security;

/// <summary>
/// Issue 11: a session ends everywhere when it must (sign-out, password change, lockout, role taken away),
/// and the links in emails never come from the request's Host header.
/// </summary>
public sealed class SessionAndLinkTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static readonly Uri Local = new("http://localhost");

    [Fact]
    public async Task Logout_CookieCapturedBefore_NoLongerOpensTheSite()
    {
        var (client, cookies) = await SignInAsync(app.Factory, Persona.ManagerOujda);
        var captured = cookies.GetCookieHeader(Local);
        using (var before = await Replay(app.Factory, captured, "/manage/oujda"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var logout = await Personas.PostFormAsync(client, "/Identity/Account/Logout", new()))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using var after = await Replay(app.Factory, captured, "/manage/oujda");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Identity/Account/Login", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
        client.Dispose();
    }

    [Fact]
    public async Task SignInCookie_KeptOnceRead_AnAlteredCopyStillRefused()
    {
        var format = app.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        Assert.IsType<KeptTickets>(format);
        var (client, cookies) = await SignInAsync(app.Factory, Persona.ManagerOujda);
        var cookie = cookies.GetCookies(Local)["technopark.auth"]!.Value;
        using (var read = await Replay(app.Factory, $"technopark.auth={cookie}", "/manage/oujda"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // The same text but one character: not the kept cookie, and it does not decrypt.
        var altered = cookie[..^3] + (cookie[^3] == 'A' ? 'B' : 'A') + cookie[^2..];
        using var refused = await Replay(app.Factory, $"technopark.auth={altered}", "/manage/oujda");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Identity/Account/Login", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        client.Dispose();
    }

    [Fact]
    public async Task ChangePassword_InOneSession_EndsTheOtherButNotThisOne()
    {
        var email = "deux-sessions@example.ma";
        await app.CreateUserAsync(email);
        var (first, firstCookies) = await SignInAsync(app.Factory, email, AccountsAppFixture.Password);
        var (second, _) = await SignInAsync(app.Factory, email, AccountsAppFixture.Password);
        var old = firstCookies.GetCookieHeader(Local);

        using (var changed = await Personas.PostFormAsync(second, "/Identity/Account/Manage/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = AccountsAppFixture.Password,
            ["Input.NewPassword"] = "Une autre phrase de passe assez longue",
            ["Input.ConfirmPassword"] = "Une autre phrase de passe assez longue",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var other = await Replay(app.Factory, old, "/Identity/Account/Manage");
        using var same = await second.GetAsync("/Identity/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Lockout_WhileSignedIn_EndsTheSession()
    {
        var email = "verrou@example.ma";
        await app.CreateUserAsync(email);
        var (client, _) = await SignInAsync(app.Factory, email, AccountsAppFixture.Password);
        using (var before = await client.GetAsync("/Identity/Account/Manage"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the session is found valid, and remembered
        }

        using var guesser = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Personas.PostFormAsync(guesser, "/Identity/Account/Login", new()
            {
                ["Input.Email"] = email,
                ["Input.Password"] = "pas le bon mot de passe",
            });
        }

        using var after = await client.GetAsync("/Identity/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task LockoutByRawSql_WhileSignedIn_EndsTheRememberedSessionWithinASecond()
    {
        var email = "verrou-sql@example.ma";
        await app.CreateUserAsync(email);
        var (client, _) = await SignInAsync(app.Factory, email, AccountsAppFixture.Password);
        for (var i = 0; i < 2; i++)
        {
            using var before = await client.GetAsync("/Identity/Account/Manage");
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // found valid, then served as remembered
        }

        // Not through the app: another instance, or an operator (the trigger of migration AccountsNotify tells every instance).
        await using (var connection = new Npgsql.NpgsqlConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var lockout = new Npgsql.NpgsqlCommand(
                "UPDATE \"AspNetUsers\" SET lockout_end = '2100-01-01T00:00:00Z' WHERE normalized_email = upper(@email)", connection);
            lockout.Parameters.AddWithValue("email", email);
            Assert.Equal(1, await lockout.ExecuteNonQueryAsync());
        }

        var status = await Eventually.AnswerAsync(async () =>
        {
            using var after = await client.GetAsync("/Identity/Account/Manage");
            return after.StatusCode;
        }, s => s != HttpStatusCode.OK, TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, status);
        client.Dispose();
    }

    [Fact]
    public async Task RevokeStaff_RoleTakenAway_EndsThePersonsSessions()
    {
        var (manager, cookies) = await SignInAsync(app.Factory, Persona.ManagerTanger);
        var captured = cookies.GetCookieHeader(Local);
        using (var before = await Replay(app.Factory, captured, "/Identity/Account/Manage"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the session is found valid, and remembered
        }

        int staffId;
        await using (var db = app.Database.CreateContext())
        {
            var userId = await db.Users.Where(u => u.Email == Personas.Email(Persona.ManagerTanger)).Select(u => u.Id).SingleAsync();
            staffId = await db.SiteStaff.Where(s => s.UserId == userId && s.Role == SiteRole.SiteManager).Select(s => s.Id).SingleAsync();
        }

        var (hq, _) = await SignInAsync(app.Factory, Persona.NetworkAdmin);
        using (var revoked = await Personas.PostFormAsync(hq, "/hq/staff?handler=Revoke", new() { ["id"] = staffId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/hq/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        using var after = await Replay(app.Factory, captured, "/Identity/Account/Manage");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        manager.Dispose();
        hq.Dispose();
    }

    [Fact]
    public async Task AnyPage_ForgedHostHeader_Refused()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/Identity/Account/ForgotPassword");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_ForgedHostWhereEveryHostIsAllowed_LinkUsesThePublicBaseUrl()
    {
        const string email = "hote@example.ma";
        await app.CreateUserAsync(email);
        using var factory = app.Factory.WithWebHostBuilder(b => b
            .UseSetting("AllowedHosts", "*")
            .UseSetting("App:PublicBaseUrl", "https://technopark.example"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false });

        using var response = await Forms.PostAsync(client, "/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await WaitForOutboxAsync(email);
        Assert.Contains("https://technopark.example/Identity/Account/ResetPassword?", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", message.TextBody + message.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForgotPassword_KnownOrUnknownEmail_TheRequestItselfSendsNoSqlCommand()
    {
        const string email = "silence@example.ma";
        await app.CreateUserAsync(email);
        var counter = new SqlCommandCounter();
        using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(counter)));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        const string path = "/Identity/Account/ForgotPassword";
        using (await client.GetAsync(path))
        {
        }

        var counts = new List<int>();
        foreach (var address in new[] { email, "inconnu-silence@example.ma" })
        {
            counter.Reset();
            using var response = await Forms.PostAsync(client, path, new Dictionary<string, string> { ["Input.Email"] = address });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(counter.For(path)); // the GET of the form and the POST: the account is looked up off the request
        }

        Assert.Equal([0, 0], counts);
        Assert.NotNull(await WaitForOutboxAsync(email)); // and the email is still written, by the worker
    }

    [Fact]
    public async Task ResendConfirmation_KnownOrUnknownEmail_TheRequestItselfSendsNoSqlCommand()
    {
        const string unconfirmed = "pas-encore@example.ma";
        const string confirmed = "deja-confirme@example.ma";
        await app.CreateUserAsync(unconfirmed, confirmed: false);
        await app.CreateUserAsync(confirmed);
        var counter = new SqlCommandCounter();
        using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(counter)));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        const string path = "/Identity/Account/ResendEmailConfirmation";
        using (await client.GetAsync(path))
        {
        }

        var counts = new List<int>();
        // The worker serves requests in order: once the unconfirmed account's link (asked last) is written, the others were served.
        foreach (var address in new[] { confirmed, "inconnu-confirmation@example.ma", unconfirmed })
        {
            counter.Reset();
            using var response = await Forms.PostAsync(client, path, new Dictionary<string, string> { ["Input.Email"] = address });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(counter.For(path));
        }

        Assert.Equal([0, 0, 0], counts);
        var message = await WaitForOutboxAsync(unconfirmed);
        Assert.Contains("/Identity/Account/ConfirmEmail", message.TextBody, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Set<OutboxMessage>().AnyAsync(m => m.To == confirmed)); // a confirmed account gets no new link
    }

    private static async Task<(HttpClient Client, System.Net.CookieContainer Cookies)> SignInAsync(WebApplicationFactory<Program> factory, Persona persona)
    {
        await Personas.EnsureAsync(factory, persona);
        return await SignInAsync(factory, Personas.Email(persona), Personas.Password);
    }

    private static async Task<(HttpClient Client, System.Net.CookieContainer Cookies)> SignInAsync(WebApplicationFactory<Program> factory, string email, string password)
    {
        var cookies = new System.Net.CookieContainer();
        var client = factory.CreateDefaultClient(Local, new CookieContainerHandler(cookies));
        using var response = await Personas.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, cookies);
    }

    /// <summary>A GET from another client carrying only the captured cookies (an attacker's copy).</summary>
    private static async Task<HttpResponseMessage> Replay(WebApplicationFactory<Program> factory, string cookies, string url)
    {
        using var client = factory.CreateDefaultClient(Local);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    private async Task<OutboxMessage> WaitForOutboxAsync(string email)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = app.Database.CreateContext();
            if (await db.Outbox.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.Id).FirstOrDefaultAsync() is { } message)
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No email to {email} within 10 s.");
    }
}
