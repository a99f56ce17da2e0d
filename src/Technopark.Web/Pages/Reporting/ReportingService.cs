using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Reporting;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Hosting;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Pages.Reporting;

/// <summary>
/// The work around declarations that spans more than one aggregate: which years a company owes (its first assignment,
/// exit and "no longer active" declaration, read here and judged by <see cref="ReportingSchedule"/>), declaring and
/// replacing (company row locked, audited), the site's validation and correction (audited with before/after), and
/// reminders (one a week per company, emailed to every member in their own language, audited).
/// </summary>
public sealed class ReportingService(
    TechnoparkDbContext db,
    AuditTrail audit,
    CompanyReaders readers,
    IStringLocalizer<SharedResource> text,
    PublicUrls urls,
    TimeProvider clock)
{
    /// <summary>What the schedule needs about each company of <paramref name="companies"/>, by company id.</summary>
    public async Task<IReadOnlyDictionary<int, (string LegalName, ReportingFacts Facts)>> FactsAsync(IQueryable<Company> companies, CancellationToken cancellationToken)
    {
        var rows = await companies.AsNoTracking().Select(c => new
        {
            c.Id,
            c.LegalName,
            c.ExitReason,
            c.ExitedOn,
            FirstHostedOn = db.Assignments.Where(a => a.CompanyId == c.Id).Min(a => (DateOnly?)a.Period.Start),
            InactiveSince = db.Declarations.Where(d => d.CompanyId == c.Id && !d.Figures.StillActive).Min(d => (int?)d.Year),
        }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.LegalName, new ReportingFacts(r.FirstHostedOn, r.ExitReason, r.ExitedOn, r.InactiveSince)));
    }

    public async Task<ReportingFacts> FactsAsync(int companyId, CancellationToken cancellationToken) =>
        (await FactsAsync(db.Companies.Where(c => c.Id == companyId), cancellationToken))[companyId].Facts;

    /// <summary>Declares a period for a company, or replaces its declaration (audited <c>declaration.replaced</c> with before/after).</summary>
    public async Task DeclareAsync(int companyId, ReportingPeriod period, DeclarationFigures figures, string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One declarer of a company at a time: the second waits, then replaces what the first saved.
        var siteId = (await db.Database.SqlQuery<int>($"SELECT site_id AS \"Value\" FROM companies WHERE id = {companyId} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        Declaration.EnsureEnded(period, clock.Today());
        (await FactsAsync(companyId, cancellationToken)).EnsureDue(period);
        var now = clock.GetUtcNow();
        var existing = await db.Declarations.SingleOrDefaultAsync(d => d.CompanyId == companyId && d.Year == period.Year && d.Quarter == period.Quarter, cancellationToken);
        if (existing is null)
        {
            var declaration = Declaration.Create(companyId, period, figures, userId, now, clock.Today());
            db.Declarations.Add(declaration);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record("declaration.created", nameof(Declaration), declaration.Id, siteId, null, Snapshot(declaration));
        }
        else
        {
            var before = Snapshot(existing);
            existing.Replace(figures, userId, now);
            audit.Record("declaration.replaced", nameof(Declaration), existing.Id, siteId, before, Snapshot(existing));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The site accepts a declaration of one of its companies as declared.</summary>
    public async Task ValidateAsync(int siteId, int declarationId, string userId, CancellationToken cancellationToken)
    {
        var declaration = await SiteDeclarationAsync(siteId, declarationId, cancellationToken);
        var before = Snapshot(declaration);
        declaration.Validate(userId, clock.GetUtcNow());
        audit.Record("declaration.validated", nameof(Declaration), declaration.Id, siteId, before, Snapshot(declaration));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The site corrects a declaration's figures with a reason; the member then sees both.</summary>
    public async Task CorrectAsync(int siteId, int declarationId, DeclarationFigures figures, string? reason, string userId, CancellationToken cancellationToken)
    {
        var declaration = await SiteDeclarationAsync(siteId, declarationId, cancellationToken);
        var before = Snapshot(declaration);
        declaration.Correct(figures, reason, userId, clock.GetUtcNow());
        audit.Record("declaration.corrected", nameof(Declaration), declaration.Id, siteId, before, Snapshot(declaration));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Reminds the companies of the site among <paramref name="companyIds"/> that still owe <paramref name="year"/>, skipping those reminded
    /// less than a week ago. Returns how many were reminded.
    /// </summary>
    public async Task<int> RemindAsync(int siteId, int year, IReadOnlyCollection<int> companyIds, string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockSiteAsync(siteId, cancellationToken);
        var missing = (await MissingAsync(siteId, year, cancellationToken)).Where(m => companyIds.Contains(m.CompanyId) && m.NextAllowed is null).ToList();
        var now = clock.GetUtcNow();
        var siteName = await db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).SingleAsync(cancellationToken);
        var ids = missing.Select(m => m.CompanyId).ToList();
        var members = await readers.MembersOfAsync(ids, cancellationToken);
        foreach (var company in missing)
        {
            var reminder = ReportingReminder.Create(company.CompanyId, year, userId, now);
            db.ReportingReminders.Add(reminder);
            var link = urls.Page("/Companies/Reporting", new { id = company.CompanyId });
            await readers.NotifyAsync(members[company.CompanyId], () =>
                (text["Reporting.ReminderSubject", year, company.LegalName], text["Reporting.ReminderBody", company.LegalName, year, siteName, link]), cancellationToken);
            audit.Record("reporting.reminded", "Company", company.CompanyId, siteId, null, new { year, members = members[company.CompanyId].Count() });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return missing.Count;
    }

    /// <summary>The site's companies due for <paramref name="year"/> without a yearly declaration, with their last reminder.</summary>
    public async Task<IReadOnlyList<MissingRow>> MissingAsync(int siteId, int year, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(db.Companies.Where(c => c.SiteId == siteId), cancellationToken);
        var declared = await db.Declarations.AsNoTracking()
            .Where(d => d.Year == year && d.Quarter == null && db.Companies.Any(c => c.Id == d.CompanyId && c.SiteId == siteId))
            .Select(d => d.CompanyId).ToListAsync(cancellationToken);
        var reminded = await db.ReportingReminders.AsNoTracking()
            .Where(r => db.Companies.Any(c => c.Id == r.CompanyId && c.SiteId == siteId))
            .GroupBy(r => r.CompanyId).Select(g => new { CompanyId = g.Key, Last = g.Max(r => r.SentAt) })
            .ToDictionaryAsync(r => r.CompanyId, r => r.Last, cancellationToken);
        var now = clock.GetUtcNow();
        var declaredSet = declared.ToHashSet();
        return [.. facts.Where(f => f.Value.Facts.IsDue(year) && !declaredSet.Contains(f.Key))
            .Select(f =>
            {
                DateTimeOffset? last = reminded.TryGetValue(f.Key, out var sent) ? sent : null;
                var next = ReminderInterval.Wait(last, now);
                return new MissingRow(f.Key, f.Value.LegalName, f.Value.Facts.ExitedOn is not null, last, next);
            })
            .OrderBy(r => r.LegalName, StringComparer.CurrentCulture)];
    }

    /// <summary>The declarations of the site's companies for a year (the year itself and its quarters).</summary>
    public async Task<IReadOnlyList<DeclarationRow>> DeclarationsAsync(int siteId, int year, CancellationToken cancellationToken) =>
        [.. (await Rows(db.Declarations.Where(d => d.Year == year), siteId).ToListAsync(cancellationToken))
            .OrderBy(d => d.LegalName, StringComparer.CurrentCulture).ThenBy(d => d.Quarter)];

    /// <summary>The <paramref name="declarations"/> of the site's companies as the pages list them (ordered by the caller, in memory).</summary>
    public IQueryable<DeclarationRow> Rows(IQueryable<Declaration> declarations, int siteId) =>
        declarations.AsNoTracking()
            .Join(db.Companies.Where(c => c.SiteId == siteId), d => d.CompanyId, c => c.Id, (d, c) => new DeclarationRow(
                d.Id, c.Id, c.LegalName, d.Year, d.Quarter, d.Declared, d.Figures, d.Status, d.DeclaredAt, d.CorrectionReason));

    private async Task<Declaration> SiteDeclarationAsync(int siteId, int declarationId, CancellationToken cancellationToken) =>
        await db.Declarations.Where(d => d.Id == declarationId && db.Companies.Any(c => c.Id == d.CompanyId && c.SiteId == siteId))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(ErrorCodes.DeclarationNotFound);

    private static object Snapshot(Declaration d) => new
    {
        d.Year,
        d.Quarter,
        status = d.Status.ToString(),
        declared = d.Declared,
        figures = d.Figures,
        reason = d.CorrectionReason,
    };
}

public sealed record MissingRow(int CompanyId, string LegalName, bool HasLeft, DateTimeOffset? LastReminder, DateTimeOffset? NextAllowed);

public sealed record DeclarationRow(
    int Id, int CompanyId, string LegalName, int Year, int? Quarter, DeclarationFigures Declared, DeclarationFigures Figures,
    DeclarationStatus Status, DateTimeOffset DeclaredAt, string? CorrectionReason);
