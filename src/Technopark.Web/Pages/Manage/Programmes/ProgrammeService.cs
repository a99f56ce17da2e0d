using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Programmes;
using Technopark.Domain.Staff;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Programme = Technopark.Domain.Programmes.Programme;

namespace Technopark.Web.Pages.Manage.Programmes;

/// <summary>A person a site's manager may name as a company's coach: the site's staff with the role Coach or SiteManager.</summary>
public sealed record CoachOption(string UserId, string Label);

/// <summary>
/// A site's programmes and enrolments as its managers keep them: the rules are the domain's (<see cref="Programme"/>,
/// <see cref="Enrolment"/>); this adds what spans aggregates (the company a resident of the site today, the coach one of its
/// staff), the database's guard turned into its code (one programme at a time: <see cref="DbConstraints.EnrolmentNoOverlap"/>
/// → <c>Enrolment.Overlap</c>), the audit entry of every change and the coach's email. Every id is scoped to the site:
/// another site's programme or enrolment is not found.
/// </summary>
public sealed class ProgrammeService(TechnoparkDbContext db, AuditTrail audit, CoachMail mail, TimeProvider clock)
{
    public async Task<int> CreateAsync(int siteId, ProgrammeKind kind, string? name, int months, string? services, IEnumerable<string> milestones,
        CancellationToken cancellationToken)
    {
        var programme = Programme.Create(siteId, kind, name, months, services, milestones);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Programmes.Add(programme);
        await SaveProgrammeAsync(cancellationToken);
        audit.Record("programme.created", nameof(Programme), programme.Id, siteId, null, Snapshot(programme));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return programme.Id;
    }

    public async Task EditAsync(int siteId, int programmeId, ProgrammeKind kind, string? name, int months, string? services, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(siteId, programmeId, cancellationToken);
        var before = Snapshot(programme);
        programme.Edit(kind, name, months, services);
        audit.Record("programme.edited", nameof(Programme), programme.Id, siteId, before, Snapshot(programme));
        await SaveProgrammeAsync(cancellationToken);
    }

