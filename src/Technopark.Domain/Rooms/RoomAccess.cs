namespace Technopark.Domain.Rooms;

/// <summary>A resident company a person may book rooms for (a member of it, of the site, not left).</summary>
public sealed record BookingCompany(int Id, string LegalName);

/// <summary>
/// Who a person is to a site's rooms: its staff (any role on the site), NetworkAdmin (reads every site, books nothing
/// without a role there), and the resident companies of the site they are members of. Residents see which times are
/// taken; only their own company's bookings show who and what.
/// </summary>
public sealed record RoomAccess(bool IsStaff, bool IsNetworkAdmin, IReadOnlyList<BookingCompany> Companies)
{
    public bool CanView => IsStaff || IsNetworkAdmin || Companies.Count > 0;

    /// <summary>Staff book for a resident company, for the site or for an outside organisation; residents for their companies.</summary>
    public bool CanBook => IsStaff || Companies.Count > 0;

    /// <summary>HQ without a role on the site: the rooms show, nothing can be booked or changed.</summary>
    public bool IsReadOnly => !CanBook;

    public bool IsMemberOf(int? companyId) => companyId is { } id && Companies.Any(c => c.Id == id);

    public bool CanBookFor(BookingParty party) => IsStaff || (party.Kind == BookingPartyKind.Company && IsMemberOf(party.CompanyId));

    public bool CanCancel(Booking booking) => CanCancel(booking.CompanyId);

    /// <summary>Staff cancel any booking of the site; residents those of their companies (only company bookings have a company).</summary>
    public bool CanCancel(int? companyId) => IsStaff || IsMemberOf(companyId);

    public bool CanMarkNoShow => IsStaff;

    /// <summary>Whether the booking's party and title are shown (else only "booked").</summary>
    public bool SeesDetailsOf(int? companyId) => IsStaff || IsNetworkAdmin || IsMemberOf(companyId);
}
