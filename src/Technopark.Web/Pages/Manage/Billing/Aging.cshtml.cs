using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Billing;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Hq;
using Technopark.Web.Validation;

namespace Technopark.Web.Pages.Manage.Billing;

/// <summary>
/// The site's aged receivables on any day (per company: the five buckets, total open, credit on account; a totals row), its CSV, and
/// the reminders of today's overdue invoices (a confirmation lists who gets one and who is skipped until when).
/// </summary>
public sealed class AgingModel(
    TechnoparkDbContext db,
    Receivables receivables,
    BillingReminderService reminders,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock) : BillingPageModel
{
    public static readonly AgingBucket[] Buckets = Enum.GetValues<AgingBucket>();

    public DateOnly On { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The day asked could not be read (today is shown).</summary>
    public bool Rejected { get; private set; }

    public IReadOnlyList<AgingLine> Rows { get; private set; } = [];

    public AgingLine? Totals { get; private set; }

    /// <summary>Set when the reminders wait for confirmation: the companies with overdue invoices today.</summary>
    public IReadOnlyList<ReminderCandidate>? Candidates { get; private set; }

    public async Task OnGetAsync(string? on, CancellationToken cancellationToken) => await LoadAsync(on, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(string? on, CancellationToken cancellationToken)
    {
        await LoadAsync(on, cancellationToken);
        var bytes = CsvExport.InFrench(() =>
        {
            string[] headers = [text["BillingAging.Col.Day"], text["BillingAging.Company"], .. Buckets.Select(b => text.Name(b)), text["BillingAging.TotalOpen"],
                text["BillingAging.Credit"]];
            var lines = Rows.Append(Totals!).Select(r => (IReadOnlyList<object?>)[Display.Iso(On), r.CompanyId is null ? text["BillingAging.Total"].Value : r.Name,
                .. Buckets.Select(b => (object?)r.Amounts[b]), r.Amounts.Total, r.Credit]).ToList();
            return CsvExport.Write(headers, lines);
        });
        return File(bytes, CsvExport.ContentType, $"balance-agee-{Site.Slug}-{Display.Iso(On)}.csv");
    }

    /// <summary>"Send reminders": the confirmation first (who gets one, who is skipped), then the sending, from today's figures.</summary>
    public async Task<IActionResult> OnPostRemindersAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            await LoadAsync(null, cancellationToken);
            Candidates = await reminders.CandidatesAsync(Site.SiteId, cancellationToken);
            return Page();
        }

        var sent = await reminders.SendAsync(Site.SiteId, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        TempData["Status"] = text["BillingRemind.Sent", Display.Count(sent)].Value;
        return RedirectToPage(new { slug = Site.Slug });
    }

    private async Task LoadAsync(string? on, CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        Today = clock.Today();
        Rejected = DayParameter.IsRejected(on);
        On = DayParameter.OrToday(on, Today);
        var aging = await receivables.AgingAsync(siteId, On, byCompany: true, cancellationToken);
        var credits = await receivables.CreditsAsync(siteId, On, cancellationToken);
        var ids = aging.Select(r => r.CompanyId!.Value).Union(credits.Keys).ToList();
        var names = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id) && c.SiteId == siteId).ToDictionaryAsync(c => c.Id, c => c.LegalName, cancellationToken);
        var empty = new AgingRow(siteId, null, 0, 0, 0, 0, 0);
        Rows = [.. ids.Where(names.ContainsKey).Select(id => new AgingLine(id, names[id],
                aging.FirstOrDefault(r => r.CompanyId == id) ?? empty with { CompanyId = id }, credits.GetValueOrDefault(id)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)];
        Totals = new AgingLine(null, string.Empty, new AgingRow(siteId, null, Rows.Sum(r => r.Amounts.NotDue), Rows.Sum(r => r.Amounts.Days1To30),
            Rows.Sum(r => r.Amounts.Days31To60), Rows.Sum(r => r.Amounts.Days61To90), Rows.Sum(r => r.Amounts.Over90)), Rows.Sum(r => r.Credit));
    }

    /// <summary>A row of the table: a company (or the totals when <see cref="CompanyId"/> is null), its buckets and its credit on the day.</summary>
    public sealed record AgingLine(int? CompanyId, string Name, AgingRow Amounts, decimal Credit);
}
