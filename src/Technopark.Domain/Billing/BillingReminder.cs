using Technopark.Domain.Common;

namespace Technopark.Domain.Billing;

/// <summary>
/// A reminder sent to a company's members about its overdue invoices. A company gets at most one every
/// <see cref="MinimumIntervalDays"/> days, whoever sends it.
/// </summary>
public sealed class BillingReminder
{
    public const int MinimumIntervalDays = ReminderInterval.Days;

    private BillingReminder()
    {
        SentBy = string.Empty;
    }

    public long Id { get; private set; }

    public int SiteId { get; private set; }

    public int CompanyId { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public string SentBy { get; private set; }

    /// <summary>The overdue invoices named and what was overdue on them.</summary>
    public int InvoiceCount { get; private set; }

    public decimal OverdueAmount { get; private set; }

    public static bool CanSend(DateTimeOffset? lastSentAt, DateTimeOffset now) => ReminderInterval.CanSend(lastSentAt, now);

    public static DateTimeOffset NextAllowed(DateTimeOffset lastSentAt) => ReminderInterval.NextAllowed(lastSentAt);

    public static BillingReminder Create(int siteId, int companyId, int invoiceCount, decimal overdueAmount, string sentBy, DateTimeOffset now) =>
        new() { SiteId = siteId, CompanyId = companyId, InvoiceCount = invoiceCount, OverdueAmount = overdueAmount, SentBy = sentBy, SentAt = now };
}
