using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Auditing;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Hq.Audit;

public sealed record AuditSiteOption(int Id, string Slug, string Name);

public sealed record AuditListRow(long Id, DateTimeOffset At, string? UserId, string? UserEmail, int? SiteId, string EntityType, string EntityId, string Action);

/// <summary>One page of the trail and where the next one starts (null: this is the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditListRow> Rows, AuditCursor? Next);

/// <summary>What the list pages show: the filter as typed, its errors (resource keys by field), the sites to choose from and a page.</summary>
public sealed record AuditListView(AuditQuery Query, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<AuditSiteOption> Sites,
    string? PersonEmail, AuditPage Page, bool IsFirstPage)
{
    public bool IsValid => Errors.Count == 0;

    public string? SiteName(int? siteId) => siteId is { } id ? Sites.FirstOrDefault(s => s.Id == id)?.Name : null;
}

/// <summary>
/// Reads the audit trail (<c>audit_log</c>) for /hq/audit and /manage/{slug}/audit: newest first, a page at a time by keyset on
/// (at, id), never OFFSET and never a count of the whole table; every filter narrows one of the log's indexes (at, id),
/// (site_id, at, id), (user_id, at, id), (entity_type, at, id). A site-scoped read (<c>scope</c>) forces <c>site_id</c>: a
/// site's managers see their site's entries only, whatever the URL says.
/// </summary>
public sealed class AuditTrailReader(TechnoparkDbContext db, ILookupNormalizer normalizer)
{
    /// <summary>Entries on one page.</summary>
    public const int PageSize = 50;

    /// <summary>The list page's view: the URL's filter read and checked, the page of entries when it is acceptable.</summary>
    public async Task<AuditListView> ListAsync(AuditQuery query, int? scope, CancellationToken cancellationToken)
    {
        var sites = await SitesAsync(cancellationToken);
        var (filter, errors, personEmail) = await FilterAsync(query, scope, sites, cancellationToken);
        var cursor = AuditCursor.Parse(query.After);
        var page = filter is null ? new AuditPage([], null) : await PageAsync(filter, cursor, cancellationToken);
        return new AuditListView(query, errors, sites, personEmail, page, cursor is null);
    }

    /// <summary>
    /// The filter the URL asks for, or null with the errors by field (resource keys). An email is resolved to the accounts with
    /// that normalized address (none: an error beside the field); a user id from a link is taken as it is.
    /// </summary>
    public async Task<(AuditFilter? Filter, Dictionary<string, string> Errors, string? PersonEmail)> FilterAsync(AuditQuery query, int? scope,
        IReadOnlyList<AuditSiteOption>? sites, CancellationToken cancellationToken)
    {
        var (from, to, kind, action, errors) = query.Read();
        var siteId = scope;
        if (scope is null && query.Site is { } slug)
        {
            sites ??= await SitesAsync(cancellationToken);
            siteId = sites.FirstOrDefault(s => s.Slug == slug)?.Id;
            if (siteId is null)
            {
                errors[AuditFields.Site] = "Audit.SiteUnknown";
            }
        }

        List<string>? userIds = null;
        string? personEmail = query.Person;
        if (query.Person is { } email && !errors.ContainsKey(AuditFields.Person))
        {
            var normalized = normalizer.NormalizeEmail(email);
            userIds = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).ToListAsync(cancellationToken);
            if (userIds.Count == 0)
            {
                errors[AuditFields.Person] = "Audit.PersonUnknown";
            }
        }
        else if (query.User is { } userId)
        {
            userIds = [userId];
            personEmail = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        }

        if (errors.Count > 0)
        {
            return (null, errors, personEmail);
        }

        // Morocco days → instants, half-open: from the start of `from` to the start of the day after `to`.
        var filter = new AuditFilter(from is { } f ? SiteTime.StartOf(f) : null, to is { } t ? SiteTime.StartOf(t.AddDays(1)) : null,
            siteId, userIds, kind, action);
        return (filter, errors, personEmail);
    }

    /// <summary>The entries of <paramref name="filter"/> after <paramref name="after"/>, newest first: one page, and the next page's cursor.</summary>
    public async Task<AuditPage> PageAsync(AuditFilter filter, AuditCursor? after, CancellationToken cancellationToken)
    {
        var entries = Matching(filter);
        if (after is { } cursor)
        {
            entries = entries.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.At, a.Id), ValueTuple.Create(cursor.At, cursor.Id)));
        }

        var rows = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(PageSize + 1)
            .Select(a => new AuditListRow(a.Id, a.At, a.UserId, a.UserEmail, a.SiteId, a.EntityType, a.EntityId, a.Action))
            .ToListAsync(cancellationToken);
        if (rows.Count <= PageSize)
        {
            return new AuditPage(rows, null);
        }

        var last = rows[PageSize - 1];
        return new AuditPage(rows[..PageSize], new AuditCursor(last.At, last.Id));
    }

    /// <summary>Every entry of <paramref name="filter"/>, newest first, streamed (the CSV export).</summary>
    public async IAsyncEnumerable<AuditEntry> AllAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in Matching(filter).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return entry;
        }
    }

    /// <summary>One entry; with a <paramref name="scope"/>, only if it is that site's (another site's, or one of no site: null).</summary>
    public Task<AuditEntry?> FindAsync(long id, int? scope, CancellationToken cancellationToken) =>
        db.AuditLog.AsNoTracking().Where(a => a.Id == id && (scope == null || a.SiteId == scope)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The sites, named in the reader's language, by name.</summary>
    public async Task<IReadOnlyList<AuditSiteOption>> SitesAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Id, s.Slug, s.Name, s.NameEn, s.NameAr }).ToListAsync(cancellationToken);
        return [.. sites.Select(s => new AuditSiteOption(s.Id, s.Slug, Site.NameIn(language, s.Name, s.NameEn, s.NameAr)))
            .OrderBy(s => s.Name, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
    }

    private IQueryable<AuditEntry> Matching(AuditFilter filter)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (filter.Start is { } start)
        {
            entries = entries.Where(a => a.At >= start);
        }

        if (filter.End is { } end)
        {
            entries = entries.Where(a => a.At < end);
        }

        if (filter.SiteId is { } siteId)
        {
            entries = entries.Where(a => a.SiteId == siteId);
        }

        // One account (the usual case) is an equality, so that the (user_id, at, id) index gives the rows in order.
        if (filter.UserIds is [var userId])
        {
            entries = entries.Where(a => a.UserId == userId);
        }
        else if (filter.UserIds is { } userIds)
        {
            entries = entries.Where(a => a.UserId != null && userIds.Contains(a.UserId));
        }

        if (filter.Kind is { } kind)
        {
            entries = entries.Where(a => a.EntityType == kind);
        }

        if (filter.Action is { } action)
        {
            entries = entries.Where(a => a.Action == action);
        }

        return entries;
    }
}
