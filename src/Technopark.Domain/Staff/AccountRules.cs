using Technopark.Domain.Common;

namespace Technopark.Domain.Staff;

/// <summary>
/// What HQ may do to an account on /hq/people (lock, unlock, require a password reset, reset two-factor, remove roles),
/// and the guards that keep the network administrable: nobody locks themself or takes away their own NetworkAdmin role,
/// and the last NetworkAdmin keeps it.
/// </summary>
public static class AccountRules
{
    public const int ReasonMaxLength = 500;

    /// <summary>
    /// The end of an HQ lock: none (a lock after failed sign-ins ends after minutes). Stored as PostgreSQL's 'infinity'.
    /// </summary>
    public static readonly DateTimeOffset LockedUntil = DateTimeOffset.MaxValue;

    /// <summary>Whether a lockout is HQ's (no end) rather than the few minutes that follow failed sign-ins.</summary>
    public static bool IsLockedByHq(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end >= LockedUntil.AddDays(-1);

    /// <summary>The reason HQ gives, trimmed; required (it is audited and, where it concerns them, told to the person).</summary>
    public static string Reason(string? reason) => Guard.Text(reason, ReasonMaxLength, "People.ReasonRequired", "Reason");

    public static void CheckLock(string actorId, string targetId) =>
        Guard.That(actorId != targetId, "People.CannotLockSelf", "Reason");

    /// <summary>
    /// Before the NetworkAdmin role is taken from <paramref name="targetId"/> (alone or with every role):
    /// <paramref name="networkAdmins"/> is how many people hold it now, the target included.
    /// </summary>
    public static void CheckRemoveNetworkAdmin(string actorId, string targetId, int networkAdmins)
    {
        Guard.That(actorId != targetId, "People.CannotRemoveOwnAdmin", "Reason");
        Guard.That(networkAdmins > 1, "People.LastNetworkAdmin", "Reason");
    }
}
