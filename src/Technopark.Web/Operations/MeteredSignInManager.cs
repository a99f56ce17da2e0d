using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Operations;

/// <summary>
/// Identity's sign-in manager, counting the password sign-ins it refuses (technopark.sign_in.failures), refusing an account
/// HQ asked to choose a new password (<see cref="ApplicationUser.PasswordResetRequired"/>), and recording when each person
/// last signed in (<see cref="ApplicationUser.LastSignInAt"/>, for HQ's people page).
/// </summary>
public sealed class MeteredSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TechnoparkMetrics metrics,
    TechnoparkDbContext db,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _refreshing;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            metrics.SignInFailed(result.IsLockedOut ? "locked_out" : result.IsNotAllowed ? "not_allowed" : "failed");
        }

        return result;
    }

    /// <summary>
    /// Checked by every sign-in (password, two-factor, recovery code) before anything else: while HQ requires a new password, the
    /// old one opens nothing; the reset link clears the flag.
    /// </summary>
    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.PasswordResetRequired && await base.CanSignInAsync(user);
    }

    /// <summary>
    /// The one place every successful sign-in goes through (password without two-factor, authenticator code, recovery code):
    /// the time is recorded there by one UPDATE of its column. A session renewed after a change of password or two-factor
    /// (<see cref="RefreshSignInAsync"/>) is not a sign-in.
    /// </summary>
    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!_refreshing)
        {
            var now = clock.GetUtcNow();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), Context.RequestAborted);
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }
}
