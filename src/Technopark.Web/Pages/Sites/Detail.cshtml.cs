using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Infrastructure;

namespace Technopark.Web.Pages.Sites;

public sealed class DetailModel(SiteDirectory directory, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }

    public SiteDetails Site { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Today = clock.Today();
        var site = await directory.FindAsync(slug, Today, cancellationToken);
        if (site is null)
        {
            return NotFound();
        }

        Site = site;
        return Page();
    }
}
