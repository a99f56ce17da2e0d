namespace Technopark.Domain.Common;

/// <summary>A company gets at most one reminder of a kind every <see cref="Days"/> days, whoever sends it (declarations, overdue invoices).</summary>
public static class ReminderInterval
{
    public const int Days = 7;

    public static bool CanSend(DateTimeOffset? lastSentAt, DateTimeOffset now) => lastSentAt is not { } last || now - last >= TimeSpan.FromDays(Days);

    public static DateTimeOffset NextAllowed(DateTimeOffset lastSentAt) => lastSentAt.AddDays(Days);

    /// <summary>When the next reminder may go, or null when one may go now.</summary>
    public static DateTimeOffset? Wait(DateTimeOffset? lastSentAt, DateTimeOffset now) => CanSend(lastSentAt, now) ? null : NextAllowed(lastSentAt!.Value);
}
