using Microsoft.AspNetCore.Mvc.RazorPages;
using Technopark.Domain.Sites;
using Technopark.Infrastructure;
using Technopark.Web.Pages.Sites;

namespace Technopark.Web.Pages;

public sealed class IndexModel(SiteDirectory directory, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }

    public IReadOnlyList<SiteCard> Sites { get; private set; } = [];

    public IEnumerable<SiteCard> Operational => Sites.Where(s => s.Status == SiteStatus.Operational);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today();
        Sites = await directory.ListAsync(Today, cancellationToken);
    }
}
