namespace Technopark.Infrastructure.Email;

/// <summary>
/// An email waiting to be sent (or sent). Written in the same transaction as the change that
/// causes it, so no email is lost or sent for a change that did not happen.
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 256;
    public const int SubjectMaxLength = 200;

    private OutboxMessage()
    {
        To = Subject = HtmlBody = TextBody = string.Empty;
    }

    public long Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    public string HtmlBody { get; private set; }

    public string TextBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public static OutboxMessage Create(string to, string subject, string htmlBody, string textBody, DateTimeOffset now) => new()
    {
        To = to,
        Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject,
        HtmlBody = htmlBody,
        TextBody = textBody,
        CreatedAt = now,
    };

    public void MarkSent(DateTimeOffset at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
    }
}
