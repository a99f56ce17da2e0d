using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Identity;

/// <summary>
/// Checks the sign-in cookie against the account on every request: the cookie's security stamp must still
/// be the account's and the account must not be locked. Signing out, a password or 2FA change, a role
/// taken away (each renews the stamp) or a lockout thus end every session of the person at once, including
/// a copy of the cookie taken before. A session found valid in the database is remembered with
/// <see cref="DataVersion.Accounts"/>, which moves at once when this instance saves an account and within milliseconds when
/// another instance or raw SQL changes a stamp or a lockout (migration AccountsNotify): until then its requests are not checked
/// in the database again. While the listener does not listen (<see cref="DataVersion.Coherent"/> false) every request is.
/// Identity's own validator would rebuild the principal and re-issue the cookie, and trusts a stamp for 30 minutes.
/// </summary>
public static class SessionValidation
{
    /// <summary>How long a session found valid is trusted without asking the database, at most (an account change moves it sooner).</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Compiled once: the query runs on every signed-in request, and EF Core's per-call work for a LINQ query (reading the
    /// expression for its parameters, looking up the compiled plan) cost more CPU than the command itself.
    /// </summary>
    private static readonly Func<TechnoparkDbContext, string, string, DateTimeOffset, CancellationToken, Task<bool>> StillValid =
        EF.CompileAsyncQuery((TechnoparkDbContext db, string userId, string stamp, DateTimeOffset now, CancellationToken _) =>
            db.Users.TagWith(PreparedStatements.Tag).Any(u => u.Id == userId && u.SecurityStamp == stamp && (u.LockoutEnd == null || u.LockoutEnd <= now)));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is not null && stamp is not null)
        {
            var version = services.GetRequiredService<DataVersion>();
            var cache = services.GetRequiredService<IMemoryCache>();
            var key = (nameof(SessionValidation), userId, stamp);
            var accounts = version.Accounts; // read before the database: a change committed after it moves it, and this is not kept
            if (version.Coherent && cache.TryGetValue(key, out long validAt) && validAt == accounts)
            {
                return;
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var valid = await StillValid(services.GetRequiredService<TechnoparkDbContext>(), userId, stamp, now, context.HttpContext.RequestAborted);
            if (valid)
            {
                cache.Set(key, accounts, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Remembered, Size = 1, Priority = CacheItemPriority.High });
                return;
            }
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
