using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Email;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Email;

namespace Technopark.Web.Identity;

/// <summary>
/// The account emails (confirm address, already registered, reset password), queued in the outbox in
/// the visitor's language with absolute links to this site. They are saved with the caller's SaveChanges.
/// </summary>
public sealed class AccountEmails(
    UserManager<ApplicationUser> users,
    EmailOutbox outbox,
    IHttpContextAccessor http,
    IStringLocalizer<AccountResource> text)
{
    public async Task QueueConfirmationAsync(ApplicationUser user, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link("/Identity/Account/ConfirmEmail",
            $"userId={Uri.EscapeDataString(user.Id)}&code={code}&returnUrl={Uri.EscapeDataString(returnUrl ?? "/")}");
        Queue(user.Email!, text["Email.Confirm.Subject"], text["Email.Confirm.Body", link]);
    }

    public void QueueAlreadyRegistered(string email) =>
        Queue(email, text["Email.Exists.Subject"],
            text["Email.Exists.Body", Link("/Identity/Account/Login", null), Link("/Identity/Account/ForgotPassword", null)]);

    public async Task QueuePasswordResetAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link("/Identity/Account/ResetPassword", $"email={Uri.EscapeDataString(user.Email!)}&code={code}");
        Queue(user.Email!, text["Email.Reset.Subject"], text["Email.Reset.Body", link]);
    }

    /// <summary>Token → URL-safe code (the pages decode it with <see cref="TryDecode"/>).</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static bool TryDecode(string? code, out string token)
    {
        token = string.Empty;
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void Queue(string to, string subject, string body) => outbox.EnqueueText(to, subject, body);

    private string Link(string path, string? query)
    {
        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Account emails are built during a request.");
        var link = $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
        return query is null ? link : $"{link}?{query}";
    }
}
