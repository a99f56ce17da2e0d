using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Apply;

/// <summary>Start an application: choose an operational site, then one of its programmes; resumes an open draft for the same choice.</summary>
public sealed class IndexModel(TechnoparkDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SiteChoice> Sites { get; private set; } = [];

    public SiteChoice? Chosen { get; private set; }

    [BindProperty(SupportsGet = true, Name = "site")]
    public string? SiteSlug { get; set; }

    [BindProperty]
    public Programme? Programme { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Chosen is null || Chosen.Programmes.Count == 0)
        {
            ModelState.AddModelError(nameof(SiteSlug), text["Apply.SiteRequired"]);
            return Page();
        }

        if (Programme is not { } programme || !Chosen.Programmes.Contains(programme))
        {
            ModelState.AddModelError(nameof(Programme), text["Apply.ProgrammeRequired"]);
            return Page();
        }

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var id = await db.Applications.Where(a => a.ApplicantId == userId && a.SiteId == Chosen.Id && a.Programme == programme && a.State == ApplicationState.Draft)
            .OrderByDescending(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (id == 0)
        {
            var application = Application.Start(userId, Chosen.Id, programme, clock.GetUtcNow());
            db.Applications.Add(application);
            await db.SaveChangesAsync(cancellationToken);
            id = application.Id;
            TempData["Message"] = text["Apply.Started"].Value;
        }
        else
        {
            TempData["Message"] = text["Apply.Resumed"].Value;
        }

        return RedirectToPage("/Apply/Step", new { id, step = "project" });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Slug, s.Name, s.Status, s.ServiceCodes }).ToListAsync(cancellationToken);
        Sites = [.. sites.Select(s => new SiteChoice(s.Id, s.Slug, s.Name, s.Status, Acceptance.ProgrammesOffered(s.Status, s.ServiceCodes)))];
        Chosen = Sites.FirstOrDefault(s => string.Equals(s.Slug, SiteSlug, StringComparison.OrdinalIgnoreCase));
    }

    public sealed record SiteChoice(int Id, string Slug, string Name, SiteStatus Status, IReadOnlyList<Programme> Programmes);
}
