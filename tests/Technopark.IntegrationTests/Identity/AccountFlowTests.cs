using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Email;
using Technopark.Web.Identity;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Identity;

public partial class AccountFlowTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private const string LoginFailedFr = "Adresse e-mail ou mot de passe incorrect, ou adresse pas encore confirmée.";

    [Fact]
    public async Task Register_NewEmail_QueuesConfirmLinkThatConfirmsTheAccount()
    {
        using var client = app.CreateClient();
        const string email = "nouvelle@example.ma";

        using var registered = await RegisterAsync(client, email, AccountsAppFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", registered.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var message = Assert.Single(await OutboxForAsync(email));
        var link = ConfirmLinkPattern().Match(message.TextBody);
        Assert.True(link.Success, message.TextBody);
        Assert.Contains("href=\"http://localhost/Identity/Account/ConfirmEmail?", message.HtmlBody, StringComparison.Ordinal);

        using var early = await LoginAsync(client, email, AccountsAppFixture.Password);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains(LoginFailedFr, Forms.Decoded(await early.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var confirmed = await client.GetStringAsync(new Uri(link.Value).PathAndQuery);
        Assert.Contains(ResourceText.Account(app.Factory, "ConfirmEmail.Success"), Forms.Decoded(confirmed), StringComparison.Ordinal);

        using var signedIn = await LoginAsync(client, email, AccountsAppFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ConfirmEmail_TamperedCode_ShowsClearError()
    {
        var user = await app.CreateUserAsync("tampered@example.ma", confirmed: false);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync($"/Identity/Account/ConfirmEmail?userId={user.Id}&code=bm90LWEtdG9rZW4");

        Assert.Contains(ResourceText.Account(app.Factory, "ConfirmEmail.Failed"), Forms.Decoded(html), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.Users.Where(u => u.Id == user.Id).Select(u => u.EmailConfirmed).SingleAsync());
    }

    [Fact]
    public async Task Register_ExistingEmail_SamePageAndWarningEmailInsteadOfConfirmation()
    {
        await app.CreateUserAsync("deja@example.ma");
        using var client = app.CreateClient();

        using var response = await RegisterAsync(client, "deja@example.ma", "Une autre phrase de passe");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/RegisterConfirmation", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var message = Assert.Single(await OutboxForAsync("deja@example.ma"));
        Assert.Contains("Quelqu'un a essayé de créer un compte", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ConfirmEmail", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("court", null, "Le mot de passe doit contenir au moins 10 caractères.")]
    [InlineData("motdepasse", null, "Ce mot de passe fait partie des plus courants")]
    [InlineData("1234567890", null, "Ce mot de passe fait partie des plus courants")]
    [InlineData("short", "en", "The password must be at least 10 characters long.")]
    [InlineData("MotDePasse", "en", "This password is one of the most common ones")]
    public async Task Register_WeakPassword_RejectedNextToTheFieldInTheVisitorsLanguage(string password, string? culture, string expected)
    {
        using var client = app.CreateClient(culture);
        var email = $"faible-{Guid.NewGuid():N}@example.ma";

        using var response = await RegisterAsync(client, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(expected, Forms.FieldError(html, "Input.Password"), StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
        Assert.Empty(await OutboxForAsync(email));
    }

    [Fact]
    public async Task Login_LockedAccount_StaysLockedWithTheMessageOfAnUnknownEmail()
    {
        await app.CreateUserAsync("bloque@example.ma");
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await LoginAsync(client, "bloque@example.ma", "pas le bon mot de passe");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await LoginAsync(client, "bloque@example.ma", AccountsAppFixture.Password);
        using var unknown = await LoginAsync(client, "personne-bloquee@example.ma", AccountsAppFixture.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // not signed in: the lockout holds
        var lockedSummary = Summary(Forms.Decoded(await right.Content.ReadAsStringAsync()));
        Assert.NotEmpty(lockedSummary);
        Assert.Equal(Summary(Forms.Decoded(await unknown.Content.ReadAsStringAsync())), lockedSummary);
    }

    [Fact]
    public async Task Login_UnknownEmailOrWrongPassword_GiveTheIdenticalMessage()
    {
        await app.CreateUserAsync("connu@example.ma");
        using var client = app.CreateClient();

        using var unknown = await LoginAsync(client, "inconnu@example.ma", AccountsAppFixture.Password);
        using var wrong = await LoginAsync(client, "connu@example.ma", "pas le bon mot de passe");

        var unknownHtml = Forms.Decoded(await unknown.Content.ReadAsStringAsync());
        var wrongHtml = Forms.Decoded(await wrong.Content.ReadAsStringAsync());
        Assert.Contains(LoginFailedFr, unknownHtml, StringComparison.Ordinal);
        Assert.Equal(Summary(unknownHtml), Summary(wrongHtml));
    }

    [Fact]
    public async Task Login_ReturnUrlToAnotherSite_RedirectsHomeAfterSignIn()
    {
        await app.CreateUserAsync("redirige@example.ma");
        using var client = app.CreateClient();

        using var response = await LoginAsync(client, "redirige@example.ma", AccountsAppFixture.Password, "https://evil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ForgotPassword_ExistingOrUnknownEmail_IdenticalPage_EmailOnlyForTheAccount()
    {
        await app.CreateUserAsync("oubli@example.ma");
        using var client = app.CreateClient();

        using var unknown = await ForgotAsync(client, "personne@example.ma");
        using var existing = await ForgotAsync(client, "oubli@example.ma");

        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var existingHtml = Forms.WithoutTokens(await existing.Content.ReadAsStringAsync());
        Assert.Contains(ResourceText.Account(app.Factory, "Forgot.Done"), Forms.Decoded(existingHtml), StringComparison.Ordinal);
        Assert.Equal(existingHtml, Forms.WithoutTokens(await unknown.Content.ReadAsStringAsync()));
        Assert.Single(await WaitForOutboxAsync("oubli@example.ma"));
        Assert.Empty(await OutboxForAsync("personne@example.ma")); // served before the known one (one queue, in order)
    }

    [Fact]
    public async Task ResetPassword_LinkFromTheEmail_WorksOnceAndConfirmsTheAddress()
    {
        await app.CreateUserAsync("reinit@example.ma", confirmed: false);
        using var client = app.CreateClient();
        using (await ForgotAsync(client, "reinit@example.ma"))
        {
        }

        var link = ResetLinkPattern().Match(Assert.Single(await WaitForOutboxAsync("reinit@example.ma")).TextBody);
        Assert.True(link.Success);
        var url = new Uri(link.Value).PathAndQuery;
        var code = Uri.UnescapeDataString(Regex.Match(url, "code=([^&]+)").Groups[1].Value);
        const string newPassword = "Nouvelle phrase de passe solide";

        using var first = await ResetAsync(client, url, "reinit@example.ma", code, newPassword);
        using var second = await ResetAsync(client, url, "reinit@example.ma", code, "Encore une autre phrase");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/Identity/Account/ResetPasswordConfirmation", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(ResourceText.Account(app.Factory, "Reset.Failed"), Forms.Decoded(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var signedIn = await LoginAsync(client, "reinit@example.ma", newPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_UnknownEmail_SameErrorAsABadCode()
    {
        await app.CreateUserAsync("vrai@example.ma");
        using var client = app.CreateClient();
        const string url = "/Identity/Account/ResetPassword?email=x&code=YWJj";

        using var unknown = await ResetAsync(client, url, "faux@example.ma", "YWJj", "Nouvelle phrase de passe solide");
        using var badCode = await ResetAsync(client, url, "vrai@example.ma", "YWJj", "Nouvelle phrase de passe solide");

        var unknownHtml = Forms.Decoded(await unknown.Content.ReadAsStringAsync());
        Assert.Contains(ResourceText.Account(app.Factory, "Reset.Failed"), unknownHtml, StringComparison.Ordinal);
        Assert.Equal(Summary(unknownHtml), Summary(Forms.Decoded(await badCode.Content.ReadAsStringAsync())));
    }

    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/Identity/Account/ForgotPassword")]
    public async Task Post_WithoutAntiforgeryToken_Returns400(string url)
    {
        using var client = app.CreateClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "csrf@example.ma",
            ["Input.Password"] = AccountsAppFixture.Password,
            ["Input.ConfirmPassword"] = AccountsAppFixture.Password,
        });

        using var response = await client.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await OutboxForAsync("csrf@example.ma"));
    }

    [Fact]
    public void CommonPasswords_ListHoldsAtLeastAThousand_AndTheTopOnes()
    {
        Assert.True(CommonPasswordValidator.Count >= 1000, $"{CommonPasswordValidator.Count} passwords");
        foreach (var password in new[] { "123456", "password", "AZERTY", "motdepasse", "soleil", "qwerty123" })
        {
            Assert.True(CommonPasswordValidator.IsCommon(password), password);
        }

        Assert.False(CommonPasswordValidator.IsCommon(AccountsAppFixture.Password));
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Test",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string returnUrl = "/") =>
        Forms.PostAsync(client, $"/Identity/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    private static Task<HttpResponseMessage> ForgotAsync(HttpClient client, string email) =>
        Forms.PostAsync(client, "/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });

    private static Task<HttpResponseMessage> ResetAsync(HttpClient client, string url, string email, string code, string password) =>
        Forms.PostAsync(client, url, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Code"] = code,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private async Task<List<OutboxMessage>> OutboxForAsync(string email)
    {
        await using var db = app.Database.CreateContext();
        return await db.Outbox.AsNoTracking().Where(m => m.To == email).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The reset emails are written off the request (AccountEmailWorker): wait for them, 10 s at most.</summary>
    private async Task<List<OutboxMessage>> WaitForOutboxAsync(string email)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await OutboxForAsync(email) is { Count: > 0 } messages)
            {
                return messages;
            }

            await Task.Delay(100);
        }

        return [];
    }

    private static string Summary(string html) =>
        Regex.Match(html, "<div class=\"alert alert-danger[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;

    [GeneratedRegex(@"http://localhost/Identity/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLinkPattern();

    [GeneratedRegex(@"http://localhost/Identity/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLinkPattern();
}
