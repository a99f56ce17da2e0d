namespace Technopark.Domain.Billing;

/// <summary>What an invoice line bills; each kind has its VAT rate in the billing policy.</summary>
public enum LineKind
{
    /// <summary>An office's monthly rent, prorated by the days held in the month.</summary>
    OfficeRent,

    /// <summary>Coworking seats: seats × monthly rate per seat, prorated by the days held.</summary>
    CoworkingSeats,

    /// <summary>Room hours booked beyond those included in the month.</summary>
    RoomHours,

    /// <summary>A one-off service entered by the site's staff.</summary>
    Service,
}
