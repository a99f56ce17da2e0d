using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Assignments;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Manage;

public sealed record AssignmentRow(int Id, string SpaceCode, int SpaceId, string Company, int CompanyId, DateOnly Start, DateOnly? LastDay, int Seats, decimal Rent,
    AssignmentEnd? EndReason);

public sealed record AuditRow(DateTimeOffset At, string? Who, string Action, string? Before, string? After);

/// <summary>The history of a space or a company: every assignment (never deleted) and who changed what.</summary>
public sealed class History(TechnoparkDbContext db)
{
    public async Task<IReadOnlyList<AssignmentRow>> AssignmentsAsync(int siteId, int? spaceId, int? companyId, CancellationToken cancellationToken)
    {
        var rows = await db.Assignments.AsNoTracking()
            .Where(a => a.SiteId == siteId && (spaceId == null || a.SpaceId == spaceId) && (companyId == null || a.CompanyId == companyId))
            .Join(db.Spaces, a => a.SpaceId, s => s.Id, (a, s) => new { a, s.Code })
            .Join(db.Companies, x => x.a.CompanyId, c => c.Id, (x, c) => new
            {
                x.a.Id, x.Code, x.a.SpaceId, c.LegalName, CompanyId = c.Id, x.a.Period.Start, x.a.Period.End, x.a.Seats, x.a.MonthlyRent, x.a.EndReason,
            })
            .OrderByDescending(r => r.Start)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AssignmentRow(r.Id, r.Code, r.SpaceId, r.LegalName, r.CompanyId, r.Start, r.End?.AddDays(-1), r.Seats, r.MonthlyRent, r.EndReason))];
    }

    /// <summary>Audit entries of the given entities (type → ids), newest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> AuditAsync(int siteId, string entityType, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var keys = ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var rows = await db.AuditLog.AsNoTracking()
            .Where(a => a.SiteId == siteId && a.EntityType == entityType && keys.Contains(a.EntityId))
            .OrderByDescending(a => a.At).Take(200)
            .Select(a => new { a.At, a.UserEmail, a.Action, a.Before, a.After })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AuditRow(r.At, r.UserEmail, r.Action, r.Before, r.After))];
    }
}
