using System.Globalization;
using Technopark.Domain.Assignments;
using Technopark.Domain.Common;
using Technopark.Domain.Nomads;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Nomads;

public class CoworkingPassTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly May3 = new(2027, 5, 3);
    private static readonly Space Coworking = Space.Create(4, "E-CW", SpaceKind.Coworking, 0, 60m, 3, 900m);

    private static CoworkingPass Create(PassKind kind = PassKind.Week, DateOnly? first = null, decimal price = 350m, bool granted = false,
        string? name = "Lena Berg", string? email = " Lena@Example.org ", string? nationality = null, Space? space = null) =>
        CoworkingPass.Create(space ?? Coworking, kind, first ?? May3, name, email, nationality, price, granted, "manager", Now);

    [Theory]
    [InlineData(PassKind.Day, "2027-05-03", "2027-05-04")]
    [InlineData(PassKind.Week, "2027-05-03", "2027-05-10")]
    [InlineData(PassKind.Month, "2027-05-03", "2027-06-03")]
    [InlineData(PassKind.Month, "2027-01-31", "2027-02-28")]
    [InlineData(PassKind.Month, "2028-01-31", "2028-02-29")]
    [InlineData(PassKind.Month, "2027-12-15", "2028-01-15")]
    [InlineData(PassKind.Week, "2027-12-29", "2028-01-05")]
    public void PeriodOf_EachKind_EndsOnTheFirstDayAfterIt(PassKind kind, string first, string end)
    {
        var period = CoworkingPass.PeriodOf(kind, DateOnly.Parse(first, CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(first, CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, CultureInfo.InvariantCulture), period.End);
    }

    [Fact]
    public void Create_PaidMonthPass_HoldsItsSpaceSiteAndNormalizedEmail()
    {
        var pass = Create(PassKind.Month, new DateOnly(2027, 1, 31), 1200.50m, nationality: "  Suède ");

        Assert.Equal((4, Coworking.Id, PassKind.Month), (pass.SiteId, pass.SpaceId, pass.Kind));
        Assert.Equal(new DateOnly(2027, 2, 27), pass.Period.LastDay);
        Assert.Equal(("lena@example.org", "Suède", 1200.50m, false), (pass.Email, pass.Nationality, pass.Price, pass.Granted));
        Assert.False(pass.IsCancelled);
    }

    [Fact]
    public void Create_GrantedWithoutPrice_IsFree()
    {
        var pass = Create(price: 0m, granted: true);

        Assert.True(pass.Granted);
        Assert.Equal(0m, pass.Price);
    }

    [Theory]
    [InlineData("0", false, "Passes.PriceRequired")]
    [InlineData("100", true, "Passes.GrantedHasNoPrice")]
    [InlineData("-5", false, "Passes.PriceInvalid")]
    [InlineData("10.555", false, "Passes.PriceInvalid")]
    public void Create_PriceNotMatchingGranted_ThrowsNextToPrice(string price, bool granted, string code)
    {
        var e = Assert.Throws<DomainException>(() => Create(price: decimal.Parse(price, CultureInfo.InvariantCulture), granted: granted));

        Assert.Equal((code, "Price"), (e.Code, e.Field));
    }

    [Fact]
    public void Create_PriceAboveTheMaximum_Throws()
    {
        var e = Assert.Throws<DomainException>(() => Create(price: Technopark.Domain.Billing.Money.MaxAmount + 1));

        Assert.Equal("Passes.PriceInvalid", e.Code);
    }

    [Theory]
    [InlineData(null, "a@b.ma", "Passes.NameRequired", "HolderName")]
    [InlineData("   ", "a@b.ma", "Passes.NameRequired", "HolderName")]
    [InlineData("Ana", "not-an-email", "Passes.EmailInvalid", "Email")]
    [InlineData("Ana", null, "Passes.EmailInvalid", "Email")]
    public void Create_MissingHolderOrBadEmail_ThrowsNextToTheField(string? name, string? email, string code, string field)
    {
        var e = Assert.Throws<DomainException>(() => Create(name: name, email: email));

        Assert.Equal((code, field), (e.Code, e.Field));
    }

    [Fact]
    public void Create_NationalityTooLong_Throws()
    {
        var e = Assert.Throws<DomainException>(() => Create(nationality: new string('x', CoworkingPass.NationalityMaxLength + 1)));

        Assert.Equal(("Passes.NationalityTooLong", "Nationality"), (e.Code, e.Field));
    }

    [Fact]
    public void Create_InAnOffice_Throws()
    {
        var office = Space.Create(4, "E-B1", SpaceKind.Office, 1, 20m, 2, 2000m);

        var e = Assert.Throws<DomainException>(() => Create(space: office));

        Assert.Equal(("Passes.SpaceNotCoworking", "SpaceId"), (e.Code, e.Field));
    }

    [Fact]
    public void Create_UndefinedKind_Throws()
    {
        var e = Assert.Throws<DomainException>(() => Create(kind: (PassKind)9));

        Assert.Equal("Passes.KindInvalid", e.Code);
    }

    [Fact]
    public void Cancel_Twice_ThrowsTheSecondTime()
    {
        var pass = Create();
        pass.Cancel(Now);

        Assert.Equal(Now, pass.CancelledAt);
        Assert.Equal("Passes.AlreadyCancelled", Assert.Throws<DomainException>(() => pass.Cancel(Now)).Code);
    }

    [Fact]
    public void EnsureSeatFree_LastSeatLeftOnEveryDay_Passes()
    {
        // 3 seats: a stay of 2 all month and a pass on the 5th leave one seat on each day of the week from the 3rd.
        OfficeAllocation.Held[] held = [new(May3.AddDays(-10), null, 2), new(May3.AddDays(2), May3.AddDays(3), OfficeAllocation.SeatsPerPass)];

        CoworkingPass.EnsureSeatFree(Coworking, new DateRange(May3, May3.AddDays(2)), held);
    }

    [Fact]
    public void EnsureSeatFree_FullOnOneDayOfTheWeek_ThrowsNamingThatDayNextToTheFirstDay()
    {
        OfficeAllocation.Held[] held = [new(May3.AddDays(-10), null, 2), new(May3.AddDays(4), May3.AddDays(5), OfficeAllocation.SeatsPerPass)];

        var e = Assert.Throws<DomainException>(() => CoworkingPass.EnsureSeatFree(Coworking, CoworkingPass.PeriodOf(PassKind.Week, May3), held));

        Assert.Equal(("Assignment.SeatsFull", "First"), (e.Code, e.Field));
        Assert.Equal(new object[] { Coworking.Code, 0, May3.AddDays(4) }, e.Arguments);
    }

    [Fact]
    public void EnsureSeatsFit_PassesCountLikeStays_ForAnAssignment()
    {
        // Two passes on the 3rd fill 2 of 3 seats: a stay of 2 seats from the 1st does not fit, one of 1 does.
        OfficeAllocation.Held[] held = [new(May3, May3.AddDays(1), 1), new(May3, May3.AddDays(7), 1)];

        var e = Assert.Throws<DomainException>(() => OfficeAllocation.EnsureSeatsFit(Coworking, 2, new DateRange(May3.AddDays(-2), null), held));
        OfficeAllocation.EnsureSeatsFit(Coworking, 1, new DateRange(May3.AddDays(-2), null), held);

        Assert.Equal(("Assignment.SeatsFull", "Seats"), (e.Code, e.Field));
    }
}
