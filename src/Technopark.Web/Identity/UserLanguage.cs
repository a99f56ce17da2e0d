using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Localization;

namespace Technopark.Web.Identity;

/// <summary>
/// The language a person reads the app in, remembered as a claim when they register or switch
/// language, so that emails sent to them by someone else's action (a decision, a message) are in
/// their language rather than the sender's.
/// </summary>
public sealed class UserLanguage(UserManager<ApplicationUser> users, TechnoparkDbContext db)
{
    public const string ClaimType = "technopark:language";

    public async Task RememberAsync(ApplicationUser user, string language)
    {
        if (!Cultures.Names.Contains(language))
        {
            return;
        }

        var claims = await users.GetClaimsAsync(user);
        var current = claims.FirstOrDefault(c => c.Type == ClaimType);
        if (current?.Value == language)
        {
            return;
        }

        if (current is null)
        {
            await users.AddClaimAsync(user, new Claim(ClaimType, language));
        }
        else
        {
            await users.ReplaceClaimAsync(user, current, new Claim(ClaimType, language));
        }
    }

    public async Task RememberAsync(ClaimsPrincipal principal, string language)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await RememberAsync(user, language);
        }
    }

    public Task<string?> OfAsync(string userId, CancellationToken cancellationToken) =>
        db.UserClaims.Where(c => c.UserId == userId && c.ClaimType == ClaimType).Select(c => c.ClaimValue).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Runs <paramref name="action"/> in <paramref name="language"/> (French when unknown), then restores the request's culture.</summary>
    public static void In(string? language, Action action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var target = Cultures.Supported.FirstOrDefault(c => c.Name == language) ?? Cultures.Supported[0];
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = target;
            action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
