using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Data;
using Technopark.Web.Email;

namespace Technopark.Web.Pages.Hq;

/// <summary>The local mailbox (Email:Mode = Mailbox): the latest emails of the outbox, newest first. 404 in Smtp mode.</summary>
public sealed class MailboxModel(TechnoparkDbContext db, IOptions<EmailOptions> options) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<MailRow> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Mode != EmailMode.Mailbox)
        {
            return NotFound();
        }

        Messages = await db.Outbox.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(Shown)
            .Select(m => new MailRow(m.Id, m.To, m.Subject, m.CreatedAt, m.SentAt, m.Attempts, m.LastError, m.TextBody, m.AttachmentName))
            .ToListAsync(cancellationToken);
        return Page();
    }

    public sealed record MailRow(long Id, string To, string Subject, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts,
        string? LastError, string TextBody, string? AttachmentName = null)
    {
        /// <summary>The body HTML-encoded, then with its URLs as links.</summary>
        public string BodyHtml => TextToHtml.Linkify(TextBody);
    }
}
