using System.Globalization;
using Microsoft.Extensions.Localization;
using QRCoder;
using Technopark.Domain.Common;
using Technopark.Domain.Events;
using Technopark.Infrastructure.Email;
using Technopark.Web.Email;
using Technopark.Web.Hosting;
using Technopark.Web.Identity;
using Technopark.Web.Localization;

namespace Technopark.Web.Pages.Events;

/// <summary>What an email about a registration says of its event.</summary>
public sealed record MailEvent(int Id, string Title, string SiteSlug, string SiteName, string Room, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// The emails of a registration, queued in the outbox with the caller's transaction: the confirmation link (double opt-in),
/// then "confirmed" (cancellation link and the check-in QR code as a PNG) or "on the waiting list" (cancellation link), and
/// "a seat for you" when the waiting list moves up. Links carry the language they were written in (<c>culture</c>), so the page
/// they open and the next email speak it too; an email sent by someone else's action (a promotion) is in the language the
/// account reads the app in when the person registered signed in, else French (the registration keeps no language: no column).
/// Links come from <see cref="PublicUrls"/>, never the request.
/// </summary>
public sealed class RegistrationMail(EmailOutbox outbox, PublicUrls urls, UserLanguage languages, IStringLocalizer<SharedResource> text)
{
    public const string QrAttachmentName = "qr-code.png";
    public const string QrContentType = "image/png";

    /// <summary>How many pixels one QR module takes in the attachment.</summary>
    private const int QrPixelsPerModule = 8;

    /// <summary>The confirmation link, in the page's language.</summary>
    public void Pending(EventRegistration registration, MailEvent ev, string token)
    {
        var link = urls.Page("/Events/Confirm", new { token, culture = Culture() });
        outbox.EnqueueText(registration.Email, text["Events.Public.Mail.PendingSubject", ev.Title],
            Body(ev, text["Events.Public.Mail.PendingBody", registration.Name, EventRegistration.ConfirmWithinHours].Value, text["Events.Public.Mail.ConfirmLink", link].Value));
    }

    /// <summary>The outcome of the confirmation, in the page's language.</summary>
    public void Confirmed(EventRegistration registration, MailEvent ev, string token) => Outcome(registration, ev, token, promoted: false);

    /// <summary>A seat freed up for someone of the waiting list: new links (the token was reissued), in their language when known.</summary>
    public async Task PromotedAsync(EventRegistration registration, MailEvent ev, string token, CancellationToken cancellationToken)
    {
        var language = registration.UserId is { } userId ? await languages.OfAsync(userId, cancellationToken) : null;
        UserLanguage.In(language, () => Outcome(registration, ev, token, promoted: true));
    }

    /// <summary>The PNG of the QR code staff scan at the door: it opens the check-in page on this person.</summary>
    public static byte[] QrCode(string checkInUrl) => PngByteQRCodeHelper.GetQRCode(checkInUrl, QRCodeGenerator.ECCLevel.M, QrPixelsPerModule);

    /// <summary>The check-in page on this registration (staff sign in to open it).</summary>
    public string CheckInUrl(MailEvent ev, string token) => urls.Page("/Manage/Events/CheckIn", new { slug = ev.SiteSlug, id = ev.Id, code = token });

    private void Outcome(EventRegistration registration, MailEvent ev, string token, bool promoted)
    {
        var cancel = text["Events.Public.Mail.CancelLink", urls.Page("/Events/Cancel", new { token, culture = Culture() })].Value;
        if (registration.State == RegistrationState.Waitlisted)
        {
            outbox.EnqueueText(registration.Email, text["Events.Public.Mail.WaitlistedSubject", ev.Title],
                Body(ev, text["Events.Public.Mail.WaitlistedBody", registration.Name].Value, cancel));
            return;
        }

        var checkIn = CheckInUrl(ev, token);
        var intro = text[promoted ? "Events.Public.Mail.PromotedBody" : "Events.Public.Mail.ConfirmedBody", registration.Name].Value;
        outbox.EnqueueText(registration.Email, text[promoted ? "Events.Public.Mail.PromotedSubject" : "Events.Public.Mail.ConfirmedSubject", ev.Title],
                Body(ev, intro, text["Events.Public.Mail.QrNote"].Value, cancel))
            .WithAttachment(QrAttachmentName, QrContentType, QrCode(checkIn));
    }

    private string Body(MailEvent ev, params string[] paragraphs)
    {
        var when = text["Events.Public.Mail.When", ev.Title, Display.Day(SiteTime.DayOf(ev.StartsAt)), Display.Clock(ev.StartsAt), Display.Clock(ev.EndsAt),
            ev.Room, ev.SiteName].Value;
        return string.Join("\n\n", [paragraphs[0], when, .. paragraphs.Skip(1)]);
    }

    private static string Culture() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
