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

    /// <summary>One optional attachment (e.g. a booking's <c>.ics</c>): its file name, media type and bytes.</summary>
    public string? AttachmentName { get; private set; }

    public string? AttachmentType { get; private set; }

    public byte[]? AttachmentContent { get; private set; }

    public const int AttachmentNameMaxLength = 100;

    public const int AttachmentMaxBytes = 256 * 1024;

    /// <summary>Attaches a file to the message (before it is saved).</summary>
    public OutboxMessage WithAttachment(string name, string contentType, byte[] content)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, AttachmentNameMaxLength, nameof(name));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(content.Length, AttachmentMaxBytes, nameof(content));
        AttachmentName = name;
        AttachmentType = contentType;
        AttachmentContent = content;
        return this;
    }

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
