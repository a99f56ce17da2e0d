using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Companies;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Identity;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using static Technopark.IntegrationTests.Hq.People.PeopleTestAccounts;

namespace Technopark.IntegrationTests.Hq.People;

/// <summary>HQ's actions on /hq/people/{id}: each with a reason, audited, told to the person; the guards against locking oneself.</summary>
public sealed partial class AccountActionsTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private const string Manage = "/Identity/Account/Manage";

    [Fact]
    public async Task Lock_EndsTheOtherSessionAtOnceRefusesSignInUntilUnlocked()
    {
        const string email = "leaked@actions.test";
        var id = await CreateAsync(app.Factory, email);
        using var person = await ClientAsync(app.Factory, email);
        using (var before = await person.GetAsync(Manage))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using (var locked = await ActAsync(hq, id, "Lock", "Mot de passe publié sur un forum"))
        {
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        }

        using (var after = await person.GetAsync(Manage))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.Contains("/Identity/Account/Login", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var stranger = app.CreateClient();
        using (var wrong = await SignInAsync(stranger, email, "Pas le bon mot de passe du tout"))
        {
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Null(ResourceText.Tag(html, "login-locked")); // without the password, nothing tells the account is locked
            Assert.Contains(ResourceText.Account(app.Factory, "Login.Failed"), Forms.Decoded(html), StringComparison.Ordinal);
        }

        using (var right = await SignInAsync(app.CreateClient(), email))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            Assert.Equal(ResourceText.Account(app.Factory, "Login.LockedByHq"), ResourceText.Inner(await right.Content.ReadAsStringAsync(), "login-locked"));
        }

        var list = await hq.GetStringAsync("/hq/people?q=leaked%40actions");
        Assert.Matches($"data-person=\"{id}\"(?:(?!</tr>).)*data-locked", Regex.Replace(list, @"\s+", " "));
        await AssertAuditedAndToldAsync(id, email, "account.lock", "Mot de passe publié sur un forum");

        using (var unlocked = await ActAsync(hq, id, "Unlock", "Mot de passe changé", confirm: false))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        }

        using (var again = await SignInAsync(app.CreateClient(), email))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        await AssertAuditedAndToldAsync(id, email, "account.unlock", "Mot de passe changé");
        var status = await hq.GetStringAsync($"/hq/people/{id}");
        Assert.Null(ResourceText.Tag(status, "unlock"));
        Assert.NotNull(ResourceText.Tag(status, "lock"));
    }

    [Fact]
    public async Task Lock_Self_RefusedBesideTheReasonNothingChanged()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var me = await IdOfAsync(app.Database, Personas.Email(Persona.NetworkAdmin));

        using var response = await ActAsync(hq, me, "Lock", "Essai");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "People.CannotLockSelf"), Forms.FieldError(await response.Content.ReadAsStringAsync(), "lock-reason"));
        await using var db = app.Database.CreateContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == me)).LockoutEnd);
        Assert.False(await db.AuditLog.AnyAsync(a => a.EntityId == me && a.Action == "account.lock"));
        using var stillIn = await hq.GetAsync("/hq/people");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Lock_WithoutReason_MessageBesideTheReason(string? reason)
    {
        var id = await CreateAsync(app.Factory, $"noreason{reason?.Length ?? -1}@actions.test");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await ActAsync(hq, id, "Lock", reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "People.ReasonRequired", "fr", "500"), Forms.FieldError(await response.Content.ReadAsStringAsync(), "lock-reason"));
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task RequireReset_ReasonTooLong_MessageBesideTheReasonTypedTextKept()
    {
        var id = await CreateAsync(app.Factory, "toolong@actions.test");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var reason = new string('r', AccountRules.ReasonMaxLength + 1);

        using var response = await ActAsync(hq, id, "RequireReset", reason);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(ResourceText.Of(app.Factory, "People.ReasonRequired", "fr", "500"), Forms.FieldError(html, "require-reset-reason"));
        Assert.Contains(reason, html, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Forms.FieldError(html, "lock-reason")); // the other forms stay clean
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Lock_WithoutTheConfirmationTick_MessageBesideTheBox()
    {
        var id = await CreateAsync(app.Factory, "unconfirmed@actions.test");
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using var response = await ActAsync(hq, id, "Lock", "Une raison", confirm: false);

        Assert.Equal(ResourceText.Of(app.Factory, "People.ConfirmRequired"), Forms.FieldError(await response.Content.ReadAsStringAsync(), "lock-confirm"));
        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task RequireReset_EndsTheSessionRefusesThePasswordAndTheEmailedLinkLetsThemBackIn()
    {
        const string email = "reset.me@actions.test";
        var id = await CreateAsync(app.Factory, email);
        using var person = await ClientAsync(app.Factory, email);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using (var required = await ActAsync(hq, id, "RequireReset", "Compte partagé"))
        {
            Assert.Equal(HttpStatusCode.Redirect, required.StatusCode);
        }

        using (var after = await person.GetAsync(Manage))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        }

        using (var refused = await SignInAsync(app.CreateClient(), email))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(ResourceText.Account(app.Factory, "Login.ResetRequired"), Forms.Decoded(ResourceText.Inner(html, "login-reset-required")!), StringComparison.Ordinal);
            Assert.Contains("/Identity/Account/ForgotPassword", html, StringComparison.Ordinal);
        }

        var mail = await AssertAuditedAndToldAsync(id, email, "account.reset-required", "Compte partagé");
        var link = new Uri(ResetLink().Match(mail).Value).PathAndQuery;
        var code = Uri.UnescapeDataString(Regex.Match(link, "code=([^&]+)").Groups[1].Value);
        const string newPassword = "Une toute nouvelle phrase secrète";
        using var client = app.CreateClient();
        using (var reset = await Forms.PostAsync(client, link, new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Code"] = code, ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            Assert.False((await db.Users.SingleAsync(u => u.Id == id)).PasswordResetRequired);
        }

        using var signedIn = await SignInAsync(client, email, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task ResetTwoFactor_TurnsItOffForgetsKeyAndCodesAndEndsSessions()
    {
        const string email = "twofactor@actions.test";
        var id = await CreateAsync(app.Factory, email);
        string key, stamp;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            stamp = user.SecurityStamp!;
        }

        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using (var response = await ActAsync(hq, id, "ResetTwoFactor", "Téléphone perdu"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            Assert.False(user.TwoFactorEnabled);
            Assert.NotEqual(stamp, user.SecurityStamp);
            Assert.NotEqual(key, await users.GetAuthenticatorKeyAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
        }

        await AssertAuditedAndToldAsync(id, email, "account.2fa-reset", "Téléphone perdu");
    }

    [Fact]
    public async Task RemoveRoles_SiteRolesGoneTheManagerRefusedCompaniesKept()
    {
        const string email = "former.manager@actions.test";
        var id = await CreateAsync(app.Factory, email, siteRole: ("tanger", SiteRole.SiteManager));
        var companies = await Personas.CompaniesAsync(app.Factory);
        await using (var db = app.Database.CreateContext())
        {
            db.CompanyMembers.Add(CompanyMember.Create(companies.Other, id, CompanyRole.Member, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        using var person = await ClientAsync(app.Factory, email);
        using (var board = await person.GetAsync("/manage/tanger"))
        {
            Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        }

        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        using (var response = await ActAsync(hq, id, "RemoveRoles", "A quitté le réseau"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using (var ended = await person.GetAsync("/manage/tanger"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode); // the session ended
        }

        using var again = await ClientAsync(app.Factory, email);
        using (var refused = await again.GetAsync("/manage/tanger"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.SiteStaff.AnyAsync(s => s.UserId == id));
            Assert.True(await db.CompanyMembers.AnyAsync(m => m.UserId == id && m.CompanyId == companies.Other));
        }

        await AssertAuditedAndToldAsync(id, email, "account.roles-remove", "A quitté le réseau");
    }

    [Fact]
    public async Task SignIn_RecordsItsTime()
    {
        const string email = "signs.in@actions.test";
        var id = await CreateAsync(app.Factory, email);
        var now = app.Clock.GetUtcNow();
        var signedInAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero); // whole seconds: PostgreSQL keeps microseconds
        app.Clock.Set(signedInAt);
        try
        {
            using var client = await ClientAsync(app.Factory, email);

            await using var db = app.Database.CreateContext();
            Assert.Equal(signedInAt, (await db.Users.SingleAsync(u => u.Id == id)).LastSignInAt);
        }
        finally
        {
            app.Clock.Reset(); // the class's other tests read the clock as it was
        }
    }

    [Fact]
    public async Task SignIn_WithARecoveryCode_RecordsItsTimeToo()
    {
        const string email = "recovers@actions.test";
        var id = await CreateAsync(app.Factory, email);
        string code;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1))!.Single();
        }

        using var client = app.CreateClient();
        using (var first = await SignInAsync(client, email))
        {
            Assert.Contains("LoginWith2fa", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        await using (var db = app.Database.CreateContext())
        {
            Assert.Null((await db.Users.SingleAsync(u => u.Id == id)).LastSignInAt); // the password alone did not sign in
        }

        using (var second = await Forms.PostAsync(client, "/Identity/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["Input.RecoveryCode"] = code }))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }

        await using (var db = app.Database.CreateContext())
        {
            Assert.NotNull((await db.Users.SingleAsync(u => u.Id == id)).LastSignInAt);
        }
    }

    [Fact]
    public async Task Lock_TheEmailIsInThePersonsLanguage()
    {
        const string email = "arabic.reader@actions.test";
        var id = await CreateAsync(app.Factory, email);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.AddClaimAsync((await users.FindByIdAsync(id))!, new System.Security.Claims.Claim(Technopark.Web.Identity.UserLanguage.ClaimType, "ar"));
        }

        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        using (var response = await ActAsync(hq, id, "Lock", "سبب"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var db = app.Database.CreateContext();
        var mail = await db.Outbox.SingleAsync(m => m.To == email);
        Assert.Equal(ResourceText.Of(app.Factory, "People.Email.Locked.Subject", "ar"), mail.Subject);
    }

    [Fact]
    public async Task RequireReset_AWrongPassword_GetsTheUsualAnswerAndCountsAsAFailure()
    {
        const string email = "guessed@actions.test";
        var id = await CreateAsync(app.Factory, email);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        using (await ActAsync(hq, id, "RequireReset", "Fuite"))
        {
        }

        using var wrong = await SignInAsync(app.CreateClient(), email, "Une autre phrase au hasard");

        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Null(ResourceText.Tag(html, "login-reset-required"));
        Assert.Contains(ResourceText.Account(app.Factory, "Login.Failed"), Forms.Decoded(html), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(1, (await db.Users.SingleAsync(u => u.Id == id)).AccessFailedCount);
    }

    /// <summary>The action's audit entry (reason in "after") and the person's email with the reason; the email's text.</summary>
    private async Task<string> AssertAuditedAndToldAsync(string id, string email, string action, string reason)
    {
        await using var db = app.Database.CreateContext();
        var entry = await db.AuditLog.SingleAsync(a => a.EntityType == "Account" && a.EntityId == id && a.Action == action);
        Assert.NotNull(entry.Before);
        Assert.Contains(reason, System.Text.Json.JsonDocument.Parse(entry.After!).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.NotNull(entry.UserId);
        var mail = (await db.Outbox.Where(m => m.To == email).OrderBy(m => m.Id).ToListAsync()).Last();
        Assert.Contains(reason, mail.TextBody, StringComparison.Ordinal);
        return mail.TextBody;
    }

    private async Task AssertUnchangedAsync(string id)
    {
        await using var db = app.Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.Id == id);
        Assert.Null(user.LockoutEnd);
        Assert.False(user.PasswordResetRequired);
        Assert.False(await db.AuditLog.AnyAsync(a => a.EntityId == id));
        Assert.False(await db.Outbox.AnyAsync(m => m.To == user.Email));
    }

    [GeneratedRegex(@"http://localhost/Identity/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();
}
