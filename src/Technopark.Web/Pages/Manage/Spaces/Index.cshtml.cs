using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage.Spaces;

/// <summary>The site's space inventory, with who holds each office or seat today.</summary>
public sealed class IndexModel(TechnoparkDbContext db, TimeProvider clock) : SitePageModel
{
    protected override string Policy => Policies.SiteManager;

    public IReadOnlyList<Row> Spaces { get; private set; } = [];

    public SpaceKind? Kind { get; private set; }

    public async Task OnGetAsync(SpaceKind? kind, CancellationToken cancellationToken)
    {
        Kind = kind is { } k && Enum.IsDefined(k) ? k : null;
        var today = clock.Today();
        var siteId = Site.SiteId;
        var held = db.Assignments.HeldOn(today);
        var rows = await db.Spaces.AsNoTracking()
            .Where(s => s.SiteId == siteId && (Kind == null || s.Kind == Kind))
            .OrderBy(s => s.Floor).ThenBy(s => s.Code)
            .Select(s => new
            {
                s.Id, s.Code, s.Kind, s.Floor, s.AreaSquareMeters, s.Seats, s.MonthlyRate, s.IsActive,
                Used = held.Where(a => a.SpaceId == s.Id)
                    .Sum(a => (int?)a.Seats) ?? 0,
                Holder = held.Where(a => a.SpaceId == s.Id && a.IsExclusive)
                    .Join(db.Companies, a => a.CompanyId, c => c.Id, (a, c) => c.LegalName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        Spaces = [.. rows.Select(r => new Row(r.Id, r.Code, r.Kind, r.Floor, r.AreaSquareMeters, r.Seats, r.MonthlyRate, r.IsActive, r.Used, r.Holder))];
    }

    /// <summary>
    /// The site's inventory as the import reads it (<see cref="SpaceCsv.ExportColumns"/>: French column names, ';', decimal
    /// commas), rooms with their booking settings: exported, edited in a spreadsheet, imported back elsewhere.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var siteId = Site.SiteId;
        var rows = await (from s in db.Spaces.AsNoTracking()
                          where s.SiteId == siteId
                          join r in db.RoomSettings.AsNoTracking() on s.Id equals r.SpaceId into room
                          from r in room.DefaultIfEmpty()
                          orderby s.Floor, s.Code
                          select new { Space = s, Room = r }).ToListAsync(cancellationToken);
        var bytes = Hq.CsvExport.Write(SpaceCsv.ExportColumns, rows.Select(r => SpaceCsv.ExportRow(r.Space, r.Room)));
        return File(bytes, Hq.CsvExport.ContentType, $"espaces-{Site.Slug}.csv");
    }

    public sealed record Row(int Id, string Code, SpaceKind Kind, int Floor, decimal Area, int Seats, decimal Rate, bool IsActive, int SeatsUsed, string? Holder);
}
