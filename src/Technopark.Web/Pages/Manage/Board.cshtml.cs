using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;

namespace Technopark.Web.Pages.Manage;

/// <summary>
/// The occupancy board of a site on any day: every office and coworking space in service that day grouped by
/// floor, who holds it that day, until when and for what rent; free ones highlighted, assignments ending
/// within 60 days flagged. One SQL statement (spaces left-joined to that day's assignments) whatever the size
/// of the site. Two views: tiles, and a compact table (one line per space), the default for sites with
/// more than <see cref="CompactAbove"/> spaces; a coworking space shows its seats used of total (stays and the
/// digital nomads' live passes of the day, one seat each), its occupants and pass holders folded away.
/// </summary>
public sealed class BoardModel(TechnoparkDbContext db, TimeProvider clock) : SitePageModel
{

    /// <summary>Above this many spaces the board opens in the compact view (tiles would run for metres).</summary>
    public const int CompactAbove = 40;

    public const string TilesView = "tiles";

    public const string CompactView = "compact";

    protected override string Policy => Policies.SiteManager;

    public DateOnly On { get; private set; }

    public SpaceKind? Kind { get; private set; }

    public string State { get; private set; } = "all";

    /// <summary><see cref="TilesView"/> or <see cref="CompactView"/>.</summary>
    public string View { get; private set; } = TilesView;

    public bool IsCompact => View == CompactView;

    public IReadOnlyList<IGrouping<int, Tile>> Floors { get; private set; } = [];

    public int Free { get; private set; }

    public int EndingSoon { get; private set; }

    /// <summary>Active offices on the board (every one unless filtered by kind): the site dashboard's and HQ's figure.</summary>
    public int OfficesTotal { get; private set; }

    public int OfficesOccupied { get; private set; }

    /// <summary>Seats of the coworking spaces in service that day, and those held (never more than a space's seats).</summary>
    public int SeatsTotal { get; private set; }

    public int SeatsOccupied { get; private set; }

    public async Task OnGetAsync(string? on, SpaceKind? kind, string? state, string? view, CancellationToken cancellationToken)
    {
        On = Validation.DayParameter.OrToday(on, clock.Today());
        Kind = kind is SpaceKind.Office or SpaceKind.Coworking ? kind : null;
        State = state is "free" or "occupied" or "ending" ? state : "all";
        var siteId = Site.SiteId;
        var day = On;
        var held = db.Assignments
            .HeldOn(day).Where(a => a.SiteId == siteId)
            .Join(db.Companies, a => a.CompanyId, c => c.Id, (a, c) => new { a.Id, a.SpaceId, c.LegalName, a.Period.Start, a.Period.End, a.Seats, a.MonthlyRent });
        var rows = await db.Spaces.AsNoTracking().InServiceOn(day)
            .Where(s => s.SiteId == siteId && (s.Kind == SpaceKind.Office || s.Kind == SpaceKind.Coworking))
            .Where(s => Kind == null || s.Kind == Kind)
            .LeftJoin(held, s => s.Id, h => h.SpaceId, (s, h) => new
            {
                s.Id, s.Code, s.Kind, s.Floor, s.Seats,
                // Nullable casts: a free space comes back once, with NULLs for the assignment.
                AssignmentId = (int?)h!.Id,
                Company = (string?)h.LegalName,
                Start = (DateOnly?)h.Start,
                h.End,
                Taken = (int?)h.Seats,
                Rent = (decimal?)h.MonthlyRent,
            })
            .ToListAsync(cancellationToken);
        var passes = (await db.CoworkingPasses.AsNoTracking().LiveOn(day).Where(p => p.SiteId == siteId)
            .OrderBy(p => p.HolderName).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.SpaceId, p.HolderName, p.Period.End })
            .ToListAsync(cancellationToken))
            .ToLookup(p => p.SpaceId, p => new PassHolder(p.Id, p.HolderName, p.End!.Value.AddDays(-1)));
        var tiles = rows.GroupBy(r => r.Id).Select(g =>
        {
            var s = g.First();
            var holders = g.Where(r => r.Start is not null)
                .Select(r => new Holder(r.AssignmentId!.Value, r.Id, r.Company!, r.Start!.Value, r.End, r.Taken!.Value, r.Rent!.Value))
                .OrderBy(h => h.Start).ToList();
            var nomads = passes[s.Id].ToList();
            var used = holders.Sum(h => h.Seats) + nomads.Count * Domain.Assignments.OfficeAllocation.SeatsPerPass;
            var isFree = Space.HasRoom(s.Kind, s.Seats, holders.Count + nomads.Count, used);
            var ending = holders.Any(h => Domain.Assignments.EndingSoon.Within(h.End, On, Domain.Assignments.EndingSoon.BoardWithinDays));
            return new Tile(s.Id, s.Code, s.Kind, s.Floor, s.Seats, used, isFree, ending, holders, nomads);
        }).ToList();
        View = view is TilesView or CompactView ? view : tiles.Count > CompactAbove ? CompactView : TilesView;
        Free = tiles.Count(t => t.IsFree);
        EndingSoon = tiles.Count(t => t.EndingSoon);
        var offices = tiles.Where(t => t.Kind == SpaceKind.Office).ToList();
        var coworking = tiles.Where(t => t.Kind == SpaceKind.Coworking).ToList();
        (OfficesTotal, OfficesOccupied) = (offices.Count, offices.Count(t => t.Holders.Count > 0));
        (SeatsTotal, SeatsOccupied) = (coworking.Sum(t => t.Seats), coworking.Sum(t => Math.Min(t.SeatsUsed, t.Seats)));
        Floors = [.. tiles
            .Where(t => State switch { "free" => t.IsFree, "occupied" => t.IsOccupied, "ending" => t.EndingSoon, _ => true })
            .OrderBy(t => t.Floor).ThenBy(t => t.Kind).ThenBy(t => t.Code, StringComparer.Ordinal)
            .GroupBy(t => t.Floor)];
    }

    public sealed record Holder(int AssignmentId, int SpaceId, string Company, DateOnly Start, DateOnly? End, int Seats, decimal Rent)
    {
        /// <summary>The last day of the assignment (periods are half-open), or null when open-ended.</summary>
        public DateOnly? LastDay => End?.AddDays(-1);
    }

    /// <summary>A digital nomad's live pass on the day: who, and the last day it covers.</summary>
    public sealed record PassHolder(int PassId, string HolderName, DateOnly LastDay);

    public sealed record Tile(int SpaceId, string Code, SpaceKind Kind, int Floor, int Seats, int SeatsUsed, bool IsFree, bool EndingSoon,
        IReadOnlyList<Holder> Holders, IReadOnlyList<PassHolder> Passes)
    {
        /// <summary>Someone holds it that day: a company, or (coworking) a pass holder.</summary>
        public bool IsOccupied => Holders.Count > 0 || Passes.Count > 0;
    }
}
