using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Domain.Programmes;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Hosting;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Apply;
using Technopark.Web.Pages.Companies;

namespace Technopark.Web.Pages.Programmes;

/// <summary>An enrolment as the coaching page shows it: the programme, since when (until when, for the history), the coach's name.</summary>
public sealed record EnrolmentRow(int Id, int ProgrammeId, string Programme, DateOnly Since, DateOnly? Until, string? Coach);

/// <summary>A milestone of the programme, in order, with the day it was reached and its evidence (null: not yet).</summary>
public sealed record MilestoneRow(int Id, string Name, DateOnly? ReachedOn, string? Evidence);

public sealed record AttachmentRow(int Id, int SessionId, string Name, long Size);

/// <summary>A logged session (newest first on the page), with who held it and its attachments.</summary>
public sealed record SessionRow(int Id, DateOnly HeldOn, int Minutes, string Topics, string? Decisions, string? NextSteps, string? Coach,
    IReadOnlyList<AttachmentRow> Attachments);

/// <summary>A member's request for a session: its message, its state, the slots offered and the one taken.</summary>
public sealed record RequestRow(int Id, string Message, string? RequestedBy, DateTimeOffset RequestedAt, SessionRequestState State,
    IReadOnlyList<DateTimeOffset> Slots, int SlotMinutes, DateTimeOffset? ChosenStart);

/// <summary>Everything the coaching page shows of one company.</summary>
public sealed record CoachingView(EnrolmentRow? Current, IReadOnlyList<MilestoneRow> Milestones, IReadOnlyList<SessionRow> Sessions,
    IReadOnlyList<RequestRow> Requests, IReadOnlyList<EnrolmentRow> Past);

