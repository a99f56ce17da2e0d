using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Programmes;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Programmes;

/// <summary>A site's programme figures on a day, with the names its pages show.</summary>
public sealed record SiteProgrammeFigures(int SiteId, string Slug, string SiteName, IReadOnlyList<ProgrammeFigure> Programmes,
    IReadOnlyDictionary<int, string> Companies);

/// <summary>
/// Loads what <see cref="ProgrammeFigures"/> needs for one site or for every site at once, in five statements whatever the
/// number of sites and programmes (AsNoTracking projections; sessions only of the enrolments current on the day, the only
/// ones that count), and computes the figures per site.
/// </summary>
public sealed class ProgrammeFiguresReader(TechnoparkDbContext db)
{
    public async Task<IReadOnlyList<SiteProgrammeFigures>> ReadAsync(int? siteId, DateOnly day, CancellationToken cancellationToken)
    {
        var programmes = await (from p in db.Programmes.AsNoTracking()
                                where siteId == null || p.SiteId == siteId
                                join s in db.Sites on p.SiteId equals s.Id
                                orderby s.Name, !p.IsActive, p.Name
                                select new { Programme = new FigureProgramme(p.Id, p.SiteId, p.Kind, p.Name, p.IsActive), s.Slug, SiteName = s.Name })
            .ToListAsync(cancellationToken);
        var milestones = await db.ProgrammeMilestones.AsNoTracking()
            .Where(m => db.Programmes.Any(p => p.Id == m.ProgrammeId && (siteId == null || p.SiteId == siteId)))
            .Select(m => new FigureMilestone(m.Id, m.ProgrammeId, m.Name, m.Position, m.IsActive)).ToListAsync(cancellationToken);
        var enrolments = await (from e in db.Enrolments.AsNoTracking()
                                where (siteId == null || e.SiteId == siteId) && e.Period.Start <= day
                                join c in db.Companies on e.CompanyId equals c.Id
                                select new { e.SiteId, Enrolment = new FigureEnrolment(e.Id, e.ProgrammeId, e.CompanyId, e.Period.Start, e.Period.End), c.LegalName })
            .ToListAsync(cancellationToken);
        var sessions = await (from s in db.CoachingSessions.AsNoTracking()
                              join e in db.Enrolments on s.EnrolmentId equals e.Id
                              where (siteId == null || e.SiteId == siteId) && s.HeldOn <= day
                                  && e.Period.Start <= day && (e.Period.End == null || e.Period.End > day)
                              select new FigureSession(s.EnrolmentId, s.HeldOn, s.Minutes)).ToListAsync(cancellationToken);
        var reached = await (from r in db.ReachedMilestones.AsNoTracking()
                             join e in db.Enrolments on r.EnrolmentId equals e.Id
                             where (siteId == null || e.SiteId == siteId) && r.ReachedOn <= day
                             select new FigureReached(r.EnrolmentId, r.MilestoneId, r.ReachedOn)).ToListAsync(cancellationToken);

        var companies = enrolments.GroupBy(e => e.Enrolment.CompanyId).ToDictionary(g => g.Key, g => g.First().LegalName);
        var enrolmentsBySite = enrolments.ToLookup(e => e.SiteId, e => e.Enrolment);
        return [.. programmes.GroupBy(p => (p.Programme.SiteId, p.Slug, p.SiteName)).Select(site =>
        {
            var ofSite = enrolmentsBySite[site.Key.SiteId].ToList();
            var ids = ofSite.Select(e => e.Id).ToHashSet();
            var figures = ProgrammeFigures.Compute(site.Select(p => p.Programme), ofSite, sessions.Where(s => ids.Contains(s.EnrolmentId)),
                milestones, reached.Where(r => ids.Contains(r.EnrolmentId)), day);
            return new SiteProgrammeFigures(site.Key.SiteId, site.Key.Slug, site.Key.SiteName, figures, companies);
        })];
    }
}
