using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages.Hq;

/// <summary>The network's alumni: every company that left by a day, with its latest yearly figures (one SQL statement).</summary>
public sealed class AlumniModel(TechnoparkDbContext db, HqReports reports) : PageModel
{
    public AlumniView View { get; private set; } = null!;

    public async Task OnGetAsync(string? on, int? year, CancellationToken cancellationToken)
    {
        var day = reports.Day(on);
        var exitYear = AlumniView.YearOrAll(year, day);
        View = new AlumniView(await db.AlumniAsync(null, day, exitYear, cancellationToken), day, exitYear, ShowSite: true, AskDay: false);
    }
}
