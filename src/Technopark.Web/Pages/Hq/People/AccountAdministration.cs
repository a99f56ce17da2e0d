using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Infrastructure.Identity;
using Technopark.Web.Email;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;

namespace Technopark.Web.Pages.Hq.People;

/// <summary>What HQ does to an account on /hq/people/{id}.</summary>
public enum AccountAction
{
    Lock,
    Unlock,
    RequireReset,
    ResetTwoFactor,
    RemoveRoles,
    GrantAdmin,
    RevokeAdmin,
}

/// <summary>How an action ended: done, no such person, or the actor is no longer an active NetworkAdmin (someone was quicker).</summary>
public enum AccountOutcome
{
    Done,
    NotFound,
    Forbidden,
}

/// <summary>
/// HQ's actions on an account. Each is one transaction: the rules (<see cref="AccountRules"/>: a reason, nobody locks themself
/// or removes their own NetworkAdmin role, the last NetworkAdmin keeps it), the change through Identity, a new security stamp
/// where the person must sign in again (SessionValidation then ends every session at once), the audit entry with the reason,
/// and the email to the person in their language where it concerns them.
/// </summary>
/// <remarks>
/// Every action takes the NetworkAdmin role's row lock first (FOR UPDATE), so they run one at a time: the NetworkAdmins are
/// counted under it, and the actor must still be an active NetworkAdmin under it. Two HQ removing or locking each other at
/// once thus never leave the network without an administrator: the second waits, then finds the first done.
/// </remarks>
public sealed class AccountAdministration(
    TechnoparkDbContext db,
    UserManager<ApplicationUser> users,
    IUserStore<ApplicationUser> store,
    AuditTrail audit,
    EmailOutbox outbox,
    UserLanguage language,
    PublicUrls urls,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock)
{
    /// <summary>The audit action of each HQ action.</summary>
    public static string AuditAction(AccountAction action) => action switch
    {
        AccountAction.Lock => "account.lock",
        AccountAction.Unlock => "account.unlock",
        AccountAction.RequireReset => "account.reset-required",
        AccountAction.ResetTwoFactor => "account.2fa-reset",
        AccountAction.RemoveRoles => "account.roles-remove",
        AccountAction.GrantAdmin => "account.admin-grant",
        AccountAction.RevokeAdmin => "account.admin-revoke",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public const string AuditEntity = "Account";

    /// <summary>Applies <paramref name="action"/> of <paramref name="actorId"/> to <paramref name="targetId"/>; a broken rule throws its <see cref="Domain.Common.DomainException"/> and changes nothing.</summary>
    public async Task<AccountOutcome> ApplyAsync(AccountAction action, string actorId, string targetId, string? reason, CancellationToken cancellationToken)
    {
        var why = AccountRules.Reason(reason);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var adminRoleId = await LockNetworkAdminsAsync(cancellationToken);
        if (adminRoleId is null || !await IsActiveAdminAsync(actorId, adminRoleId, cancellationToken))
        {
            return AccountOutcome.Forbidden;
        }

        if (await users.FindByIdAsync(targetId) is not { } user)
        {
            return AccountOutcome.NotFound;
        }

        var isAdmin = await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == adminRoleId, cancellationToken);
        var changed = action switch
        {
            AccountAction.Lock => await LockAsync(actorId, user, why, cancellationToken),
            AccountAction.Unlock => await UnlockAsync(user, why, cancellationToken),
            AccountAction.RequireReset => await RequireResetAsync(user, why, cancellationToken),
            AccountAction.ResetTwoFactor => await ResetTwoFactorAsync(user, why, cancellationToken),
            AccountAction.RemoveRoles => await RemoveRolesAsync(actorId, user, isAdmin, adminRoleId, why, cancellationToken),
            AccountAction.GrantAdmin => !isAdmin && await GrantAdminAsync(user, why),
            AccountAction.RevokeAdmin => isAdmin && await RevokeAdminAsync(actorId, user, adminRoleId, why, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return AccountOutcome.Done;
    }

    private async Task<bool> LockAsync(string actorId, ApplicationUser user, string reason, CancellationToken cancellationToken)
    {
        AccountRules.CheckLock(actorId, user.Id);
        var before = new { user.LockoutEnabled, user.LockoutEnd };
        user.LockoutEnabled = true;
        user.LockoutEnd = AccountRules.LockedUntil;
        Check(await users.UpdateSecurityStampAsync(user));
        Record(AccountAction.Lock, user, before, new { user.LockoutEnabled, user.LockoutEnd, reason });
        await NotifyAsync(user, "Locked", reason, string.Empty, cancellationToken);
        return true;
    }

    private async Task<bool> UnlockAsync(ApplicationUser user, string reason, CancellationToken cancellationToken)
    {
        var before = new { user.LockoutEnd, user.AccessFailedCount };
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateAsync(user));
        Record(AccountAction.Unlock, user, before, new { user.LockoutEnd, user.AccessFailedCount, reason });
        await NotifyAsync(user, "Unlocked", reason, urls.Account("/Account/Login"), cancellationToken);
        return true;
    }

    /// <summary>The reset token is made after the new stamp: Identity's token carries the stamp it was made with.</summary>
    private async Task<bool> RequireResetAsync(ApplicationUser user, string reason, CancellationToken cancellationToken)
    {
        var before = new { user.PasswordResetRequired };
        user.PasswordResetRequired = true;
        Check(await users.UpdateSecurityStampAsync(user));
        var code = AccountEmails.Encode(await users.GeneratePasswordResetTokenAsync(user));
        Record(AccountAction.RequireReset, user, before, new { user.PasswordResetRequired, reason });
        await NotifyAsync(user, "ResetRequired", reason, urls.Account("/Account/ResetPassword", new { email = user.Email, code }), cancellationToken);
        return true;
    }

    private async Task<bool> ResetTwoFactorAsync(ApplicationUser user, string reason, CancellationToken cancellationToken)
    {
        var before = new { user.TwoFactorEnabled, recoveryCodes = await users.CountRecoveryCodesAsync(user) };
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        await ((IUserTwoFactorRecoveryCodeStore<ApplicationUser>)store).ReplaceCodesAsync(user, [], cancellationToken);
        Check(await users.ResetAuthenticatorKeyAsync(user)); // a new key nobody has, and a new stamp; saves the codes' removal too
        Record(AccountAction.ResetTwoFactor, user, before, new { user.TwoFactorEnabled, recoveryCodes = 0, reason });
        await NotifyAsync(user, "TwoFactorReset", reason, urls.Account("/Account/Manage/TwoFactorAuthentication"), cancellationToken);
        return true;
    }

    /// <summary>Site roles and NetworkAdmin; company memberships are the company's business and stay.</summary>
    private async Task<bool> RemoveRolesAsync(string actorId, ApplicationUser user, bool isAdmin, string adminRoleId, string reason, CancellationToken cancellationToken)
    {
        if (isAdmin)
        {
            AccountRules.CheckRemoveNetworkAdmin(actorId, user.Id, await AdminCountAsync(adminRoleId, cancellationToken));
        }

        var staff = await db.SiteStaff.Where(s => s.UserId == user.Id).ToListAsync(cancellationToken);
        var siteIds = staff.Select(s => s.SiteId).ToArray();
        var slugs = await db.Sites.Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Slug, cancellationToken);
        var before = new { networkAdmin = isAdmin, sites = staff.Select(s => new { site = slugs[s.SiteId], role = s.Role.ToString() }).ToList() };
        db.SiteStaff.RemoveRange(staff);
        if (isAdmin)
        {
            Check(await users.RemoveFromRoleAsync(user, Roles.NetworkAdmin));
        }

        Check(await users.UpdateSecurityStampAsync(user)); // saves the site roles' removal too
        Record(AccountAction.RemoveRoles, user, before, new { networkAdmin = false, sites = Array.Empty<object>(), reason });
        await NotifyAsync(user, "RolesRemoved", reason, string.Empty, cancellationToken);
        return true;
    }

    /// <summary>The role is in the sign-in cookie: a new stamp has the person sign in again, with it.</summary>
    private async Task<bool> GrantAdminAsync(ApplicationUser user, string reason)
    {
        Check(await users.AddToRoleAsync(user, Roles.NetworkAdmin));
        Check(await users.UpdateSecurityStampAsync(user));
        Record(AccountAction.GrantAdmin, user, new { networkAdmin = false }, new { networkAdmin = true, reason });
        return true;
    }

    private async Task<bool> RevokeAdminAsync(string actorId, ApplicationUser user, string adminRoleId, string reason, CancellationToken cancellationToken)
    {
        AccountRules.CheckRemoveNetworkAdmin(actorId, user.Id, await AdminCountAsync(adminRoleId, cancellationToken));
        Check(await users.RemoveFromRoleAsync(user, Roles.NetworkAdmin));
        Check(await users.UpdateSecurityStampAsync(user));
        Record(AccountAction.RevokeAdmin, user, new { networkAdmin = true }, new { networkAdmin = false, reason });
        return true;
    }

    /// <summary>Locks the NetworkAdmin role's row until the transaction ends and returns its id (null when the role does not exist).</summary>
    private async Task<string?> LockNetworkAdminsAsync(CancellationToken cancellationToken)
    {
        var name = users.NormalizeName(Roles.NetworkAdmin);
        var ids = await db.Database.SqlQuery<string>($"SELECT id AS \"Value\" FROM \"AspNetRoles\" WHERE normalized_name = {name} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return ids.SingleOrDefault();
    }

    private Task<int> AdminCountAsync(string adminRoleId, CancellationToken cancellationToken) =>
        db.UserRoles.CountAsync(r => r.RoleId == adminRoleId, cancellationToken);

    private Task<bool> IsActiveAdminAsync(string actorId, string adminRoleId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.Users.AnyAsync(u => u.Id == actorId && (u.LockoutEnd == null || u.LockoutEnd <= now)
            && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRoleId), cancellationToken);
    }

    private void Record(AccountAction action, ApplicationUser user, object before, object after) =>
        audit.Record(AuditAction(action), AuditEntity, user.Id, siteId: null, before, after);

    /// <summary>The person is told in their language, the reason included ({0}; {1} a link where there is one).</summary>
    private async Task NotifyAsync(ApplicationUser user, string kind, string reason, string link, CancellationToken cancellationToken)
    {
        if (user.Email is not { } email)
        {
            return;
        }

        var reader = await language.OfAsync(user.Id, cancellationToken);
        UserLanguage.In(reader, () =>
            outbox.EnqueueText(email, text[$"People.Email.{kind}.Subject"], text[$"People.Email.{kind}.Body", reason, link]));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the change: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}
