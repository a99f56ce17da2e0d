using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Hosting;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>An overdue invoice as a reminder names it.</summary>
public sealed record OverdueInvoice(long InvoiceId, string Number, DateOnly DueOn, decimal Open);

/// <summary>A company of the site with overdue invoices today, its last reminder and when the next one may go (null: now).</summary>
public sealed record ReminderCandidate(int CompanyId, string LegalName, IReadOnlyList<OverdueInvoice> Invoices, DateTimeOffset? LastSent, DateTimeOffset? NextAllowed)
{
    public decimal Overdue => Invoices.Sum(i => i.Open);

    public bool CanSend => NextAllowed is null;
}

/// <summary>
/// Reminders of overdue invoices, from today's figures only: at most one a week per company (<see cref="BillingReminder.CanSend"/>),
/// one batch of a site at a time (the site's row is locked, as for reporting reminders), one email per member in their language with
/// each overdue invoice and a link to the company's invoices (from the configured public URL), audited.
/// </summary>
public sealed class BillingReminderService(
    TechnoparkDbContext db,
    Receivables receivables,
    CompanyReaders readers,
    AuditTrail audit,
    IStringLocalizer<SharedResource> text,
    PublicUrls urls,
    TimeProvider clock)
{
    /// <summary>The site's companies with invoices overdue today, by name.</summary>
    public async Task<IReadOnlyList<ReminderCandidate>> CandidatesAsync(int siteId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var overdue = await receivables.OpenOnDay(siteId, today).Where(i => i.DueOn < today)
            .Select(i => new { i.CompanyId, i.InvoiceId, i.Number, i.DueOn, Open = i.Total - i.Credited - i.Paid })
            .ToListAsync(cancellationToken);
        var ids = overdue.Select(i => i.CompanyId).Distinct().ToList();
        var names = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.LegalName, cancellationToken);
        var last = await db.BillingReminders.AsNoTracking().Where(r => r.SiteId == siteId && ids.Contains(r.CompanyId))
            .GroupBy(r => r.CompanyId).Select(g => new { CompanyId = g.Key, Last = g.Max(r => r.SentAt) })
            .ToDictionaryAsync(r => r.CompanyId, r => r.Last, cancellationToken);
        var now = clock.GetUtcNow();
        return [.. overdue.GroupBy(i => i.CompanyId).Select(g =>
            {
                DateTimeOffset? sent = last.TryGetValue(g.Key, out var at) ? at : null;
                return new ReminderCandidate(g.Key, names[g.Key],
                    [.. g.OrderBy(i => i.DueOn).ThenBy(i => i.Number, StringComparer.Ordinal).Select(i => new OverdueInvoice(i.InvoiceId, i.Number, i.DueOn, i.Open))],
                    sent, ReminderInterval.Wait(sent, now));
            })
            .OrderBy(c => c.LegalName, StringComparer.CurrentCulture)];
    }

    /// <summary>Reminds every company of the site that has overdue invoices today and was not reminded in the last week. Returns how many.</summary>
    public async Task<int> SendAsync(int siteId, string userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockSiteAsync(siteId, cancellationToken);
        var due = (await CandidatesAsync(siteId, cancellationToken)).Where(c => c.CanSend).ToList();
        var now = clock.GetUtcNow();
        var siteName = await db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).SingleAsync(cancellationToken);
        var members = await readers.MembersOfAsync([.. due.Select(c => c.CompanyId)], cancellationToken);
        foreach (var company in due)
        {
            db.BillingReminders.Add(BillingReminder.Create(siteId, company.CompanyId, company.Invoices.Count, company.Overdue, userId, now));
            var link = urls.Page("/Companies/Invoices", new { id = company.CompanyId });
            await readers.NotifyAsync(members[company.CompanyId], () =>
            {
                string[] body =
                [
                    text["BillingRemind.Body", company.LegalName, siteName], string.Empty,
                    .. company.Invoices.Select(i => text["BillingRemind.Line", i.Number, Display.Day(i.DueOn), text.Money(i.Open)].Value), string.Empty,
                    text["BillingRemind.Total", text.Money(company.Overdue)], string.Empty,
                    text["BillingRemind.Link", link], string.Empty,
                    text["BillingRemind.Closing", siteName],
                ];
                return (text["BillingRemind.Subject", company.LegalName], string.Join("\n", body));
            }, cancellationToken);
            audit.Record("billing.reminded", "Company", company.CompanyId, siteId, null, new
            {
                invoices = company.Invoices.Select(i => i.Number),
                overdue = company.Overdue,
                members = members[company.CompanyId].Count(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
