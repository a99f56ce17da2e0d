using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Web.Pages.Programmes;

namespace Technopark.Web.Pages.Coach;

/// <summary>The companies I coach today, across sites, quiet ones and those waiting for an answer first; an empty state for anyone else.</summary>
public sealed class IndexModel(CoachHome home) : PageModel
{
    public IReadOnlyList<CoachedRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await home.CoacheesAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
}
