using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Reporting;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;

namespace Technopark.Web.Seeding;

/// <summary>
/// The reporting demo: "Bab Bahr Robotics SARL" (the resident company of the demo, created by the residents' seeder; skipped
/// when absent) has declared last year, left "Declared" so that the Tanger manager can validate it, and its last two ended
/// quarters; another Tanger company has a history of reminders (three weeks ago and three days ago, so the next one waits).
/// The figures are invented, plausible for a young robotics startup. Does nothing twice.
/// </summary>
public sealed class DemoReporting(TechnoparkDbContext db, TimeProvider clock) : IDemoSeeder
{
    public const string ResidentCompany = "Bab Bahr Robotics SARL";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var owner = await UserIdAsync("resident@technopark.ma", cancellationToken) ?? "demo";
        var manager = await UserIdAsync("manager.tanger@technopark.ma", cancellationToken) ?? "demo";
        var resident = await db.Companies.Where(c => c.LegalName == ResidentCompany).Select(c => new { c.Id, c.SiteId }).FirstOrDefaultAsync(cancellationToken);
        if (resident is not null && !await db.Declarations.AnyAsync(d => d.CompanyId == resident.Id, cancellationToken))
        {
            var year = ReportingPeriod.YearDueOn(today);
            db.Declarations.Add(Declaration.Create(resident.Id, year, DeclarationFigures.Create(6.5m, 1_850_000m, 150_000m, 0m, 500_000m, 20_000m, true), owner, now.AddDays(-12), today));
            var lastQuarter = LastEndedQuarter(today);
            var previousQuarter = lastQuarter.Quarter == 1 ? new ReportingPeriod(lastQuarter.Year - 1, 4) : new ReportingPeriod(lastQuarter.Year, lastQuarter.Quarter - 1);
            var earlier = Declaration.Create(resident.Id, previousQuarter, DeclarationFigures.Create(7m, 520_000m, 0m, 0m, 0m, 0m, true), owner, now.AddDays(-40), today);
            earlier.Validate(manager, now.AddDays(-35));
            db.Declarations.Add(earlier);
            db.Declarations.Add(Declaration.Create(resident.Id, lastQuarter, DeclarationFigures.Create(7.5m, 610_000.5m, 0m, 250_000m, 0m, 0m, true), owner, now.AddDays(-5), today));
        }

        var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        var reminded = await db.Companies.AsNoTracking()
            .Where(c => c.SiteId == tanger && c.ExitedOn == null && c.LegalName != ResidentCompany && db.Assignments.Any(a => a.CompanyId == c.Id))
            .OrderBy(c => c.LegalName).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (reminded is { } companyId && !await db.ReportingReminders.AnyAsync(cancellationToken))
        {
            var year = ReportingPeriod.YearDueOn(today).Year;
            db.ReportingReminders.Add(ReportingReminder.Create(companyId, year, manager, now.AddDays(-21)));
            db.ReportingReminders.Add(ReportingReminder.Create(companyId, year, manager, now.AddDays(-3)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The last quarter over on <paramref name="today"/>.</summary>
    private static ReportingPeriod LastEndedQuarter(DateOnly today)
    {
        var current = ((today.Month - 1) / 3) + 1;
        return current == 1 ? new ReportingPeriod(today.Year - 1, 4) : new ReportingPeriod(today.Year, current - 1);
    }

    private Task<string?> UserIdAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.ToUpperInvariant();
        return db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
