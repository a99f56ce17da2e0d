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

    public bool IsActive { get; private set; }

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
    /// Takes the space out of service. A space with a current or future stay stays active:
    /// <paramref name="holderOfCurrentOrFutureStay"/> is the company of the earliest such stay (null when none), named in the message.
    /// </summary>
    public void Deactivate(string? holderOfCurrentOrFutureStay)
    {
        if (holderOfCurrentOrFutureStay is not null)
        {
            throw new DomainException("Spaces.StillAssigned", Code, holderOfCurrentOrFutureStay);
        }

        IsActive = false;
    }

    public void Activate() => IsActive = true;

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
