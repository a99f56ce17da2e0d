using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// /hq/billing?on=: billed, collected and overdue per site for the month of the day asked, the network's 12 months and each site's
/// (<see cref="BillingFigures"/>: the figures of the sites' own summaries), and the CSV exports for the accounting software
/// (<c>from</c>/<c>to</c> refused by an export come back here with the reason next to the field).
/// </summary>
public sealed class BillingModel(BillingFigures figures, TimeProvider clock) : PageModel
{
    public DateOnly On { get; private set; }

    public BillingMonths Months { get; private set; } = null!;

    public string From { get; private set; } = string.Empty;

    public string To { get; private set; } = string.Empty;

    public ExportRangeError RangeError { get; private set; }

    public async Task OnGetAsync(string? on, string? from, string? to, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        On = Validation.DayParameter.OrToday(on, today);
        Months = await figures.MonthsAsync(null, On, cancellationToken);
        var range = BillingExportRange.Read(from, to, today, out var error) ?? BillingExportRange.Default(today);
        RangeError = error;
        (From, To) = error == ExportRangeError.None ? (Display.Iso(range.From), Display.Iso(range.To)) : (from ?? string.Empty, to ?? string.Empty);
    }
}
