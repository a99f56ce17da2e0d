using Technopark.Domain.Common;

namespace Technopark.Domain.Reporting;

/// <summary>
/// A reminder sent to a company's members that a year's declaration is missing. A company gets at most one reminder
/// every <see cref="MinimumIntervalDays"/> days, whoever sends it and for whatever year.
/// </summary>
public sealed class ReportingReminder
{
    public const int MinimumIntervalDays = ReminderInterval.Days;

    private ReportingReminder()
    {
        SentBy = string.Empty;
    }

    public long Id { get; private set; }

    public int CompanyId { get; private set; }

    public int Year { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public string SentBy { get; private set; }

    /// <summary>Whether a reminder may go now, given when the company's last one went (null: never).</summary>
    public static bool CanSend(DateTimeOffset? lastSentAt, DateTimeOffset now) => ReminderInterval.CanSend(lastSentAt, now);

    /// <summary>When the next reminder may go, given the last one.</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset lastSentAt) => ReminderInterval.NextAllowed(lastSentAt);

    public static ReportingReminder Create(int companyId, int year, string sentBy, DateTimeOffset now) =>
        new() { CompanyId = companyId, Year = year, SentBy = sentBy, SentAt = now };
}
