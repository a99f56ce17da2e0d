using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Auditing;
using Technopark.Infrastructure.Data;
using Technopark.Web.Authorization;
using Technopark.Web.Hosting;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Apply;

namespace Technopark.Web.Pages.Companies;

/// <summary>A document of a company, as its list shows it (newest first).</summary>
public sealed record CompanyDocumentRow(int Id, CompanyDocumentKind Kind, string Name, long Size, DateTimeOffset UploadedAt);

/// <summary>A message of a company's thread; <c>Author</c> is null when the account no longer exists.</summary>
public sealed record CompanyMessageRow(long Id, string? Author, bool FromStaff, string Body, DateTimeOffset SentAt);

/// <summary>
/// What the documents partial shows, on the company's page and on the staff's page of the company: the list, and for the
/// site's managers the upload form and the removal links. <c>FromManage</c>: the forms send the manager back to the staff page.
/// </summary>
public sealed record CompanyDocumentsView(int CompanyId, IReadOnlyList<CompanyDocumentRow> Documents, bool CanUpload, bool FromManage,
    CompanyDocumentKind Kind, string? UploadError);

/// <summary>What the thread partial shows: the messages (oldest first), and the reply form for whoever may write.</summary>
public sealed record CompanyThreadView(int CompanyId, IReadOnlyList<CompanyMessageRow> Messages, bool CanWrite, bool ReadOnlyForAlumni, bool FromManage,
    string? Body, string? BodyError);

/// <summary>
/// The documents a site gives a company and the thread between them: one implementation for the company's pages and the
/// staff's page. Each change is saved with its audit entry and its emails (outbox, each reader in their own language) in one
/// transaction; an uploaded file is deleted again when its row is not saved.
/// </summary>
public sealed class CompanyThread(
    TechnoparkDbContext db,
    DocumentStorage storage,
    AuditTrail audit,
    CompanyReaders readers,
    PublicUrls urls,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock)
{
    /// <summary>TempData keys carrying a refused form of the staff's page back to it: the file field's message, the reply's message and text.</summary>
    public const string UploadErrorKey = "CompanyThread.UploadError", BodyErrorKey = "CompanyThread.BodyError", BodyKey = "CompanyThread.Body";

    public async Task<IReadOnlyList<CompanyDocumentRow>> DocumentsAsync(int companyId, CancellationToken cancellationToken) =>
        await db.CompanyDocuments.AsNoTracking().Where(d => d.CompanyId == companyId)
            .OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id)
            .Select(d => new CompanyDocumentRow(d.Id, d.Kind, d.OriginalName, d.Size, d.UploadedAt))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<CompanyMessageRow>> MessagesAsync(int companyId, CancellationToken cancellationToken) =>
        await (from m in db.CompanyMessages.AsNoTracking()
               where m.CompanyId == companyId
               join u in db.Users on m.AuthorId equals u.Id into authors
               from u in authors.DefaultIfEmpty()
               orderby m.SentAt, m.Id
               select new CompanyMessageRow(m.Id, u == null ? null : u.DisplayName ?? u.Email, m.FromStaff, m.Body, m.SentAt))
            .ToListAsync(cancellationToken);

    /// <summary>Checks and keeps an uploaded document, then tells the members; returns the message for the file field, or null when saved.</summary>
    public async Task<string?> UploadAsync(CompanyResource company, CompanyDocumentKind kind, IFormFile? upload, string userId, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind))
        {
            return text["CompanyDocument.KindInvalid"];
        }

        var (type, error, arguments) = await DocumentStorage.CheckAsync(upload, CompanyDocument.Allows, "CompanyDocument.TypeInvalid", cancellationToken);
        if (error is not null)
        {
            return text[error, arguments];
        }

        var contentType = DocumentStorage.ContentTypeOf(type);
        string storedName;
        await using (var content = upload!.OpenReadStream())
        {
            storedName = await storage.SaveAsync(content, type, cancellationToken);
        }

        try
        {
            var name = DocumentStorage.CleanName(upload.FileName, "document" + Path.GetExtension(storedName));
            var document = CompanyDocument.Create(company.CompanyId, kind, name, storedName, contentType, upload.Length, userId, clock.GetUtcNow());
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.CompanyDocuments.Add(document);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record("company.document.uploaded", nameof(CompanyDocument), document.Id, company.SiteId, null,
                new { companyId = company.CompanyId, kind = kind.ToString(), name = document.OriginalName, size = document.Size });
            var link = urls.Page("/Companies/Documents", new { id = company.CompanyId });
            await readers.NotifyAsync(await readers.MembersAsync(company.CompanyId, cancellationToken), "CompanyDocs.EmailSubject", "CompanyDocs.EmailBody",
                () => [company.LegalName, text[$"CompanyDocs.Kind.{kind}"].Value, document.OriginalName, company.SiteName, link], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DomainException e)
        {
            storage.Delete(storedName);
            return text.Message(e);
        }
        catch
        {
            storage.Delete(storedName);
            throw;
        }
    }

    /// <summary>Removes a document of this company (false when the id is not one of its documents); the file goes once the row is gone.</summary>
    public async Task<bool> RemoveAsync(CompanyResource company, int documentId, CancellationToken cancellationToken)
    {
        var document = await db.CompanyDocuments.SingleOrDefaultAsync(d => d.Id == documentId && d.CompanyId == company.CompanyId, cancellationToken);
        if (document is null)
        {
            return false;
        }

        db.CompanyDocuments.Remove(document);
        audit.Record("company.document.removed", nameof(CompanyDocument), document.Id, company.SiteId,
            new { companyId = company.CompanyId, kind = document.Kind.ToString(), name = document.OriginalName, size = document.Size }, null);
        await db.SaveChangesAsync(cancellationToken);
        storage.Delete(document.StoredName);
        return true;
    }

    /// <summary>
    /// Adds a message to the company's thread. A member's message is emailed to the site's managers (link to the staff page),
    /// the site team's to every member (link to the thread). The audit entry says who wrote, not what.
    /// </summary>
    public async Task SendAsync(CompanyResource company, string authorId, bool fromStaff, string? body, CancellationToken cancellationToken)
    {
        var message = CompanyMessage.Create(company.CompanyId, authorId, fromStaff, body, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.CompanyMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("company.message.sent", nameof(CompanyMessage), message.Id.ToString(CultureInfo.InvariantCulture), company.SiteId, null,
            new { companyId = company.CompanyId, fromStaff });
        var author = await db.Users.Where(u => u.Id == authorId).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
        var (to, link) = fromStaff
            ? (await readers.MembersAsync(company.CompanyId, cancellationToken), urls.Page("/Companies/Messages", new { id = company.CompanyId }))
            : (await readers.ManagersAsync(company.SiteId, cancellationToken), urls.Page("/Manage/Companies/Detail", new { slug = company.SiteSlug, id = company.CompanyId }));
        await readers.NotifyAsync(to.Where(r => r.Id != authorId), fromStaff ? "Thread.EmailToMembersSubject" : "Thread.EmailToStaffSubject",
            fromStaff ? "Thread.EmailToMembersBody" : "Thread.EmailToStaffBody",
            () => [company.LegalName, author, message.Body, company.SiteName, link], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }


}

public static class CompanyThreadSetup
{
    /// <summary>Documents from the site and the thread with the site's team (company pages and the staff's page of a company).</summary>
    public static IServiceCollection AddCompanyThread(this IServiceCollection services) => services.AddScoped<CompanyThread>();
}
