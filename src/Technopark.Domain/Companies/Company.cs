using System.Text.RegularExpressions;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Companies;

/// <summary>A company or project hosted by a site (its home site).</summary>
public sealed partial class Company
{
    public const int NameMaxLength = 200;
    public const int IceLength = 15;
    public const int WebsiteMaxLength = 200;
    public const int PitchMaxLength = 160;
    public const int AddressMaxLength = 300;

    private Company()
    {
        LegalName = Sector = string.Empty;
    }

    public int Id { get; private set; }

    /// <summary>The site that admitted the company; its staff manage it.</summary>
    public int SiteId { get; private set; }

    public string LegalName { get; private set; }

    /// <summary>The name in Arabic script, when the company has one.</summary>
    public string? ArabicName { get; private set; }

    /// <summary>Identifiant Commun de l'Entreprise: 15 digits, once registered.</summary>
    public string? Ice { get; private set; }

    public CompanyForm Form { get; private set; }

    public string Sector { get; private set; }

    public DateOnly? FoundedOn { get; private set; }

    public ExitReason? ExitReason { get; private set; }

    public DateOnly? ExitedOn { get; private set; }

    /// <summary>The company's website (http or https), kept by its members.</summary>
    public string? Website { get; private set; }

    /// <summary>One line saying what the company does, kept by its members.</summary>
    public string? Pitch { get; private set; }

    /// <summary>The members agreed to show the company in its site's public directory of residents.</summary>
    public bool ListedInDirectory { get; private set; }

    /// <summary>The secret of the company's iCalendar feed of room bookings (null until first asked for); a new one revokes the old URL.</summary>
    public string? CalendarToken { get; private set; }

    public void RegenerateCalendarToken(string token)
    {
        Guard.That(token.Length == Rooms.RoomSettings.FeedTokenLength, "Rooms.Settings.TokenInvalid", nameof(CalendarToken));
        CalendarToken = token;
    }

    /// <summary>The address invoices are made out to (several lines), kept by the members and the site's staff.</summary>
    public string? BillingAddress { get; private set; }

    public void SetBillingAddress(string? address) =>
        BillingAddress = Guard.OptionalText(address, AddressMaxLength, "Company.AddressTooLong", nameof(BillingAddress));

    public bool HasLeft => ExitedOn is not null;

    public static Company Create(int siteId, string legalName, CompanyForm form, string sector, string? ice = null,
        string? arabicName = null, DateOnly? foundedOn = null)
    {
        Guard.That(siteId > 0, "Company.SiteRequired", nameof(SiteId));
        Guard.That(Enum.IsDefined(form), "Company.FormInvalid", nameof(Form));
        Guard.That(Sectors.All.Contains(sector), "Company.SectorInvalid", nameof(Sector));
        return new Company
        {
            SiteId = siteId,
            LegalName = Guard.Text(legalName, NameMaxLength, "Company.NameRequired", nameof(LegalName)),
            ArabicName = Guard.OptionalText(arabicName, NameMaxLength, "Company.NameTooLong", nameof(ArabicName)),
            Ice = ValidIce(ice),
            Form = form,
            Sector = sector,
            FoundedOn = foundedOn,
        };
    }

    /// <summary>The profile the members keep: website (an absolute http or https address), one-line pitch, sector, directory opt-in.</summary>
    public void UpdateProfile(string? website, string? pitch, string sector, bool listedInDirectory)
    {
        var site = Guard.OptionalText(website, WebsiteMaxLength, "Company.WebsiteInvalid", nameof(Website));
        Guard.That(IsValidWebsite(site), "Company.WebsiteInvalid", nameof(Website), WebsiteMaxLength);
        var line = Guard.OptionalText(pitch, PitchMaxLength, "Company.PitchTooLong", nameof(Pitch));
        Guard.That(Sectors.All.Contains(sector), "Company.SectorInvalid", nameof(Sector));
        // Every value is checked before any is kept: a refused profile leaves the company as it was.
        Website = site;
        Pitch = line;
        Sector = sector;
        ListedInDirectory = listedInDirectory;
    }

    public void Leave(ExitReason reason, DateOnly on)
    {
        if (HasLeft)
        {
            throw new DomainException("Company.AlreadyLeft", LegalName);
        }

        Guard.That(FoundedOn is null || on >= FoundedOn, "Company.ExitBeforeFounding", nameof(ExitedOn));
        ExitReason = reason;
        ExitedOn = on;
    }

    /// <summary>No website, or an absolute http or https address of at most <see cref="WebsiteMaxLength"/> characters (spaces around ignored).</summary>
    public static bool IsValidWebsite(string? website)
    {
        var trimmed = website?.Trim();
        return string.IsNullOrEmpty(trimmed)
            || (trimmed.Length <= WebsiteMaxLength && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
    }

    public static bool IsValidIce(string? ice) => ice is not null && IcePattern().IsMatch(ice);

    private static string? ValidIce(string? ice)
    {
        var trimmed = ice?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return IsValidIce(trimmed) ? trimmed : throw new DomainException("Company.IceInvalid") { Field = nameof(Ice) };
    }

    [GeneratedRegex("^[0-9]{15}$")]
    private static partial Regex IcePattern();
}
