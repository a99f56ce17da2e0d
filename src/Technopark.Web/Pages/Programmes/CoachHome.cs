using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Programmes;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;

namespace Technopark.Web.Pages.Programmes;

/// <summary>
/// A company a person coaches today: its site and programme, since when, the last session (null: none yet), the days since it
/// (or since the enrolment started, when none), whether it is quiet (<see cref="CoachingSession.IsQuiet"/>, the rule the programme
/// figures use) and the requests waiting for the coach's answer.
/// </summary>
public sealed record CoachedRow(int CompanyId, string Company, string Site, string Programme, DateOnly Since, DateOnly? LastSession, int DaysSince,
    int OpenRequests, bool IsQuiet);

/// <summary>
/// The coach's home: the companies whose current enrolment names the person as coach, on a site where they are staff (the same
/// scope as <see cref="Authorization.CompanyAccessReader"/>, so every row opens the company's coaching page).
/// </summary>
public sealed class CoachHome(TechnoparkDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<CoachedRow>> CoacheesAsync(string userId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var rows = await (from e in Current(userId, today)
                          join c in db.Companies on e.CompanyId equals c.Id
                          join s in db.Sites on e.SiteId equals s.Id
                          join p in db.Programmes on e.ProgrammeId equals p.Id
                          select new
                          {
                              c.Id,
                              c.LegalName,
                              Site = s.Name,
                              Programme = p.Name,
                              Since = e.Period.Start,
                              Last = db.CoachingSessions.Where(x => x.EnrolmentId == e.Id).Max(x => (DateOnly?)x.HeldOn),
                              Open = db.SessionRequests.Count(r => r.EnrolmentId == e.Id && r.State == SessionRequestState.Open),
                          }).ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new CoachedRow(r.Id, r.LegalName, r.Site, r.Programme, r.Since, r.Last, today.DayNumber - (r.Last ?? r.Since).DayNumber, r.Open,
                CoachingSession.IsQuiet(r.Since, r.Last, today)))
            .OrderByDescending(r => r.IsQuiet).ThenByDescending(r => r.OpenRequests).ThenBy(r => r.Company, StringComparer.CurrentCulture)];
    }

    private IQueryable<Enrolment> Current(string userId, DateOnly today) => CoachedBy(db, userId, today);

    /// <summary>
    /// The one coach scope: the enrolments current on <paramref name="today"/> that name <paramref name="userId"/> as coach, on a site
    /// where the person still has a role. Company access, the coach's home and the user menu all read it.
    /// </summary>
    public static IQueryable<Enrolment> CoachedBy(TechnoparkDbContext db, string userId, DateOnly today) =>
        db.Enrolments.AsNoTracking().Where(e => e.CoachUserId == userId && e.Period.Start <= today && (e.Period.End == null || e.Period.End > today)
            && db.SiteStaff.Any(s => s.SiteId == e.SiteId && s.UserId == userId));
}
