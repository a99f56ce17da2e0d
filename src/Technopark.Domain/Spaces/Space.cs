using System.Text.RegularExpressions;
using Technopark.Domain.Common;

namespace Technopark.Domain.Spaces;

/// <summary>
/// A room or area of a site. An office holds one company at a time; a coworking space holds up
/// to <see cref="Seats"/> people. Other kinds are shared facilities and are not assigned.
/// </summary>
public sealed partial class Space
{
    public const int CodeMaxLength = 20;
    public const int MaxSeats = 500;
    public const int MinFloor = -5;
    public const int MaxFloor = 60;
    public const decimal MaxAreaSquareMeters = 10_000m;
    public const decimal MaxMonthlyRate = 10_000_000m;

    /// <summary>Spaces one inventory import adds at most (a CSV's rows; the benchmark's largest write imports as many).</summary>
    public const int MaxImportedAtOnce = 2000;

    private readonly List<SpaceOutage> _outages = [];

    private Space()
    {
        Code = string.Empty;
    }

    public int Id { get; private set; }

    public int SiteId { get; private set; }

    public string Code { get; private set; }

    public SpaceKind Kind { get; private set; }

    public int Floor { get; private set; }

    public decimal AreaSquareMeters { get; private set; }

    public int Seats { get; private set; }

    public decimal MonthlyRate { get; private set; }

    /// <summary>In service today: no open-ended <see cref="Outages"/> period.</summary>
    public bool IsActive { get; private set; }

    /// <summary>
    /// The periods the space was (or is) out of service, so that a past day counts the inventory of that day. A space counts in
    /// a day's figures unless one of them holds that day; a space without any has always been in service.
    /// </summary>
    public IReadOnlyList<SpaceOutage> Outages => _outages;

    /// <summary>Offices and coworking spaces are assigned to companies.</summary>
    public bool IsAssignable => Kind is SpaceKind.Office or SpaceKind.Coworking;

    /// <summary>Only one company at a time (enforced by the database as well).</summary>
    public bool IsExclusive => Kind == SpaceKind.Office;

    /// <summary>Whether a space has room on a day: an office when nobody holds it, a coworking space while a seat is left.</summary>
    public static bool HasRoom(SpaceKind kind, int seats, int staysHeld, int seatsUsed) =>
        kind == SpaceKind.Office ? staysHeld == 0 : seatsUsed < seats;

    public static Space Create(int siteId, string code, SpaceKind kind, int floor, decimal areaSquareMeters, int seats, decimal monthlyRate)
    {
        Guard.That(siteId > 0, "Space.SiteRequired", nameof(SiteId));
        var space = new Space { SiteId = siteId, Code = ValidCode(code), IsActive = true };
        space.Update(kind, floor, areaSquareMeters, seats, monthlyRate);
        return space;
    }

    public void Update(SpaceKind kind, int floor, decimal areaSquareMeters, int seats, decimal monthlyRate)
    {
        Guard.That(Enum.IsDefined(kind), "Space.KindInvalid", nameof(Kind));
        Guard.That(floor is >= MinFloor and <= MaxFloor, "Space.FloorInvalid", nameof(Floor));
        Guard.That(areaSquareMeters is > 0 and <= MaxAreaSquareMeters, "Space.AreaInvalid", nameof(AreaSquareMeters));
        Guard.That(seats is >= 1 and <= MaxSeats, "Space.SeatsInvalid", nameof(Seats), MaxSeats);
        Guard.That(monthlyRate is >= 0 and <= MaxMonthlyRate, "Space.RateInvalid", nameof(MonthlyRate));
        Kind = kind;
        Floor = floor;
        AreaSquareMeters = areaSquareMeters;
        Seats = seats;
        MonthlyRate = decimal.Round(monthlyRate, 2);
    }

    /// <summary>
    /// Takes the space out of service from <paramref name="today"/> on (today's figures no longer count it; earlier days still do).
    /// A space with a current or future stay stays active: <paramref name="holderOfCurrentOrFutureStay"/> is the company of the
    /// earliest such stay (null when none), named in the message.
    /// </summary>
    public void Deactivate(string? holderOfCurrentOrFutureStay, DateOnly today)
    {
        if (holderOfCurrentOrFutureStay is not null)
        {
            throw new DomainException("Spaces.StillAssigned", Code, holderOfCurrentOrFutureStay);
        }

        if (!IsActive)
        {
            return;
        }

        _outages.Add(SpaceOutage.From(today));
        IsActive = false;
    }

    /// <summary>
    /// Puts the space back in service from <paramref name="today"/> on: its open period out of service ends today, or is forgotten
    /// when it began today (the space was never out of service for a whole day).
    /// </summary>
    public void Activate(DateOnly today)
    {
        if (IsActive)
        {
            return;
        }

        if (_outages.SingleOrDefault(o => o.End is null) is { } open)
        {
            if (open.Start >= today)
            {
                _outages.Remove(open);
            }
            else
            {
                open.EndOn(today);
            }
        }

        IsActive = true;
    }

    /// <summary>Whether the space counts in the inventory of <paramref name="day"/>.</summary>
    public bool InServiceOn(DateOnly day) => !_outages.Any(o => o.Period.Contains(day));

    /// <summary>Whether the space is in service now and on every day of <paramref name="period"/> (a stay can be held in it).</summary>
    public bool InServiceThroughout(DateRange period) => IsActive && !_outages.Any(o => o.Period.Overlaps(period));

    /// <summary>Normalised form of a space code: trimmed and upper-case ("b-204" → "B-204").</summary>
    public static string NormalizeCode(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>Whether <paramref name="code"/>, once normalised, is a valid space code (letters, digits, '.', '/', '-'; at most <see cref="CodeMaxLength"/>).</summary>
    public static bool IsValidCode(string? code)
    {
        var normalized = NormalizeCode(code);
        return normalized.Length is > 0 and <= CodeMaxLength && CodePattern().IsMatch(normalized);
    }

    private static string ValidCode(string code)
    {
        Guard.That(IsValidCode(code), "Space.CodeInvalid", nameof(Code), CodeMaxLength);
        return NormalizeCode(code);
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9./-]*$")]
    private static partial Regex CodePattern();
}
