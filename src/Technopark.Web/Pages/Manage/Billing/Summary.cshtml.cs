using Technopark.Infrastructure;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// /manage/{slug}/billing/summary?on=: the site's billed, collected and overdue amounts for the month of the day asked and the
/// 11 months before (<see cref="BillingFigures"/>, the same figures HQ sees). A day that cannot be read shows today with a message.
/// </summary>
public sealed class SummaryModel(BillingFigures figures, TimeProvider clock) : BillingPageModel
{
    public DateOnly On { get; private set; }

    public bool Rejected { get; private set; }

    public SiteBilling Figures { get; private set; } = null!;

    public async Task OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        Rejected = DayParameter.IsRejected(on);
        On = DayParameter.OrToday(on, clock.Today());
        var months = await figures.MonthsAsync(Site.SiteId, On, cancellationToken);
        Figures = months.Sites.Single();
    }
}
