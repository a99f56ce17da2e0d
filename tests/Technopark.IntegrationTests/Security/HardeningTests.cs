using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

public class HardeningTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/sites")]
    [InlineData("/sites/nowhere")]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string url)
    {
        using var client = app.Factory.CreateClient();

        using var response = await client.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Https_OutsideDevelopment_SendsHstsForOneYear()
    {
        // HSTS is never sent to localhost: a public host, allowed because it is the configured public base URL.
        using var factory = app.Factory.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", "https://technopark.test"));
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://technopark.test") });

        using var response = await client.GetAsync("/");

        Assert.Contains("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_HaveNoInlineScript()
    {
        using var client = app.Factory.CreateClient();

        var html = await client.GetStringAsync("/sites/tanger");

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_Anonymous_Gets401ProblemJsonNotARedirect()
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/v1/occupancy?on=2026-11-26");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Api_SiteManager_Gets403ProblemJson()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await client.GetAsync("/api/v1/occupancy?on=2026-11-26");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_BadDate_Gets400Problem()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await client.GetAsync("/api/v1/occupancy?on=26/11/2026");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_Is400AndChangesNothing()
    {
        using var client = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        await using var db = app.Database.CreateContext();
        var before = await db.SiteStaff.CountAsync();

        using var response = await client.PostAsync("/hq/staff?handler=Invite", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Invite.Email"] = "nobody@test.technopark.ma",
            ["Invite.SiteId"] = "1",
            ["Invite.Role"] = "Reviewer",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ResourceText.Of(app.Factory, "Status.Other.Title"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the friendly page, despite ?handler=
        Assert.Equal(before, await db.SiteStaff.CountAsync());
    }

    [Fact]
    public async Task SignIn_CookieIsHttpOnlyAndSameSiteLax()
    {
        await Personas.EnsureAsync(app.Factory, Persona.Applicant);
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/Identity/Account/Login");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var token = Personas.Token(await page.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = Personas.Email(Persona.Applicant),
                ["Input.Password"] = Personas.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);

        using var response = await client.SendAsync(request);

        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("technopark.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example")]
    public async Task Language_ExternalReturnUrl_GoesHomeInstead(string returnUrl)
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        using var response = await Personas.PostFormAsync(client, "/language", new() { ["culture"] = "en", ["returnUrl"] = returnUrl }, formPage: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInPostgreSql()
    {
        using var client = app.Factory.CreateClient();
        await client.GetStringAsync("/Identity/Account/Login"); // issues an antiforgery token, so a key exists

        await using var db = app.Database.CreateContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }
}
