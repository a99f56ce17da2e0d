using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Reporting;
using Technopark.Infrastructure;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Reporting;

namespace Technopark.Web.Pages.Manage.Reporting;

/// <summary>
/// The site's follow-up of a year's declarations: who owes it and has not declared (remind them, one a week per company),
/// what waits for validation, what is validated. Site staff read; managers act.
/// </summary>
public sealed class IndexModel(ReportingService reporting, IAuthorizationService authorization, IStringLocalizer<SharedResource> text, TimeProvider clock) : SitePageModel
{
    /// <summary>How many years back the year picker goes.</summary>
    public const int YearsShown = 10;

    public int Year { get; private set; }

    public IReadOnlyList<int> YearChoices { get; private set; } = [];

    public IReadOnlyList<MissingRow> Missing { get; private set; } = [];

    public IReadOnlyList<DeclarationRow> ToValidate { get; private set; } = [];

    public IReadOnlyList<DeclarationRow> Validated { get; private set; } = [];

    /// <summary>Managers of the site send reminders and open declarations to validate them.</summary>
    public bool CanAct { get; private set; }

    /// <summary>Set when "remind all" waits for confirmation: how many companies would get a reminder.</summary>
    public int? RemindAllCount { get; private set; }

    public int Remindable => Missing.Count(m => m.NextAllowed is null);

    public async Task OnGetAsync(int? year, CancellationToken cancellationToken) => await LoadAsync(year, cancellationToken);

    public async Task<IActionResult> OnPostRemindAsync(int year, int companyId, CancellationToken cancellationToken)
    {
        if (await RefuseAsync() is { } refused)
        {
            return refused;
        }

        var sent = await reporting.RemindAsync(Site.SiteId, Clamp(year), [companyId], UserId, cancellationToken);
        TempData["Message"] = text[sent == 1 ? "Reporting.Reminded" : "Reporting.RemindSkipped"].Value;
        return RedirectToPage(new { slug = Site.Slug, year = Clamp(year) });
    }

    public async Task<IActionResult> OnPostRemindAllAsync(int year, bool confirmed, CancellationToken cancellationToken)
    {
        if (await RefuseAsync() is { } refused)
        {
            return refused;
        }

        await LoadAsync(year, cancellationToken);
        if (!confirmed)
        {
            RemindAllCount = Remindable;
            return Page();
        }

        var sent = await reporting.RemindAsync(Site.SiteId, Year, [.. Missing.Select(m => m.CompanyId)], UserId, cancellationToken);
        TempData["Message"] = text["Reporting.RemindedAll", Display.Count(sent)].Value;
        return RedirectToPage(new { slug = Site.Slug, year = Year });
    }

    private string UserId => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;

    /// <summary>The last ended year by default; never a year not ended yet, never before the network's first.</summary>
    private int Clamp(int? year)
    {
        var last = ReportingPeriod.YearDueOn(clock.Today()).Year;
        return year is { } y && y >= ReportingPeriod.FirstYear && y <= last ? y : last;
    }

    private async Task<IActionResult?> RefuseAsync() =>
        (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded ? null : Forbid();

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        Year = Clamp(year);
        var last = ReportingPeriod.YearDueOn(clock.Today()).Year;
        YearChoices = [.. Enumerable.Range(0, YearsShown).Select(i => last - i).Where(y => y >= ReportingPeriod.FirstYear).Union([Year]).OrderDescending()];
        CanAct = !IsHqReadOnly && (await authorization.AuthorizeAsync(User, Site, Policies.SiteManager)).Succeeded;
        Missing = await reporting.MissingAsync(Site.SiteId, Year, cancellationToken);
        var declarations = await reporting.DeclarationsAsync(Site.SiteId, Year, cancellationToken);
        ToValidate = [.. declarations.Where(d => d.Status == DeclarationStatus.Declared)];
        Validated = [.. declarations.Where(d => d.Status == DeclarationStatus.Validated)];
    }
}
