using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Technopark.Web.Pages.Events;

/// <summary>The network's upcoming events, for anyone: filters by site, month (yyyy-MM) and audience.</summary>
public sealed class IndexModel(PublicEvents events) : PageModel
{
    public EventFilter Filter { get; private set; } = new(null, null, null, false);

    public IReadOnlyList<PublicEvent> Events { get; private set; } = [];

    public IReadOnlyList<(string Slug, string Name)> Sites { get; private set; } = [];

    public async Task OnGetAsync(string? site, string? month, string? audience, CancellationToken cancellationToken)
    {
        Filter = EventFilter.Read(site, month, audience);
        Sites = await events.SitesAsync(cancellationToken);
        Events = await events.ListAsync(Filter, cancellationToken);
    }
}
