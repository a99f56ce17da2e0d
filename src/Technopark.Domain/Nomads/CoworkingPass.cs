using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Nomads;

/// <summary>How long a coworking pass lasts.</summary>
public enum PassKind
{
    Day,
    Week,
    Month,
}

/// <summary>
/// A digital nomad's coworking pass: one seat of a coworking space of the site on each day of <see cref="Period"/>, bought or
/// granted without an incubation application. Counted in coworking occupancy on the days it covers, like a stay's seats, and
/// within the space's seats (checked under the space's lock with the stays). Cancelled passes are kept.
/// </summary>
public sealed class CoworkingPass
{
    public const int NameMaxLength = 120;
    public const int NationalityMaxLength = 60;

    private CoworkingPass()
    {
        HolderName = Email = CreatedBy = string.Empty;
        Period = null!;
    }

    public int Id { get; private set; }

    public int SiteId { get; private set; }

    public int SpaceId { get; private set; }

    public PassKind Kind { get; private set; }

    public string HolderName { get; private set; }

    public string Email { get; private set; }

    public string? Nationality { get; private set; }

    /// <summary>[first day, first day after): a day pass holds 1 day, a week 7, a month up to the same day of the next month.</summary>
    public DateRange Period { get; private set; }

    /// <summary>What the holder paid, MAD (0 when granted).</summary>
    public decimal Price { get; private set; }

    public bool Granted { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>The days a pass of <paramref name="kind"/> starting on <paramref name="first"/> covers.</summary>
    public static DateRange PeriodOf(PassKind kind, DateOnly first) => new(first, kind switch
    {
        PassKind.Day => first.AddDays(1),
        PassKind.Week => first.AddDays(7),
        _ => first.AddMonths(1),
    });

    public static CoworkingPass Create(Space space, PassKind kind, DateOnly first, string? holderName, string? email, string? nationality,
        decimal price, bool granted, string createdBy, DateTimeOffset now)
    {
        Guard.That(space.Kind == SpaceKind.Coworking && space.IsActive, "Passes.SpaceNotCoworking", nameof(SpaceId));
        Guard.That(Enum.IsDefined(kind), "Passes.KindInvalid", nameof(Kind));
        DateRangeLimits.Check(first, "First");
        Guard.That(price >= 0 && price <= Billing.Money.MaxAmount && decimal.Round(price, 2) == price, "Passes.PriceInvalid", nameof(Price));
        Guard.That(!granted || price == 0, "Passes.GrantedHasNoPrice", nameof(Price));
        Guard.That(granted || price > 0, "Passes.PriceRequired", nameof(Price));
        return new CoworkingPass
        {
            SiteId = space.SiteId,
            SpaceId = space.Id,
            Kind = kind,
            HolderName = Guard.Text(holderName, NameMaxLength, "Passes.NameRequired", nameof(HolderName)),
            Email = EmailAddress.Require(email, "Passes.EmailInvalid", nameof(Email)),
            Nationality = Guard.OptionalText(nationality, NationalityMaxLength, "Passes.NationalityTooLong", nameof(Nationality)),
            Period = PeriodOf(kind, first),
            Price = price,
            Granted = granted,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// A new pass over <paramref name="period"/> must find a free seat of <paramref name="space"/> on every day it covers, given the
    /// stays and live passes already there (<paramref name="held"/>, read under the space's lock): the rule of
    /// <see cref="OfficeAllocation.EnsureSeatsFit"/>, the message next to the first day.
    /// </summary>
    public static void EnsureSeatFree(Space space, DateRange period, IReadOnlyCollection<OfficeAllocation.Held> held) =>
        OfficeAllocation.EnsureSeatsFit(space, OfficeAllocation.SeatsPerPass, period, held, "First");

    /// <summary>Cancelled (a mistake, a refund): frees the seat on the days it covered.</summary>
    public void Cancel(DateTimeOffset now)
    {
        Guard.That(!IsCancelled, "Passes.AlreadyCancelled", nameof(CancelledAt));
        CancelledAt = now;
    }
}
