using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Companies;

/// <summary>
/// The link of an invitation: the signed-in person (anonymous visitors sign in first and come back) sees the company and
/// the role, then joins. An unknown token is a 404; an expired, used, withdrawn invitation or another account gets its
/// message and no membership. The token is looked up by its hash only.
/// </summary>
public sealed class JoinModel(TechnoparkDbContext db, CompanyTeam team, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public string CompanyName { get; private set; } = string.Empty;

    public string SiteName { get; private set; } = string.Empty;

    public CompanyRole Role { get; private set; }

    /// <summary>Why the invitation cannot be accepted by this account, if it cannot.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            var companyId = await team.AcceptAsync(token, UserId, await EmailAsync(cancellationToken), cancellationToken);
            TempData["Message"] = text["Invitation.Joined"].Value;
            return RedirectToPage("/Companies/Overview", new { id = companyId });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            if (!await LoadAsync(token, cancellationToken))
            {
                return NotFound();
            }

            Refusal = text.Message(e);
            return Page();
        }
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The signed-in account's address as it is now (not as the sign-in cookie remembers it).</summary>
    private async Task<string> EmailAsync(CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == UserId).Select(u => u.Email).SingleAsync(cancellationToken) ?? string.Empty;

    private async Task<bool> LoadAsync(string token, CancellationToken cancellationToken)
    {
        if (await team.FindAsync(token, cancellationToken) is not { } invitation)
        {
            return false;
        }

        var company = await db.Companies.AsNoTracking().Where(c => c.Id == invitation.CompanyId)
            .Join(db.Sites, c => c.SiteId, s => s.Id, (c, s) => new { c.LegalName, Site = s.Name }).SingleAsync(cancellationToken);
        (CompanyName, SiteName, Role) = (company.LegalName, company.Site, invitation.Role);
        try
        {
            invitation.EnsureAcceptableBy(await EmailAsync(cancellationToken), clock.GetUtcNow());
        }
        catch (DomainException e)
        {
            Refusal = text.Message(e);
        }

        return true;
    }
}
