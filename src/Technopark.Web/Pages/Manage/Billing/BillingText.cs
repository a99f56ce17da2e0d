using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>How an invoice line reads, the same on the pages and in the PDF: what it bills and how it was reckoned.</summary>
public static class BillingText
{
    /// <summary>"Loyer du bureau B-204, du 01/03/2027 au 31/03/2027" / "3 postes de coworking CW-1, …" / "Salle MR-1, heures au-delà des heures incluses, mars 2027" / the service's own label.</summary>
    public static string Describe(this IStringLocalizer text, InvoiceLine line) => line.Kind switch
    {
        LineKind.OfficeRent => text["BillingText.OfficeRent", line.Label, Display.Day(line.PeriodStart), Display.Day(line.PeriodEnd?.AddDays(-1))],
        LineKind.CoworkingSeats => text["BillingText.CoworkingSeats", Display.Count(line.Seats ?? 0), line.Label, Display.Day(line.PeriodStart),
            Display.Day(line.PeriodEnd?.AddDays(-1))],
        LineKind.RoomHours => text["BillingText.RoomHours", line.Label, Display.Day(line.PeriodStart), Display.Day(line.PeriodEnd?.AddDays(-1))],
        _ => line.Label,
    };

    /// <summary>"31 j sur 31" for rent (days held of the month), "3,5 h" for rooms, the quantity for a service.</summary>
    public static string Quantity(this IStringLocalizer text, InvoiceLine line) => line.Kind switch
    {
        LineKind.OfficeRent or LineKind.CoworkingSeats when line.PeriodStart is { } start =>
            text["BillingText.DaysOf", Display.Count((int)line.Quantity), Display.Count(DateTime.DaysInMonth(start.Year, start.Month))],
        LineKind.RoomHours => text["BillingText.Hours", line.Quantity.ToString("#,##0.##", Display.Numbers)],
        _ => line.Quantity.ToString("#,##0.##", Display.Numbers),
    };

    /// <summary>The billing month, "mars 2027".</summary>
    public static string Month(BillingMonth month) =>
        month.First.ToString("MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture);
}
