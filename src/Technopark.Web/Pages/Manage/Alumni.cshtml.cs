using Microsoft.AspNetCore.Mvc;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage;

/// <summary>The site's alumni: its companies that left by a day, with their latest yearly figures (one SQL statement).</summary>
public sealed class AlumniModel(TechnoparkDbContext db, TimeProvider clock) : SitePageModel
{
    public AlumniView View { get; private set; } = null!;

    public async Task OnGetAsync(string? on, int? year, CancellationToken cancellationToken)
    {
        var day = DayParameter.OrToday(on, clock.Today());
        var exitYear = AlumniView.YearOrAll(year, day);
        View = new AlumniView(await db.AlumniAsync(Site.SiteId, day, exitYear, cancellationToken), day, exitYear, ShowSite: false, AskDay: true);
    }
}
