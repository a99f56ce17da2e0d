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
    public const int AddressMaxLength = 200;

    /// <summary>Floor area: square metres with one decimal, at most a million (the form, the entity and the column read these).</summary>
    public const int FloorAreaScale = 1;
    public const decimal MaxFloorAreaSquareMeters = 1_000_000m;

    /// <summary>Most companies a site can be planned to host.</summary>
    public const int MaxCompanyCapacity = 100_000;

    private Site()
    {
        Slug = Name = City = Region = string.Empty;
    }

    public int Id { get; private set; }

    public string Slug { get; private set; }

    /// <summary>The site's name in French, the network's default language.</summary>
    public string Name { get; private set; }

    /// <summary>The name in English, when HQ gave one (else <see cref="Name"/> is shown).</summary>
    public string? NameEn { get; private set; }

    /// <summary>The name in Arabic, when HQ gave one (else <see cref="Name"/> is shown).</summary>
    public string? NameAr { get; private set; }

    /// <summary>Street address, when known.</summary>
    public string? Address { get; private set; }

    public string City { get; private set; }

    public string Region { get; private set; }

    public SiteStatus Status { get; private set; }

    /// <summary>Three capital letters that start the site's invoice and credit-note numbers (<c>TNG-2027-000123</c>).</summary>
    public string BillingCode { get; private set; } = string.Empty;

    /// <summary>Year of opening when known (Casablanca: 2001).</summary>
    public int? OpeningYear { get; private set; }

    /// <summary>Exact opening day when known (Essaouira: 24/11/2023).</summary>
    public DateOnly? OpenedOn { get; private set; }

    /// <summary>The day the site closed: it counts in the network's figures up to the day before.</summary>
    public DateOnly? ClosedOn { get; private set; }

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

    /// <summary>
    /// Whether the site's offices and seats count in the network's figures of <paramref name="day"/>: an operational site
    /// from its opening day (always, when that day is not known), a closed one from its opening day to the day before it
    /// closed (so it stays in the history of past days); a planned site or one under construction never.
    /// </summary>
    public static bool CountsInNetworkFiguresOn(SiteStatus status, DateOnly? openedOn, DateOnly? closedOn, DateOnly day) => status switch
    {
        SiteStatus.Operational => openedOn is null || openedOn <= day,
        SiteStatus.Closed => (openedOn is null || openedOn <= day) && (closedOn is null || day < closedOn),
        _ => false,
    };

    public bool CountsOn(DateOnly day) => CountsInNetworkFiguresOn(Status, OpenedOn, ClosedOn, day);

    /// <summary>
    /// The lifecycle's moves: Planned → UnderConstruction → Operational → Closed, one step at a time, plus back from
    /// UnderConstruction to Planned (works postponed). A closed site stays closed.
    /// </summary>
    public static bool CanMove(SiteStatus from, SiteStatus to) => (from, to) switch
    {
        (SiteStatus.Planned, SiteStatus.UnderConstruction) => true,
        (SiteStatus.UnderConstruction, SiteStatus.Planned) => true,
        (SiteStatus.UnderConstruction, SiteStatus.Operational) => true,
        (SiteStatus.Operational, SiteStatus.Closed) => true,
        _ => false,
    };

    /// <summary>The statuses the site may move to from where it is (the lifecycle page offers these).</summary>
    public IReadOnlyList<SiteStatus> NextStatuses => [.. Enum.GetValues<SiteStatus>().Where(to => CanMove(Status, to))];

    /// <summary>Starts or stops works without opening (Planned ↔ UnderConstruction).</summary>
    public Site MoveTo(SiteStatus status)
    {
        Guard.That(status is SiteStatus.Planned or SiteStatus.UnderConstruction && CanMove(Status, status),
            "Site.TransitionNotAllowed", nameof(Status), Status, status);
        Status = status;
        return this;
    }

    /// <summary>Opens the site on <paramref name="on"/> (required, not after <paramref name="today"/>): it counts from that day.</summary>
    public Site Open(DateOnly? on, DateOnly today)
    {
        Guard.That(CanMove(Status, SiteStatus.Operational), "Site.TransitionNotAllowed", nameof(Status), Status, SiteStatus.Operational);
        Guard.That(on is not null, "Site.OpeningDateRequired", nameof(OpenedOn));
        Guard.That(on <= today, "Site.OpeningInFuture", nameof(OpenedOn));
        Opened(on!.Value.Year, on);
        Status = SiteStatus.Operational;
        return this;
    }

    /// <summary>
    /// Closes the site on <paramref name="on"/> (required, after its opening day). <paramref name="currentAssignments"/> are the
    /// assignments still held on or after that day, as the people who read the message know them ("B-204 — Atlas Robotics"):
    /// any of them refuses the closing, and the message lists them.
    /// </summary>
    public Site Close(DateOnly? on, IReadOnlyCollection<string> currentAssignments)
    {
        Guard.That(CanMove(Status, SiteStatus.Closed), "Site.TransitionNotAllowed", nameof(Status), Status, SiteStatus.Closed);
        Guard.That(on is not null, "Site.ClosingDateRequired", nameof(ClosedOn));
        Guard.That(OpenedOn is null || OpenedOn < on, "Site.ClosingBeforeOpening", nameof(ClosedOn));
        Guard.That(currentAssignments.Count == 0, "Site.HasCurrentAssignments", nameof(ClosedOn), currentAssignments.Count, string.Join(", ", currentAssignments));
        ClosedOn = on;
        Status = SiteStatus.Closed;
        return this;
    }

    /// <summary>
    /// A closed site hosts nobody from its closing day: an assignment ending at <paramref name="end"/> (exclusive, null when
    /// open-ended) must end by then. The caller holds the lock of the site's spaces that <see cref="Close"/> takes too.
    /// </summary>
    public void EnsureHostsUntil(DateOnly? end, string field)
    {
        Guard.That(ClosedOn is not { } closed || (end is { } e && e <= closed), "Site.ClosedOn", field, ClosedOn ?? default);
    }

    /// <summary>The site's name in a language ("fr", "en", "ar"), falling back to the French one.</summary>
    public static string NameIn(string language, string name, string? nameEn, string? nameAr) => language switch
    {
        "en" => nameEn ?? name,
        "ar" => nameAr ?? name,
        _ => name,
    };

    /// <summary>Names in English and Arabic (optional: the French one is shown where one is missing) and the address.</summary>
    public Site WithNames(string? nameEn, string? nameAr)
    {
        NameEn = Guard.OptionalText(nameEn, NameMaxLength, "Site.NameInvalid", nameof(NameEn));
        NameAr = Guard.OptionalText(nameAr, NameMaxLength, "Site.NameInvalid", nameof(NameAr));
        return this;
    }

    public Site WithAddress(string? address)
    {
        Address = Guard.OptionalText(address, AddressMaxLength, "Site.AddressInvalid", nameof(Address));
        return this;
    }

    /// <summary>Only an operational site accepts applications.</summary>
    public static bool AcceptsApplicationsWhen(SiteStatus status) => status == SiteStatus.Operational;

    /// <summary>A new site. Its slug is its address in every URL: never changed, never reused (the database refuses both).</summary>
    public static Site Create(string slug, string name, string city, string region, SiteStatus status) =>
        new Site { Slug = ValidSlug(slug), BillingCode = DefaultBillingCode(slug), Status = status }.Describe(name, city, region);

    /// <summary>The first letters of the slug, in capitals, until the site is given its own code.</summary>
    public static string DefaultBillingCode(string slug) =>
        new string([.. slug.Where(char.IsAsciiLetter).Take(BillingCodeLength).Select(char.ToUpperInvariant)]).PadRight(BillingCodeLength, 'X');

    public Site WithBillingCode(string code)
    {
        Guard.That(code.Length == BillingCodeLength && code.All(char.IsAsciiLetterUpper), "Site.BillingCodeInvalid", nameof(BillingCode), BillingCodeLength);
        BillingCode = code;
        return this;
    }

    /// <summary>Sets the name, city and region (the status moves only through the lifecycle once the site exists).</summary>
    public Site Describe(string name, string city, string region)
    {
        Name = Guard.Text(name, NameMaxLength, "Site.NameRequired", nameof(Name));
        City = Guard.Text(city, NameMaxLength, "Site.CityRequired", nameof(City));
        Region = Guard.Text(region, RegionMaxLength, "Site.RegionRequired", nameof(Region));
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
        Guard.That(floorAreaSquareMeters is not { } area || (area is > 0 and <= MaxFloorAreaSquareMeters && area == decimal.Round(area, FloorAreaScale)),
            "Site.AreaInvalid", nameof(FloorAreaSquareMeters));
        Guard.That(companyCapacity is null or (> 0 and <= MaxCompanyCapacity), "Site.CapacityInvalid", nameof(CompanyCapacity));
        FloorAreaSquareMeters = floorAreaSquareMeters;
        CompanyCapacity = companyCapacity;
        return this;
    }

    public Site WithOffer(IEnumerable<string> sectors, IEnumerable<string> services, IEnumerable<string> partners)
    {
        FocusSectors = Codes(sectors, Sectors.All, "Site.UnknownSector", nameof(FocusSectors));
        ServiceCodes = Codes(services, Services.All, "Site.UnknownService", nameof(ServiceCodes));
        Partners = [.. partners.Select(p => Guard.Text(p, ListItemMaxLength, "Site.PartnerInvalid", nameof(Partners))).Distinct()];
        return this;
    }

    /// <summary>ISO 8601 at the precision known: "2023-11-24", "2001", or null.</summary>
    public string? OpeningIso => FormatOpening(OpeningYear, OpenedOn);

    public static string? FormatOpening(int? year, DateOnly? on) =>
        on?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        ?? year?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Codes(IEnumerable<string> codes, IReadOnlySet<string> known, string error, string field)
    {
        var list = codes.Distinct().ToList();
        var unknown = list.FirstOrDefault(c => !known.Contains(c));
        return unknown is null ? list : throw new DomainException(error, unknown) { Field = field };
    }

    /// <summary>Whether <paramref name="slug"/> has the shape of a slug (lower-case ASCII letters, digits, hyphens; a letter first).</summary>
    public static bool IsValidSlug(string? slug) => slug is { Length: > 0 and <= SlugMaxLength } && SlugPattern().IsMatch(slug);

    private static string ValidSlug(string slug) =>
        SlugPattern().IsMatch(slug ?? string.Empty) && slug!.Length <= SlugMaxLength
            ? slug
            : throw new DomainException("Site.SlugInvalid", slug ?? string.Empty) { Field = nameof(Slug) };

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex SlugPattern();
}
