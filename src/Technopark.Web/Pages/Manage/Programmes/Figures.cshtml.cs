using Technopark.Infrastructure;
using Technopark.Web.Authorization;
using Technopark.Web.Pages.Programmes;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Programmes;

/// <summary>What the site's programmes deliver on a day (?on=, today by default): per programme the four figures with their definitions, hours per company, time to each milestone, the quiet companies.</summary>
public sealed class FiguresModel(ProgrammeFiguresReader reader, TimeProvider clock) : SitePageModel
{
    public DateOnly On { get; private set; }

    public bool Rejected { get; private set; }

    public SiteProgrammeFigures? Figures { get; private set; }

    public async Task OnGetAsync(string? on, CancellationToken cancellationToken)
    {
        Rejected = DayParameter.IsRejected(on);
        On = DayParameter.OrToday(on, clock.Today());
        Figures = (await reader.ReadAsync(Site.SiteId, On, cancellationToken)).SingleOrDefault();
    }
}
