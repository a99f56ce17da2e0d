using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Apply;

/// <summary>One of the signed-in person's applications, read-only: timeline, messages, documents; withdraw while open.</summary>
public sealed class ViewModel(TechnoparkDbContext db, ApplicationWorkflow workflow, IStringLocalizer<SharedResource> text) : PageModel
{
    public Application Application { get; private set; } = null!;

    public string SiteName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            await workflow.WithdrawAsync(Application, cancellationToken);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, text.Message(e));
            return Page();
        }

        TempData["Message"] = text["Apply.Withdrawn"].Value;
        return RedirectToPage("/Apply/View", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var application = await db.Applications.Include(a => a.Documents).Include(a => a.Events).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id && a.ApplicantId == userId, cancellationToken);
        if (application is null)
        {
            return false;
        }

        Application = application;
        SiteName = await db.Sites.Where(s => s.Id == application.SiteId).Select(s => s.Name).SingleAsync(cancellationToken);
        return true;
    }
}
