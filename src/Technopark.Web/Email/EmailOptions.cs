namespace Technopark.Web.Email;

public enum EmailMode
{
    /// <summary>Nothing leaves the server: "delivered" emails stay readable on /hq/mailbox.</summary>
    Mailbox,

    /// <summary>Delivered through an SMTP server (Email:Smtp:*).</summary>
    Smtp,
}

/// <summary>Settings section "Email".</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Mailbox;

    /// <summary>How often the outbox is read.</summary>
    public int IntervalSeconds { get; set; } = 5;

    public int BatchSize { get; set; } = 20;

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "no-reply@technopark.ma";

    public bool EnableSsl { get; set; } = true;

    /// <summary>When set, messages are written there as .eml files instead of being sent (a local check of what a server would get).</summary>
    public string? PickupDirectory { get; set; }
}
