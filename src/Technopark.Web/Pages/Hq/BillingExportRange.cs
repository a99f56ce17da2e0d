using System.Globalization;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// The days an HQ billing export covers (<c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>, both included): by default the month of today;
/// a day that is not a date within <see cref="DateRangeLimits"/>, or <c>from</c> after <c>to</c>, is refused (the export then
/// sends HQ back to /hq/billing, which shows why next to the fields).
/// </summary>
public sealed record BillingExportRange(DateOnly From, DateOnly To)
{
    public static BillingExportRange Default(DateOnly today) => new(BillingMonth.Of(today).First, BillingMonth.Of(today).End.AddDays(-1));

    /// <summary>The range asked (a missing bound takes its default), or null with the field at fault.</summary>
    public static BillingExportRange? Read(string? from, string? to, DateOnly today, out ExportRangeError error)
    {
        var fallback = Default(today);
        error = ExportRangeError.None;
        if (!Day(from, fallback.From, out var first))
        {
            error = ExportRangeError.From;
        }
        else if (!Day(to, fallback.To, out var last))
        {
            error = ExportRangeError.To;
        }
        else if (first > last)
        {
            error = ExportRangeError.Order;
        }
        else
        {
            return new BillingExportRange(first, last);
        }

        return null;
    }

    /// <summary>The file name's part, "2027-03-01_2027-03-31".</summary>
    public string FileSuffix => $"{From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static bool Day(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = fallback;
            return true;
        }

        return Validation.DayParameter.TryParse(text, out day);
    }
}

public enum ExportRangeError
{
    None,
    From,
    To,
    Order,
}
