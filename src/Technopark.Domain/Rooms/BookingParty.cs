using Technopark.Domain.Common;
using Technopark.Domain.Companies;

namespace Technopark.Domain.Rooms;

/// <summary>Who a booking is for: a resident company, the site itself (its own meetings, trainings), or an outside organisation.</summary>
public enum BookingPartyKind
{
    Company,
    Site,
    External,
}

/// <summary>The party of a booking, validated: a company id, nothing, or an organisation's name with an optional contact and ICE.</summary>
public sealed record BookingParty(BookingPartyKind Kind, int? CompanyId, string? ExternalName, string? ExternalContact, string? ExternalIce)
{
    public const int NameMaxLength = 200;
    public const int ContactMaxLength = 200;

    public static BookingParty ForCompany(int companyId)
    {
        Guard.That(companyId > 0, "Rooms.Booking.CompanyRequired", nameof(CompanyId));
        return new(BookingPartyKind.Company, companyId, null, null, null);
    }

    public static BookingParty ForSite() => new(BookingPartyKind.Site, null, null, null, null);

    public static BookingParty External(string? name, string? contact, string? ice)
    {
        var trimmedIce = string.IsNullOrWhiteSpace(ice) ? null : ice.Trim();
        Guard.That(trimmedIce is null || Company.IsValidIce(trimmedIce), "Rooms.Booking.IceInvalid", nameof(ExternalIce), Company.IceLength);
        return new(BookingPartyKind.External, null,
            Guard.Text(name, NameMaxLength, "Rooms.Booking.ExternalNameRequired", nameof(ExternalName)),
            Guard.OptionalText(contact, ContactMaxLength, "Rooms.Booking.ExternalContactTooLong", nameof(ExternalContact)),
            trimmedIce);
    }
}
