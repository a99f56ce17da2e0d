using Technopark.Domain.Rooms;

namespace Technopark.Domain.Tests.Rooms;

public class RoomAccessTests
{
    private static readonly BookingCompany Mine = new(1, "Mine SARL");
    private static readonly RoomAccess Resident = new(false, false, [Mine]);
    private static readonly RoomAccess Staff = new(true, false, []);
    private static readonly RoomAccess Hq = new(false, true, []);
    private static readonly RoomAccess Nobody = new(false, false, []);

    [Fact]
    public void Resident_BooksAndCancelsOnlyForItsCompanies_AndSeesOthersOnlyAsBooked()
    {
        Assert.True(Resident.CanView && Resident.CanBook && !Resident.IsReadOnly && !Resident.CanMarkNoShow);
        Assert.True(Resident.CanBookFor(BookingParty.ForCompany(1)));
        Assert.False(Resident.CanBookFor(BookingParty.ForCompany(2)));
        Assert.False(Resident.CanBookFor(BookingParty.ForSite()));
        Assert.False(Resident.CanBookFor(BookingParty.External("Tanja", null, null)));
        Assert.True(Resident.SeesDetailsOf(1));
        Assert.False(Resident.SeesDetailsOf(2));
        Assert.False(Resident.SeesDetailsOf(null));
    }

    [Fact]
    public void Staff_BooksForAnyParty_HqOnlyReads_OthersSeeNothing()
    {
        Assert.True(Staff.CanBookFor(BookingParty.ForSite()) && Staff.CanBookFor(BookingParty.ForCompany(2)) && Staff.CanMarkNoShow);
        Assert.True(Staff.SeesDetailsOf(null) && Staff.SeesDetailsOf(2));
        Assert.True(Hq.CanView && Hq.IsReadOnly && !Hq.CanBook && Hq.SeesDetailsOf(2));
        Assert.False(Hq.CanBookFor(BookingParty.ForSite()));
        Assert.False(Nobody.CanView || Nobody.CanBook);
    }
}