    public async Task AddMilestoneAsync(int siteId, int programmeId, string? name, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(siteId, programmeId, cancellationToken);
        var milestone = programme.AddMilestone(name);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("programme.milestone.added", nameof(ProgrammeMilestone), milestone.Id, siteId, null, new { programmeId, milestone.Name, milestone.Position });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task MoveMilestoneAsync(int siteId, int programmeId, int milestoneId, bool up, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(siteId, programmeId, cancellationToken);
        programme.MoveMilestone(milestoneId, up);
        audit.Record("programme.milestone.moved", nameof(ProgrammeMilestone), milestoneId, siteId, null, new { programmeId, up, order = Order(programme) });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RetireMilestoneAsync(int siteId, int programmeId, int milestoneId, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(siteId, programmeId, cancellationToken);
        programme.RetireMilestone(milestoneId);
        audit.Record("programme.milestone.retired", nameof(ProgrammeMilestone), milestoneId, siteId, new { programmeId, isActive = true }, new { programmeId, isActive = false });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Retires the programme (no new company) or reopens it.</summary>
    public async Task SetActiveAsync(int siteId, int programmeId, bool active, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(siteId, programmeId, cancellationToken);
        if (programme.IsActive == active)
        {
            return;
        }

        if (active)
        {
            programme.Reopen();
        }
        else
        {
            programme.Retire();
        }

        audit.Record(active ? "programme.reopened" : "programme.retired", nameof(Programme), programmeId, siteId, new { isActive = !active }, new { isActive = active });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Enrols a company resident of the site today in the programme from <paramref name="start"/>, with its coach (emailed).</summary>
    public async Task<int> EnrolAsync(int siteId, int programmeId, int companyId, string? coachUserId, DateOnly start, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(siteId, programmeId, cancellationToken);
        var today = clock.Today();
        var company = await db.Companies.Where(c => c.Id == companyId && c.SiteId == siteId && (c.ExitedOn == null || c.ExitedOn > today))
            .Select(c => new { c.SiteId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Programmes.CompanyNotResident") { Field = nameof(Enrolment.CompanyId) };
        await EnsureCoachAsync(siteId, coachUserId, cancellationToken);
        var enrolment = Enrolment.Create(programme, companyId, company.SiteId, coachUserId, start);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Enrolments.Add(enrolment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsExclusionViolation(e, DbConstraints.EnrolmentNoOverlap))
        {
            db.Enrolments.Entry(enrolment).State = EntityState.Detached;
            throw new DomainException("Enrolment.Overlap") { Field = nameof(Enrolment.CompanyId) };
        }

        audit.Record("enrolment.created", nameof(Enrolment), enrolment.Id, siteId, null,
            new { programmeId, companyId, coachUserId = enrolment.CoachUserId, start = enrolment.Period.Start });
        if (enrolment.CoachUserId is { } coach)
        {
            await mail.NamedAsync(coach, companyId, programme.Name, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enrolment.Id;
    }

    public async Task ChangeCoachAsync(int siteId, int programmeId, int enrolmentId, string? coachUserId, CancellationToken cancellationToken)
    {
        var enrolment = await FindEnrolmentAsync(siteId, programmeId, enrolmentId, cancellationToken);
        await EnsureCoachAsync(siteId, coachUserId, cancellationToken);
        var before = enrolment.CoachUserId;
        enrolment.ChangeCoach(coachUserId, clock.Today());
        if (before == enrolment.CoachUserId)
        {
            return;
        }

        audit.Record("enrolment.coach", nameof(Enrolment), enrolmentId, siteId, new { coachUserId = before }, new { coachUserId = enrolment.CoachUserId });
        if (enrolment.CoachUserId is { } coach)
        {
            var name = await db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Name).SingleAsync(cancellationToken);
            await mail.NamedAsync(coach, enrolment.CompanyId, name, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends the enrolment on <paramref name="day"/> (the first day out of the programme).</summary>
    public async Task EndAsync(int siteId, int programmeId, int enrolmentId, DateOnly day, CancellationToken cancellationToken)
    {
        var enrolment = await FindEnrolmentAsync(siteId, programmeId, enrolmentId, cancellationToken);
        enrolment.End(DateRangeLimits.Check(day, "End"));
        audit.Record("enrolment.ended", nameof(Enrolment), enrolmentId, siteId, new { end = (DateOnly?)null }, new { end = enrolment.Period.End });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The site's staff a company's coach may be (role Coach or SiteManager), with their name and email, by label.</summary>
    public async Task<IReadOnlyList<CoachOption>> CoachesAsync(int siteId, CancellationToken cancellationToken)
    {
        var people = await (from s in db.SiteStaff
                            where s.SiteId == siteId && (s.Role == SiteRole.Coach || s.Role == SiteRole.SiteManager)
                            join u in db.Users on s.UserId equals u.Id
                            select new { u.Id, u.DisplayName, u.Email }).Distinct().ToListAsync(cancellationToken);
        return [.. people.Select(p => new CoachOption(p.Id, string.IsNullOrWhiteSpace(p.DisplayName) ? p.Email ?? p.Id : $"{p.DisplayName} ({p.Email})"))
            .OrderBy(p => p.Label, StringComparer.CurrentCulture)];
    }

    private async Task EnsureCoachAsync(int siteId, string? coachUserId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(coachUserId))
        {
            return;
        }

        var isStaff = await db.SiteStaff.AnyAsync(s => s.SiteId == siteId && s.UserId == coachUserId
            && (s.Role == SiteRole.Coach || s.Role == SiteRole.SiteManager), cancellationToken);
        if (!isStaff)
        {
            throw new DomainException("Programmes.CoachInvalid") { Field = nameof(Enrolment.CoachUserId) };
        }
    }

    private async Task<Programme> FindAsync(int siteId, int programmeId, CancellationToken cancellationToken) =>
        await db.Programmes.Include(p => p.Milestones).SingleOrDefaultAsync(p => p.Id == programmeId && p.SiteId == siteId, cancellationToken)
        ?? throw new NotFoundException("Programmes.NotFound");

    private async Task<Enrolment> FindEnrolmentAsync(int siteId, int programmeId, int enrolmentId, CancellationToken cancellationToken) =>
        await db.Enrolments.SingleOrDefaultAsync(e => e.Id == enrolmentId && e.ProgrammeId == programmeId && e.SiteId == siteId, cancellationToken)
        ?? throw new NotFoundException("Programmes.NotFound");

    /// <summary>Saves a programme; the site's unique name becomes <c>Programme.NameTaken</c> beside the name.</summary>
    private async Task SaveProgrammeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            throw new DomainException("Programme.NameTaken") { Field = nameof(Programme.Name) };
        }
    }

    private static object Snapshot(Programme p) => new
    {
        kind = p.Kind.ToString(), p.Name, p.DurationMonths, p.Services, p.IsActive,
        milestones = Order(p),
    };

    private static string[] Order(Programme p) => [.. p.Milestones.Where(m => m.IsActive).OrderBy(m => m.Position).Select(m => m.Name)];
}
