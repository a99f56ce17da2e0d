using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Staff;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.Web.Email;
using Technopark.Web.Identity;

namespace Technopark.Web.Pages.Companies;

/// <summary>A person an email about a company goes to.</summary>
public sealed record Reader(string Id, string Email);

/// <summary>
/// Who hears about a company (its members, its site's managers) and the one way they are written to: an email each,
/// composed in the reader's own language, queued in the outbox and saved with the caller's next SaveChanges.
/// </summary>
public sealed class CompanyReaders(TechnoparkDbContext db, EmailOutbox outbox, UserLanguage language, IStringLocalizer<SharedResource> text)
{
    /// <summary>The members with an email address of each of <paramref name="companyIds"/> (one statement), by address.</summary>
    public async Task<ILookup<int, Reader>> MembersOfAsync(IReadOnlyCollection<int> companyIds, CancellationToken cancellationToken) =>
        (await (from m in db.CompanyMembers
                where companyIds.Contains(m.CompanyId)
                join u in db.Users on m.UserId equals u.Id
                where u.Email != null
                orderby u.Email
                select new { m.CompanyId, u.Id, u.Email }).ToListAsync(cancellationToken))
        .ToLookup(m => m.CompanyId, m => new Reader(m.Id, m.Email!));

    /// <summary>The members with an email address of one company, by address.</summary>
    public async Task<IReadOnlyList<Reader>> MembersAsync(int companyId, CancellationToken cancellationToken) =>
        [.. (await MembersOfAsync([companyId], cancellationToken))[companyId]];

    /// <summary>The managers with an email address of a site, by address.</summary>
    public async Task<IReadOnlyList<Reader>> ManagersAsync(int siteId, CancellationToken cancellationToken) =>
        await (from s in db.SiteStaff
               where s.SiteId == siteId && s.Role == SiteRole.SiteManager
               join u in db.Users on s.UserId equals u.Id
               where u.Email != null
               orderby u.Email
               select new Reader(u.Id, u.Email!)).ToListAsync(cancellationToken);

    /// <summary>One email per reader; <paramref name="write"/> runs in the reader's language and gives the subject and the body.</summary>
    public async Task NotifyAsync(IEnumerable<Reader> readers, Func<(string Subject, string Body)> write, CancellationToken cancellationToken)
    {
        foreach (var reader in readers)
        {
            UserLanguage.In(await language.OfAsync(reader.Id, cancellationToken), () =>
            {
                var (subject, body) = write();
                outbox.EnqueueText(reader.Email, subject, body);
            });
        }
    }

    /// <summary>One email per reader in the reader's language: the subject and body resources, with arguments built in that language too.</summary>
    public Task NotifyAsync(IEnumerable<Reader> readers, string subjectKey, string bodyKey, Func<object[]> arguments, CancellationToken cancellationToken) =>
        NotifyAsync(readers, () =>
        {
            var values = arguments();
            return (text[subjectKey, values], text[bodyKey, values]);
        }, cancellationToken);
}