/// <summary>
/// A company's coaching: reads what its page shows, and the changes (a session logged with its attachments, a milestone reached,
/// a session asked for, slots offered, declined, taken, withdrawn). Rules are the domain's; this adds the transaction, the lock on
/// the row concerned, the audit entry and the emails (outbox, each reader in their language, links from <see cref="PublicUrls"/>).
/// </summary>
public sealed class CoachingService(
    TechnoparkDbContext db,
    DocumentStorage storage,
    AuditTrail audit,
    CompanyReaders readers,
    PublicUrls urls,
    TimeProvider clock)
{
    public async Task<CoachingView> ReadAsync(int companyId, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var enrolments = await (from e in db.Enrolments.AsNoTracking()
                                where e.CompanyId == companyId
                                join p in db.Programmes on e.ProgrammeId equals p.Id
                                join u in db.Users on e.CoachUserId equals u.Id into coaches
                                from u in coaches.DefaultIfEmpty()
                                orderby e.Period.Start descending
                                select new EnrolmentRow(e.Id, p.Id, p.Name, e.Period.Start, e.Period.End, u == null ? null : u.DisplayName ?? u.Email))
            .ToListAsync(cancellationToken);
        var current = enrolments.FirstOrDefault(e => e.Since <= today && (e.Until is null || e.Until > today));
        var past = enrolments.Where(e => e.Until is { } until && until <= today).ToList();
        if (current is null)
        {
            return new CoachingView(null, [], [], [], past);
        }

        var reached = await db.ReachedMilestones.AsNoTracking().Where(r => r.EnrolmentId == current.Id)
            .ToDictionaryAsync(r => r.MilestoneId, r => (r.ReachedOn, r.Evidence), cancellationToken);
        var milestones = (await db.ProgrammeMilestones.AsNoTracking().Where(m => m.ProgrammeId == current.ProgrammeId)
                .OrderBy(m => m.Position).Select(m => new { m.Id, m.Name, m.IsActive }).ToListAsync(cancellationToken))
            .Where(m => m.IsActive || reached.ContainsKey(m.Id))
            .Select(m => reached.TryGetValue(m.Id, out var r) ? new MilestoneRow(m.Id, m.Name, r.ReachedOn, r.Evidence) : new MilestoneRow(m.Id, m.Name, null, null))
            .ToList();
        var attachments = (await db.CoachingAttachments.AsNoTracking().Where(a => a.CompanyId == companyId)
                .OrderBy(a => a.Id).Select(a => new AttachmentRow(a.Id, a.SessionId, a.OriginalName, a.Size)).ToListAsync(cancellationToken))
            .ToLookup(a => a.SessionId);
        var sessions = (await (from s in db.CoachingSessions.AsNoTracking()
                               where s.CompanyId == companyId && s.EnrolmentId == current.Id
                               join u in db.Users on s.CoachUserId equals u.Id into coaches
                               from u in coaches.DefaultIfEmpty()
                               orderby s.HeldOn descending, s.Id descending
                               select new { s.Id, s.HeldOn, s.Minutes, s.Topics, s.Decisions, s.NextSteps, Coach = u == null ? null : u.DisplayName ?? u.Email })
                .ToListAsync(cancellationToken))
            .Select(s => new SessionRow(s.Id, s.HeldOn, s.Minutes, s.Topics, s.Decisions, s.NextSteps, s.Coach, [.. attachments[s.Id]]))
            .ToList();
        var requests = await (from r in db.SessionRequests.AsNoTracking()
                              where r.CompanyId == companyId && r.EnrolmentId == current.Id
                              join u in db.Users on r.RequestedBy equals u.Id into askers
                              from u in askers.DefaultIfEmpty()
                              orderby r.RequestedAt descending, r.Id descending
                              select new { Request = r, By = u == null ? null : u.DisplayName ?? u.Email })
            .ToListAsync(cancellationToken);
        return new CoachingView(current, milestones, sessions,
            [.. requests.Select(r => new RequestRow(r.Request.Id, r.Request.Message, r.By, r.Request.RequestedAt, r.Request.State, r.Request.Slots,
                r.Request.SlotMinutes, r.Request.ChosenStart))],
            past);
    }

    /// <summary>The company's attachment (scoped to it), or null.</summary>
    public Task<CoachingAttachment?> AttachmentAsync(int companyId, int attachmentId, CancellationToken cancellationToken) =>
        db.CoachingAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.CompanyId == companyId, cancellationToken);

    /// <summary>
    /// Logs a session of the company's current programme with its files (each checked by its content before anything is kept).
    /// Throws a <see cref="DomainException"/> whose field is the form's (files: <c>Files</c>); stored files go again when the rows are not saved.
    /// </summary>
    public async Task<CoachingSession> LogAsync(CompanyResource company, string userId, DateOnly heldOn, int minutes, string? topics, string? decisions,
        string? nextSteps, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        if (files.Count > CoachingAttachment.MaxPerSession)
        {
            throw new DomainException("Coaching.TooManyAttachments", CoachingAttachment.MaxPerSession) { Field = "Files" };
        }

        var checkedFiles = new List<(IFormFile File, SniffedType Type)>();
        foreach (var file in files)
        {
            var (type, error, arguments) = await DocumentStorage.CheckAsync(file, t => t is ApplicationDocument.Pdf or ApplicationDocument.Png or ApplicationDocument.Jpeg,
                "Coaching.AttachmentType", cancellationToken);
            if (error is not null)
            {
                throw new DomainException(error, arguments) { Field = "Files" };
            }

            checkedFiles.Add((file, type));
        }

        var stored = new List<string>();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var enrolment = await CurrentAsync(company.CompanyId, lockIt: true, cancellationToken);
            var now = clock.GetUtcNow();
            var session = CoachingSession.Log(enrolment, userId, heldOn, minutes, topics, decisions, nextSteps, now);
            db.CoachingSessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
            var names = new List<string>();
            foreach (var (file, type) in checkedFiles)
            {
                await using var content = file.OpenReadStream();
                var storedName = await storage.SaveAsync(content, type, cancellationToken);
                stored.Add(storedName);
                var attachment = CoachingAttachment.Create(session, names.Count, DocumentStorage.CleanName(file.FileName, "document" + Path.GetExtension(storedName)),
                    storedName, DocumentStorage.ContentTypeOf(type), file.Length, userId, now);
                db.CoachingAttachments.Add(attachment);
                names.Add(attachment.OriginalName);
            }

            audit.Record("coaching.session.logged", nameof(CoachingSession), session.Id, company.SiteId, null,
                new { companyId = company.CompanyId, heldOn = session.HeldOn, minutes = session.Minutes, attachments = names });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return session;
        }
        catch
        {
            stored.ForEach(storage.Delete);
            throw;
        }
    }

    /// <summary>Records that the company reached a milestone of its current programme (once: a second time is <c>Milestone.AlreadyReached</c>).</summary>
    public async Task ReachAsync(CompanyResource company, string userId, int milestoneId, DateOnly reachedOn, string? evidence, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrolment = await CurrentAsync(company.CompanyId, lockIt: true, cancellationToken);
        var milestone = await db.ProgrammeMilestones.SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken)
            ?? throw new DomainException("Milestone.NotInProgramme") { Field = "MilestoneId" };
        var already = await db.ReachedMilestones.Where(r => r.EnrolmentId == enrolment.Id).Select(r => r.MilestoneId).ToListAsync(cancellationToken);
        var reached = enrolment.Reach(milestone, reachedOn, evidence, userId, clock.GetUtcNow(), already);
        db.ReachedMilestones.Add(reached);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            throw new DomainException("Milestone.AlreadyReached") { Field = "MilestoneId" };
        }

        audit.Record("coaching.milestone.reached", nameof(ReachedMilestone), reached.Id, company.SiteId, null,
            new { companyId = company.CompanyId, milestoneId, reachedOn });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A member asks the coach for a session; the coach is emailed (the site's managers when the company has no coach).</summary>
    public async Task AskAsync(CompanyResource company, string userId, string? message, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrolment = await CurrentAsync(company.CompanyId, lockIt: false, cancellationToken);
        var request = SessionRequest.Ask(enrolment, userId, message, clock.GetUtcNow());
        db.SessionRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("coaching.request.asked", nameof(SessionRequest), request.Id, company.SiteId, null, new { companyId = company.CompanyId });
        var to = enrolment.CoachUserId is { } coach ? await UsersAsync([coach], cancellationToken) : await readers.ManagersAsync(company.SiteId, cancellationToken);
        var asker = await NameAsync(userId, cancellationToken);
        await readers.NotifyAsync(to, "Coaching.Page.Mail.AskedSubject", "Coaching.Page.Mail.AskedBody",
            () => [company.LegalName, asker, request.Message, Link(company)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The coach offers slots for a request; the members are emailed.</summary>
    public Task OfferAsync(CompanyResource company, string userId, int requestId, IReadOnlyCollection<DateTimeOffset> slots, int minutes,
        CancellationToken cancellationToken) =>
        ChangeAsync(company, requestId, "coaching.request.offered", r => r.Offer(slots, minutes, userId, clock.GetUtcNow()), async r =>
        {
            var lines = string.Join("\n", r.Slots.Select(s => "- " + Display.Day(SiteTime.DayOf(s)) + " " + Display.Clock(s)));
            await readers.NotifyAsync(await readers.MembersAsync(company.CompanyId, cancellationToken), "Coaching.Page.Mail.OfferedSubject", "Coaching.Page.Mail.OfferedBody",
                () => [company.LegalName, lines, Display.Count(r.SlotMinutes), Link(company)], cancellationToken);
        }, cancellationToken);

    /// <summary>The coach declines a request; the members are emailed.</summary>
    public Task DeclineAsync(CompanyResource company, int requestId, CancellationToken cancellationToken) =>
        ChangeAsync(company, requestId, "coaching.request.declined", r => r.Close(clock.GetUtcNow()), async r =>
            await readers.NotifyAsync(await readers.MembersAsync(company.CompanyId, cancellationToken), "Coaching.Page.Mail.DeclinedSubject", "Coaching.Page.Mail.DeclinedBody",
                () => [company.LegalName, r.Message, Link(company)], cancellationToken), cancellationToken);

    /// <summary>A member withdraws the company's open request (no email: nobody needs to act).</summary>
    public Task WithdrawAsync(CompanyResource company, int requestId, CancellationToken cancellationToken) =>
        ChangeAsync(company, requestId, "coaching.request.withdrawn", r => r.Close(clock.GetUtcNow()), _ => Task.CompletedTask, cancellationToken);

    /// <summary>A member takes one of the offered slots; the coach who offered them is emailed.</summary>
    public Task ChooseAsync(CompanyResource company, string userId, int requestId, DateTimeOffset slot, CancellationToken cancellationToken) =>
        ChangeAsync(company, requestId, "coaching.request.scheduled", r => r.Choose(slot, clock.GetUtcNow()), async r =>
        {
            var member = await NameAsync(userId, cancellationToken);
            await readers.NotifyAsync(await UsersAsync([r.AnsweredBy ?? string.Empty], cancellationToken), "Coaching.Page.Mail.ChosenSubject", "Coaching.Page.Mail.ChosenBody",
                () => [company.LegalName, member, Display.Day(SiteTime.DayOf(slot)), Display.Clock(slot), Display.Count(r.SlotMinutes), Link(company)],
                cancellationToken);
        }, cancellationToken);

    /// <summary>One change of a request of the company (404 as <see cref="NotFoundException"/> when it is not one), under a lock on its row.</summary>
    private async Task ChangeAsync(CompanyResource company, int requestId, string action, Action<SessionRequest> change, Func<SessionRequest, Task> mail,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<int>(
                $"SELECT id AS \"Value\" FROM session_requests WHERE id = {requestId} AND company_id = {company.CompanyId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            throw new NotFoundException("Coaching.RequestNotOpen");
        }

        var request = await db.SessionRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
        var before = request.State;
        change(request);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(action, nameof(SessionRequest), request.Id, company.SiteId, new { state = before.ToString() },
            new { companyId = company.CompanyId, state = request.State.ToString(), chosen = request.ChosenStart });
        await mail(request);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The company's enrolment today (<c>Coaching.NotEnrolled</c> when none), locked for the transaction when asked.</summary>
    private async Task<Enrolment> CurrentAsync(int companyId, bool lockIt, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var enrolment = await db.Enrolments
            .Where(e => e.CompanyId == companyId && e.Period.Start <= today && (e.Period.End == null || e.Period.End > today))
            .FirstOrDefaultAsync(cancellationToken) ?? throw new DomainException("Coaching.NotEnrolled") { Field = "Message" };
        if (lockIt)
        {
            await db.Database.ExecuteSqlAsync($"SELECT id FROM enrolments WHERE id = {enrolment.Id} FOR UPDATE", cancellationToken);
        }

        return enrolment;
    }

    private string Link(CompanyResource company) => urls.Page("/Companies/Coaching", new { id = company.CompanyId });

    private async Task<string> NameAsync(string userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;

    private async Task<IReadOnlyList<Reader>> UsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        await db.Users.Where(u => ids.Contains(u.Id) && u.Email != null).OrderBy(u => u.Email).Select(u => new Reader(u.Id, u.Email!)).ToListAsync(cancellationToken);
}
