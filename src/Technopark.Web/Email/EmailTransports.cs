using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Email;

namespace Technopark.Web.Email;

/// <summary>Delivers one outbox message; throws when it could not (the sender retries later).</summary>
public interface IEmailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Email:Mode = Mailbox: delivery only marks the message sent; it stays readable on /hq/mailbox.</summary>
public sealed class MailboxTransport : IEmailTransport
{
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Email:Mode = Smtp: System.Net.Mail with Email:Smtp:Host/Port/User/Password/From/EnableSsl.</summary>
public sealed class SmtpTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.User))
        {
            client.Credentials = new NetworkCredential(smtp.User, smtp.Password);
        }

        using var mail = new MailMessage(smtp.From, message.To) { Subject = message.Subject, Body = message.TextBody };
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, null, MediaTypeNames.Text.Html));
        if (message.AttachmentContent is { } content)
        {
            // The stream is the attachment's and the attachment the message's: disposing the message disposes both.
            var attachment = new Attachment(new MemoryStream(content), new ContentType(message.AttachmentType ?? MediaTypeNames.Application.Octet))
            {
                Name = message.AttachmentName,
            };
            attachment.ContentDisposition!.FileName = message.AttachmentName;
            mail.Attachments.Add(attachment);
        }

        if (!string.IsNullOrEmpty(smtp.PickupDirectory))
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = smtp.PickupDirectory;
        }

        await client.SendMailAsync(mail, cancellationToken);
    }
}
