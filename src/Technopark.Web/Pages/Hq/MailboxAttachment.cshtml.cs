using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Data;
using Technopark.Web.Email;

namespace Technopark.Web.Pages.Hq;

/// <summary>
/// The file attached to an email of the local mailbox (e.g. a booking's <c>.ics</c>), downloaded as it would arrive.
/// 404 in Smtp mode (like the mailbox), for an unknown message and for one without an attachment.
/// </summary>
public sealed class MailboxAttachmentModel(TechnoparkDbContext db, IOptions<EmailOptions> options) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (options.Value.Mode != EmailMode.Mailbox)
        {
            return NotFound();
        }

        var attachment = await db.Outbox.AsNoTracking().Where(m => m.Id == id && m.AttachmentContent != null)
            .Select(m => new { m.AttachmentName, m.AttachmentType, m.AttachmentContent }).SingleOrDefaultAsync(cancellationToken);
        return attachment is null
            ? NotFound()
            : File(attachment.AttachmentContent!, attachment.AttachmentType ?? "application/octet-stream", attachment.AttachmentName ?? "attachment");
    }
}
