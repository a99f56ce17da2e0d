using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Web.Localization;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage.Applications;

/// <summary>The site's applications (never drafts): managers see all, reviewers those assigned to them. Filters, search, counts per state.</summary>
public sealed class IndexModel(TechnoparkDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> text) : SitePageModel
{
    [BindProperty(SupportsGet = true)]
    public ApplicationState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public Programme? Programme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public bool CanManage { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyDictionary<ApplicationState, int> Counts { get; private set; } = new Dictionary<ApplicationState, int>();

    public IReadOnlyList<string> Sectors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanManage = (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var siteId = Site.SiteId;
        var visible = db.Applications.AsNoTracking().Where(a => a.SiteId == siteId && a.State != ApplicationState.Draft);
        if (!CanManage)
        {
            visible = visible.Where(a => a.Reviews.Any(r => r.ReviewerId == userId));
        }

        var counts = await visible.GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        Counts = counts.ToDictionary(c => c.Key, c => c.Count);
        var query = visible;
        if (State is { } state)
        {
            query = query.Where(a => a.State == state);
        }

        if (Programme is { } programme)
        {
            query = query.Where(a => a.Programme == programme);
        }

        if (!string.IsNullOrEmpty(Sector))
        {
            query = query.Where(a => a.Sector == Sector);
        }

        // A filter day outside the limits is set aside with a message next to its field ("the next day" of
        // 9999-12-31 does not exist).
        From = WithinLimits(From, nameof(From));
        To = WithinLimits(To, nameof(To));
        if (From is { } from)
        {
            var start = NetworkClock.StartOf(from);
            query = query.Where(a => a.SubmittedAt >= start);
        }

        if (To is { } to)
        {
            var end = NetworkClock.StartOf(to.AddDays(1));
            query = query.Where(a => a.SubmittedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var pattern = "%" + Q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(a => EF.Functions.ILike(a.ProjectName ?? string.Empty, pattern) || EF.Functions.ILike(a.CompanyName ?? string.Empty, pattern)
                || EF.Functions.ILike(a.ContactName ?? string.Empty, pattern));
        }

        // Newest submission first; those never submitted (withdrawn drafts) last: PostgreSQL sorts NULL first in a descending order.
        Rows = await query.OrderBy(a => a.SubmittedAt == null).ThenByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id)
            .Select(a => new Row(a.Id, a.ProjectName, a.CompanyName, a.ContactName, a.Programme, a.Sector, a.State, a.SubmittedAt,
                a.Reviews.Count(r => r.SubmittedAt != null), a.Reviews.Count))
            .ToListAsync(cancellationToken);
        Sectors = await db.Sites.Where(s => s.Id == siteId).Select(s => s.FocusSectors).SingleAsync(cancellationToken);
    }

    private DateOnly? WithinLimits(DateOnly? day, string field)
    {
        if (day is { } d && !DateRangeLimits.Contains(d))
        {
            ModelState.AddModelError(field, text.OutOfRange());
            return null;
        }

        return day;
    }

    public sealed record Row(int Id, string? Project, string? Company, string? Contact, Programme Programme, string? Sector, ApplicationState State,
        DateTimeOffset? SubmittedAt, int ReviewsDone, int Reviewers);
}
