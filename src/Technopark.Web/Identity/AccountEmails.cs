using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Email;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Email;
using Technopark.Web.Hosting;

namespace Technopark.Web.Identity;

/// <summary>
/// The account emails (confirm address, already registered, reset password), queued in the outbox in
/// the current UI language with absolute links under the configured public base URL (never the request's
/// Host). They are saved with the caller's SaveChanges.
/// </summary>
public sealed class AccountEmails(
    UserManager<ApplicationUser> users,
    EmailOutbox outbox,
    PublicUrls urls,
    IStringLocalizer<AccountResource> text)
{
    public async Task QueueConfirmationAsync(ApplicationUser user, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = urls.Account("/Account/ConfirmEmail", new { userId = user.Id, code, returnUrl = returnUrl ?? "/" });
        Queue(user.Email!, text["Email.Confirm.Subject"], text["Email.Confirm.Body", link]);
    }

    public void QueueAlreadyRegistered(string email) =>
        Queue(email, text["Email.Exists.Subject"],
            text["Email.Exists.Body", urls.Account("/Account/Login"), urls.Account("/Account/ForgotPassword")]);

    public async Task QueuePasswordResetAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = urls.Account("/Account/ResetPassword", new { email = user.Email, code });
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
}
