using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Identity;

namespace Technopark.Web.Pages.Hq.People;

/// <summary>
/// The accounts, 50 a page in email order, found by part of a name or an email: each with its roles, last sign-in, two-step
/// verification and lock. Two statements whatever the number of accounts: the page (its people's NetworkAdmin role read in
/// it), then the site roles of those 50.
/// </summary>
public sealed class IndexModel(TechnoparkDbContext db, UserManager<ApplicationUser> users, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Pages beyond this are refused as the first one (5 million accounts; keeps the offset an int).</summary>
    public const int MaxPage = 100_000;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    public int Current { get; private set; } = 1;

    public bool HasNext { get; private set; }

    public string? QueryError { get; private set; }

    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a page number that is not one is the first page
        Now = clock.GetUtcNow();
        Current = PageNumber is > 0 and <= MaxPage ? PageNumber.Value : 1;
        var term = Query?.Trim();
        if (term?.Length > EmailAddress.MaxLength)
        {
            QueryError = text["People.QueryTooLong", Localization.Display.Count(EmailAddress.MaxLength)];
            return;
        }

        var accounts = db.Users.AsNoTracking();
        if (!string.IsNullOrEmpty(term))
        {
            var email = $"%{Escape(users.NormalizeEmail(term))}%";
            var name = $"%{Escape(term)}%";
            accounts = accounts.Where(u => EF.Functions.Like(u.NormalizedEmail!, email, @"\") || EF.Functions.ILike(u.DisplayName!, name, @"\"));
        }

        var admin = users.NormalizeName(Roles.NetworkAdmin);
        var rows = await accounts.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip((Current - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.LastSignInAt, u.TwoFactorEnabled, u.LockoutEnd,
                IsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.NormalizedName == admin)),
            })
            .ToListAsync(cancellationToken);
        HasNext = rows.Count > PageSize;
        var ids = rows.Take(PageSize).Select(r => r.Id).ToArray();
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var staff = (await db.SiteStaff.AsNoTracking().Where(s => ids.Contains(s.UserId))
                .Join(db.Sites, s => s.SiteId, site => site.Id, (s, site) => new { s.UserId, s.Role, site.Name, site.NameEn, site.NameAr })
                .ToListAsync(cancellationToken))
            .Select(s => (s.UserId, Role: new SiteRoleRow(Domain.Sites.Site.NameIn(language, s.Name, s.NameEn, s.NameAr), s.Role)))
            .ToLookup(s => s.UserId, s => s.Role);
        People = [.. rows.Take(PageSize).Select(r => new PersonRow(r.Id, r.DisplayName, r.Email ?? string.Empty, r.IsAdmin,
            [.. staff[r.Id].OrderBy(s => s.Site, StringComparer.CurrentCulture)], r.LastSignInAt, r.TwoFactorEnabled, r.LockoutEnd > Now))];
    }

    /// <summary>The term as a LIKE pattern's literal text: its wildcards and the escape character are matched as themselves.</summary>
    public static string Escape(string term) =>
        term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    public sealed record PersonRow(string Id, string? DisplayName, string Email, bool IsAdmin, IReadOnlyList<SiteRoleRow> SiteRoles,
        DateTimeOffset? LastSignInAt, bool TwoFactor, bool Locked);
}

/// <summary>One role of a person on one site, the site's name in the reader's language.</summary>
public sealed record SiteRoleRow(string Site, SiteRole Role);
