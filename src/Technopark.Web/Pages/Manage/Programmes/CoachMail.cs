using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Web.Email;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;

namespace Technopark.Web.Pages.Manage.Programmes;

/// <summary>
/// The email to a person named coach of a company's enrolment, in their own language, queued in the outbox with the caller's
/// next SaveChanges (no email for an enrolment that was not saved); it links to the company's coaching page.
/// </summary>
public sealed class CoachMail(TechnoparkDbContext db, EmailOutbox outbox, UserLanguage language, PublicUrls urls, IStringLocalizer<SharedResource> text)
{
    /// <summary>The coaching page of the URL contract (/company/{id}/coaching, page /Companies/Coaching).</summary>
    public const string CoachingPage = "/Companies/Coaching";

    public async Task NamedAsync(string coachUserId, int companyId, string programme, CancellationToken cancellationToken)
    {
        var coach = await db.Users.Where(u => u.Id == coachUserId && u.Email != null).Select(u => new { u.Email }).SingleOrDefaultAsync(cancellationToken);
        if (coach is null)
        {
            return;
        }

        var company = await db.Companies.Where(c => c.Id == companyId).Select(c => c.LegalName).SingleAsync(cancellationToken);
        var link = urls.Page(CoachingPage, new { id = companyId });
        UserLanguage.In(await language.OfAsync(coachUserId, cancellationToken), () =>
            outbox.EnqueueText(coach.Email!, text["Programmes.Mail.CoachSubject", company].Value,
                text["Programmes.Mail.CoachBody", company, programme, link].Value));
    }
}
