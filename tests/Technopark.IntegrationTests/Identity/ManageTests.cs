using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Identity;

public partial class ManageTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task Manage_Anonymous_RedirectsToSignIn()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/Identity/Account/Manage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Identity/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_ErrorBesideTheField_RightOneChangesIt()
    {
        await app.CreateUserAsync("change@example.ma");
        using var client = await SignedInAsync("change@example.ma");
        const string newPassword = "Ma toute nouvelle phrase secrète";

        using var wrong = await ChangeAsync(client, "pas le bon mot de passe", newPassword);
        using var right = await ChangeAsync(client, AccountsAppFixture.Password, newPassword);

        Assert.Equal("Mot de passe incorrect.", Forms.FieldError(await wrong.Content.ReadAsStringAsync(), "Input.CurrentPassword"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        using var again = app.CreateClient();
        using var signIn = await LoginAsync(again, "change@example.ma", newPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task EnableAuthenticator_ValidCode_TurnsOn2fa_ThenSignInAsksForTheCode()
    {
        await app.CreateUserAsync("totp@example.ma");
        using var client = await SignedInAsync("totp@example.ma");
        var setup = await client.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.Contains("otpauth://totp/Technopark:totp%40example.ma?secret=", WebUtility.HtmlDecode(setup), StringComparison.Ordinal);

        using var enabled = await Forms.PostAsync(client, "/Identity/Account/Manage/EnableAuthenticator",
            new Dictionary<string, string> { ["Input.Code"] = Totp(key, Now) });

        var html = await enabled.Content.ReadAsStringAsync();
        Assert.Equal(10, Regex.Count(html, "<li class=\"col-6 col-md-4\">"));
        using var fresh = app.CreateClient();
        using var password = await LoginAsync(fresh, "totp@example.ma", AccountsAppFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        using var badCode = await Forms.PostAsync(fresh, password.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["Input.Code"] = "000000" == Totp(key, Now) ? "111111" : "000000" });
        Assert.Contains(ResourceText.Account(app.Factory, "LoginWith2fa.Invalid"), WebUtility.HtmlDecode(await badCode.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var goodCode = await Forms.PostAsync(fresh, password.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["Input.Code"] = Totp(key, Now) });
        Assert.Equal(HttpStatusCode.Redirect, goodCode.StatusCode);
        Assert.Equal("/", goodCode.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndDisabling2faStopsTheSecondStep()
    {
        await app.CreateUserAsync("recovery@example.ma");
        using var client = await SignedInAsync("recovery@example.ma");
        var setup = await client.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        using var enabled = await Forms.PostAsync(client, "/Identity/Account/Manage/EnableAuthenticator",
            new Dictionary<string, string> { ["Input.Code"] = Totp(key, Now) });
        var code = Regex.Match(await enabled.Content.ReadAsStringAsync(), "<li class=\"col-6 col-md-4\">([^<]+)</li>").Groups[1].Value.Trim();
        Assert.NotEmpty(code);

        using var first = app.CreateClient();
        using (var password = await LoginAsync(first, "recovery@example.ma", AccountsAppFixture.Password))
        {
            Assert.StartsWith("/Identity/Account/LoginWith2fa", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var recovered = await Forms.PostAsync(first, "/Identity/Account/LoginWithRecoveryCode",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = code });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);

        using var second = app.CreateClient();
        using (await LoginAsync(second, "recovery@example.ma", AccountsAppFixture.Password))
        {
        }

        using var reused = await Forms.PostAsync(second, "/Identity/Account/LoginWithRecoveryCode",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = code });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode); // refused: a recovery code works once
        Assert.Contains(ResourceText.Account(app.Factory, "LoginWithRecovery.Invalid"), WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var disabled = await Forms.PostAsync(first, "/Identity/Account/Manage/Disable2fa", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using var third = app.CreateClient();
        using var plain = await LoginAsync(third, "recovery@example.ma", AccountsAppFixture.Password);
        Assert.Equal("/", plain.Headers.Location?.OriginalString);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateClient();
        using var response = await LoginAsync(client, email, AccountsAppFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/Identity/Account/Login?returnUrl=%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string current, string next) =>
        Forms.PostAsync(client, "/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });

    /// <summary>"Now" as the app reads it: its TimeProvider (the tests' clock), which the authenticator check uses too.</summary>
    private DateTimeOffset Now => app.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 key, as an authenticator app computes it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6238 TOTP is defined on HMAC-SHA1, as Identity's authenticator provider.")]
    private static string Totp(string base32Key, DateTimeOffset now)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(now.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<kbd id=\"shared-key\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex KeyPattern();
}
