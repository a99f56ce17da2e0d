using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Identity;

/// <summary>
/// Checks the sign-in cookie against the account on every request: the cookie's security stamp must still
/// be the account's and the account must not be locked. Signing out, a password or 2FA change, a role
/// taken away (each renews the stamp) or a lockout thus end every session of the person at once, including
/// a copy of the cookie taken before. Cost: one primary-key lookup of two columns per signed-in request
/// (measured in README, "Sessions"); Identity's own validator would also rebuild the principal and
/// re-issue the cookie on each request.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is not null && stamp is not null)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var valid = await services.GetRequiredService<TechnoparkDbContext>().Users
                .AnyAsync(u => u.Id == userId && u.SecurityStamp == stamp && (u.LockoutEnd == null || u.LockoutEnd <= now),
                    context.HttpContext.RequestAborted);
            if (valid)
            {
                return;
            }
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
