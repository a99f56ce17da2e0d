using Microsoft.Extensions.Options;
using Technopark.Infrastructure.Email;
using Technopark.Web.Email;

namespace Technopark.IntegrationTests.Email;

/// <summary>What the SMTP transport hands to a server, written to a pickup directory instead of sent.</summary>
public sealed class SmtpTransportTests : IDisposable
{
    private readonly string _pickup = Directory.CreateTempSubdirectory("technopark-smtp-").FullName;

    [Fact]
    public async Task SendAsync_MessageWithAnIcs_AttachesTheFileWithItsNameAndType()
    {
        var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"u8.ToArray();
        var message = OutboxMessage.Create("resident@example.ma", "Réservation confirmée", "<p>Bonjour</p>", "Bonjour", DateTimeOffset.UnixEpoch)
            .WithAttachment("reservation.ics", "text/calendar; method=REQUEST", ics);
        var transport = new SmtpTransport(Options.Create(new EmailOptions { Mode = EmailMode.Smtp, Smtp = new SmtpOptions { PickupDirectory = _pickup, EnableSsl = false } }));

        await transport.SendAsync(message, CancellationToken.None);

        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_pickup, "*.eml")));
        // Headers unfolded; the order of a header's parameters is the library's business.
        var unfolded = eml.Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        var header = System.Text.RegularExpressions.Regex.Match(unfolded, "Content-Type: (text/calendar;[^\r\n]*)").Groups[1].Value;
        var type = new System.Net.Mime.ContentType(header);
        Assert.Equal("REQUEST", type.Parameters["method"]);
        Assert.Equal("reservation.ics", type.Name);
        Assert.Contains("filename=reservation.ics", eml, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(ics)[..40], eml.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_MessageWithoutAttachment_SendsNoAttachment()
    {
        var message = OutboxMessage.Create("resident@example.ma", "Bonjour", "<p>Bonjour</p>", "Bonjour", DateTimeOffset.UnixEpoch);
        var transport = new SmtpTransport(Options.Create(new EmailOptions { Mode = EmailMode.Smtp, Smtp = new SmtpOptions { PickupDirectory = _pickup, EnableSsl = false } }));

        await transport.SendAsync(message, CancellationToken.None);

        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_pickup, "*.eml")));
        Assert.DoesNotContain("Content-Disposition: attachment", eml, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_pickup, recursive: true);
}
