using System.Text.RegularExpressions;
using Technopark.Domain.Common;

namespace Technopark.Domain.Sites;

/// <summary>A Technopark site of the network. Identified in URLs by its <see cref="Slug"/>.</summary>
public sealed partial class Site
{
    public const int SlugMaxLength = 40;
    public const int NameMaxLength = 100;
    public const int RegionMaxLength = 100;
    public const int ListItemMaxLength = 100;
    public const int BillingCodeLength = 3;

    private Site()
    {
        Slug = Name = City = Region = string.Empty;
    }

    public int Id { get; private set; }

    public string Slug { get; private set; }

    public string Name { get; private set; }

    public string City { get; private set; }

    public string Region { get; private set; }

    public SiteStatus Status { get; private set; }

    /// <summary>Three capital letters that start the site's invoice and credit-note numbers (<c>TNG-2027-000123</c>).</summary>
    public string BillingCode { get; private set; } = string.Empty;

    /// <summary>Year of opening when known (Casablanca: 2001).</summary>
    public int? OpeningYear { get; private set; }

    /// <summary>Exact opening day when known (Essaouira: 24/11/2023).</summary>
    public DateOnly? OpenedOn { get; private set; }

    public decimal? FloorAreaSquareMeters { get; private set; }

    /// <summary>How many companies the site hosts at full capacity, when published.</summary>
    public int? CompanyCapacity { get; private set; }

    /// <summary>Codes of the focus sectors (see <see cref="Sectors"/>).</summary>
    public List<string> FocusSectors { get; private set; } = [];

    /// <summary>Codes of the services offered (see <see cref="Services"/>).</summary>
    public List<string> ServiceCodes { get; private set; } = [];

    /// <summary>Partner organisations, by their own names.</summary>
    public List<string> Partners { get; private set; } = [];

    public bool AcceptsApplications => AcceptsApplicationsWhen(Status);

    /// <summary>Only an operational site's offices and seats count in the network's figures (occupancy, trend).</summary>
    public static bool CountsInNetworkFigures(SiteStatus status) => status == SiteStatus.Operational;

    /// <summary>Only an operational site accepts applications.</summary>
    public static bool AcceptsApplicationsWhen(SiteStatus status) => status == SiteStatus.Operational;

    public static Site Create(string slug, string name, string city, string region, SiteStatus status) =>
        new Site { Slug = ValidSlug(slug), BillingCode = DefaultBillingCode(slug) }.Describe(name, city, region, status);

    /// <summary>The first letters of the slug, in capitals, until the site is given its own code.</summary>
    public static string DefaultBillingCode(string slug) =>
        new string([.. slug.Where(char.IsAsciiLetter).Take(BillingCodeLength).Select(char.ToUpperInvariant)]).PadRight(BillingCodeLength, 'X');

    public Site WithBillingCode(string code)
    {
        Guard.That(code.Length == BillingCodeLength && code.All(char.IsAsciiLetterUpper), "Site.BillingCodeInvalid", nameof(BillingCode), BillingCodeLength);
        BillingCode = code;
        return this;
    }

    /// <summary>Sets the facts of the site; used by the reference seed, which is re-applied on every start.</summary>
    public Site Describe(string name, string city, string region, SiteStatus status)
    {
        Name = Guard.Text(name, NameMaxLength, "Site.NameRequired", nameof(Name));
        City = Guard.Text(city, NameMaxLength, "Site.CityRequired", nameof(City));
        Region = Guard.Text(region, RegionMaxLength, "Site.RegionRequired", nameof(Region));
        Status = status;
        return this;
    }

    public Site Opened(int? year, DateOnly? on = null)
    {
        Guard.That(on is null || year is null || on.Value.Year == year, "Site.OpeningYearMismatch", nameof(OpeningYear));
        Guard.That(year is null or (>= 1990 and <= 2100), "Site.OpeningYearInvalid", nameof(OpeningYear));
        OpeningYear = year ?? on?.Year;
        OpenedOn = on;
        return this;
    }

    public Site WithCapacity(decimal? floorAreaSquareMeters, int? companyCapacity)
    {
        Guard.That(floorAreaSquareMeters is null or > 0, "Site.AreaInvalid", nameof(FloorAreaSquareMeters));
        Guard.That(companyCapacity is null or > 0, "Site.CapacityInvalid", nameof(CompanyCapacity));
        FloorAreaSquareMeters = floorAreaSquareMeters;
        CompanyCapacity = companyCapacity;
        return this;
    }

    public Site WithOffer(IEnumerable<string> sectors, IEnumerable<string> services, IEnumerable<string> partners)
    {
        FocusSectors = Codes(sectors, Sectors.All, "Site.UnknownSector");
        ServiceCodes = Codes(services, Services.All, "Site.UnknownService");
        Partners = [.. partners.Select(p => Guard.Text(p, ListItemMaxLength, "Site.PartnerInvalid", nameof(Partners))).Distinct()];
        return this;
    }

    /// <summary>ISO 8601 at the precision known: "2023-11-24", "2001", or null.</summary>
    public string? OpeningIso => FormatOpening(OpeningYear, OpenedOn);

    public static string? FormatOpening(int? year, DateOnly? on) =>
        on?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        ?? year?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Codes(IEnumerable<string> codes, IReadOnlySet<string> known, string error)
    {
        var list = codes.Distinct().ToList();
        var unknown = list.FirstOrDefault(c => !known.Contains(c));
        return unknown is null ? list : throw new DomainException(error, unknown);
    }

    private static string ValidSlug(string slug) =>
        SlugPattern().IsMatch(slug ?? string.Empty) && slug!.Length <= SlugMaxLength
            ? slug
            : throw new DomainException("Site.SlugInvalid", slug ?? string.Empty) { Field = nameof(Slug) };

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex SlugPattern();
}
