using Technopark.Infrastructure.Data;

namespace Technopark.Infrastructure.Email;

/// <summary>Queues an email in the outbox; it is saved with the caller's next SaveChanges.</summary>
public sealed class EmailOutbox(TechnoparkDbContext db, TimeProvider clock)
{
    /// <summary>Queues the email and returns it (to attach a file before it is saved).</summary>
    public OutboxMessage Enqueue(string to, string subject, string htmlBody, string textBody)
    {
        var message = OutboxMessage.Create(to, subject, htmlBody, textBody, clock.GetUtcNow());
        db.Outbox.Add(message);
        return message;
    }
}
