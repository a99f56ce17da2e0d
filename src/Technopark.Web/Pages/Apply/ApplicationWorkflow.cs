using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Technopark.Domain.Applications;
using Technopark.Domain.Companies;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Web.Email;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;

namespace Technopark.Web.Pages.Apply;

/// <summary>
/// The transitions of an application that touch more than the aggregate: each runs in one
/// transaction with the application row locked, is audited and, where the applicant must know,
/// queues an email (in French, the network's default language).
/// </summary>
public sealed class ApplicationWorkflow(
    TechnoparkDbContext db,
    AuditTrail audit,
    EmailOutbox outbox,
    IStringLocalizer<SharedResource> text,
    IOptions<ApplicationOptions> options,
    UserLanguage language,
    PublicUrls urls,
    TimeProvider clock)
{
    public int MinimumReviews => Math.Max(0, options.Value.MinimumReviews);

    public static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Submits (idempotent: a second submit, even concurrent, changes nothing and sends nothing). Returns whether this call submitted it.</summary>
    public async Task<bool> SubmitAsync(int id, string applicantId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await LockAsync(id, cancellationToken);
        if (application is null || application.ApplicantId != applicantId)
        {
            return false;
        }

        if (!application.Submit(clock.GetUtcNow()))
        {
            return false;
        }

        audit.Record("application.submit", nameof(Application), id, application.SiteId,
            new { state = nameof(ApplicationState.Draft) }, new { state = application.State.ToString() });
        var email = await db.Users.Where(u => u.Id == applicantId).Select(u => u.Email).SingleAsync(cancellationToken);
        var siteName = await SiteNameAsync(application.SiteId, cancellationToken);
        UserLanguage.In(await language.OfAsync(applicantId, cancellationToken), () => Notify(email, text["Apply.EmailSubmittedSubject", siteName], text["Apply.EmailSubmittedBody", ProjectOf(application), siteName, Key(id)]));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task WithdrawAsync(Application application, CancellationToken cancellationToken)
    {
        var before = application.State.ToString();
        application.Withdraw(clock.GetUtcNow());
        audit.Record("application.withdraw", nameof(Application), application.Id, application.SiteId, new { state = before }, new { state = application.State.ToString() });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Decides; on acceptance creates the company and its waiting-list entry linked to the application. One transaction.</summary>
    public async Task DecideAsync(int id, int siteId, Decision decision, string reason, string byUserId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await LockAsync(id, cancellationToken);
        if (application is null || application.SiteId != siteId)
        {
            throw new Domain.Common.NotFoundException(Domain.Common.ErrorCodes.ApplicationNotFound);
        }

        var before = application.State.ToString();
        application.Decide(decision, reason, MinimumReviews, byUserId, clock.GetUtcNow());
        int? companyId = null;
        if (decision == Decision.Accept)
        {
            var company = Acceptance.CreateCompany(application);
            db.Companies.Add(company);
            await db.SaveChangesAsync(cancellationToken);
            db.WaitingList.Add(Acceptance.Enlist(application, company, clock.Today()));
            companyId = company.Id;

            // The applicant owns the company from the start: they invite their co-founders from its page.
            var owner = CompanyMember.Create(company.Id, application.ApplicantId, CompanyRole.Owner, clock.GetUtcNow());
            db.CompanyMembers.Add(owner);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record("company.member.added", nameof(CompanyMember), owner.Id, siteId, null,
                new { companyId = company.Id, userId = owner.UserId, role = owner.Role.ToString(), applicationId = id });
        }

        audit.Record("application.decide", nameof(Application), id, siteId, new { state = before },
            new { state = application.State.ToString(), reason = application.DecisionReason, companyId });
        var email = await db.Users.Where(u => u.Id == application.ApplicantId).Select(u => u.Email).SingleAsync(cancellationToken);
        var siteName = await SiteNameAsync(siteId, cancellationToken);
        var companyPage = companyId is { } created ? urls.Page("/Companies/Overview", new { id = created }) : null;
        UserLanguage.In(await language.OfAsync(application.ApplicantId, cancellationToken), () => Notify(email, text["Decision.EmailSubject", siteName],
            companyPage is null
                ? text[$"Decision.EmailBody.{decision}", ProjectOf(application), siteName, application.DecisionReason!]
                : text["CompanyPage.AcceptedEmailBody", ProjectOf(application), siteName, application.DecisionReason!, companyPage]));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A message from the site to the applicant: in the timeline and by email.</summary>
    public async Task MessageAsync(Application application, string message, string byUserId, CancellationToken cancellationToken)
    {
        application.Message(message, byUserId, clock.GetUtcNow());
        audit.Record("application.message", nameof(Application), application.Id, application.SiteId, null, new { message = message.Trim() });
        var email = await db.Users.Where(u => u.Id == application.ApplicantId).Select(u => u.Email).SingleAsync(cancellationToken);
        var siteName = await SiteNameAsync(application.SiteId, cancellationToken);
        UserLanguage.In(await language.OfAsync(application.ApplicantId, cancellationToken), () => Notify(email, text["Review.MessageEmailSubject", siteName], text["Review.MessageEmailBody", ProjectOf(application), siteName, message.Trim()]));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string ProjectOf(Application application) => application.ProjectName ?? "#" + Key(application.Id);

    private async Task<Application?> LockAsync(int id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear(); // read the row as it is once locked, not as the page loaded it
        await db.Database.ExecuteSqlAsync($"SELECT id FROM applications WHERE id = {id} FOR UPDATE", cancellationToken);
        return await db.Applications.Include(a => a.Documents).Include(a => a.Reviews).Include(a => a.Events)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    private Task<string> SiteNameAsync(int siteId, CancellationToken cancellationToken) =>
        db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).SingleAsync(cancellationToken);

    private void Notify(string? to, string subject, string body)
    {
        if (to is not null)
        {
            outbox.EnqueueText(to, subject, body);
        }
    }
}
