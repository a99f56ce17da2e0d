using Technopark.Domain.Billing;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// A 12-month table of billing figures (<c>_BillingMonths</c>): a site's (<see cref="Slug"/>) or the network's (null). Each amount
/// cell carries <c>data-billing-site="{slug}"</c> (or <c>data-billing-network</c>), <c>data-month="yyyy-MM"</c>,
/// <c>data-figure="Billed|Collected|Overdue"</c> and <c>data-value</c> (invariant, 2 decimals).
/// </summary>
public sealed record BillingMonthsTable(string Id, string Caption, string? Slug, IReadOnlyList<MonthFigures> Months);

/// <summary>The three figures in the order of the columns, with their names as the data attributes give them.</summary>
public static class BillingFigureNames
{
    public const string Billed = nameof(MonthFigures.Billed);

    public const string Collected = nameof(MonthFigures.Collected);

    public const string Overdue = nameof(MonthFigures.Overdue);

    public static readonly IReadOnlyList<string> All = [Billed, Collected, Overdue];

    public static decimal Of(this MonthFigures figures, string figure) => figure switch
    {
        Billed => figures.Billed,
        Collected => figures.Collected,
        _ => figures.Overdue,
    };

    /// <summary>An amount as a data attribute: invariant culture, 2 decimals ("1234.50").</summary>
    public static string Data(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static string Data(BillingMonth month) => month.ToString();
}
