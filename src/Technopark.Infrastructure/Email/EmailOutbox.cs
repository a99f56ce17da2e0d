using Technopark.Infrastructure.Data;

namespace Technopark.Infrastructure.Email;

/// <summary>Queues an email in the outbox; it is saved with the caller's next SaveChanges.</summary>
public sealed class EmailOutbox(TechnoparkDbContext db, TimeProvider clock)
{
    public void Enqueue(string to, string subject, string htmlBody, string textBody) =>
        db.Outbox.Add(OutboxMessage.Create(to, subject, htmlBody, textBody, clock.GetUtcNow()));
}
