using Technopark.Domain.Common;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Tests.Sites;

public class SiteLifecycleTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData(SiteStatus.Planned, SiteStatus.UnderConstruction, true)]
    [InlineData(SiteStatus.UnderConstruction, SiteStatus.Planned, true)]
    [InlineData(SiteStatus.UnderConstruction, SiteStatus.Operational, true)]
    [InlineData(SiteStatus.Operational, SiteStatus.Closed, true)]
    [InlineData(SiteStatus.Planned, SiteStatus.Operational, false)]
    [InlineData(SiteStatus.Planned, SiteStatus.Closed, false)]
    [InlineData(SiteStatus.UnderConstruction, SiteStatus.Closed, false)]
    [InlineData(SiteStatus.Operational, SiteStatus.Planned, false)]
    [InlineData(SiteStatus.Operational, SiteStatus.UnderConstruction, false)]
    [InlineData(SiteStatus.Closed, SiteStatus.Operational, false)]
    [InlineData(SiteStatus.Closed, SiteStatus.Planned, false)]
    [InlineData(SiteStatus.Operational, SiteStatus.Operational, false)]
    public void CanMove_FollowsTheLifecycle(SiteStatus from, SiteStatus to, bool allowed) =>
        Assert.Equal(allowed, Site.CanMove(from, to));

    [Fact]
    public void Open_FromUnderConstruction_SetsTheDayAndTheYear()
    {
        var site = Site.Create("khemisset", "K", "K", "R", SiteStatus.UnderConstruction).Open(Today, Today);

        Assert.Equal(SiteStatus.Operational, site.Status);
        Assert.Equal(Today, site.OpenedOn);
        Assert.Equal(2026, site.OpeningYear);
        Assert.True(site.CountsOn(Today));
        Assert.False(site.CountsOn(Today.AddDays(-1)));
    }

    [Fact]
    public void Open_WithoutDate_IsRefused() =>
        Assert.Equal("Site.OpeningDateRequired", Code(() => Site.Create("k", "K", "K", "R", SiteStatus.UnderConstruction).Open(null, Today)));

    [Fact]
    public void Open_InTheFuture_IsRefused() =>
        Assert.Equal("Site.OpeningInFuture", Code(() => Site.Create("k", "K", "K", "R", SiteStatus.UnderConstruction).Open(Today.AddDays(1), Today)));

    [Fact]
    public void Open_FromPlanned_IsRefused() =>
        Assert.Equal("Site.TransitionNotAllowed", Code(() => Site.Create("fes", "F", "F", "R", SiteStatus.Planned).Open(Today, Today)));

    [Fact]
    public void Close_WithCurrentStays_IsRefusedAndListsThem()
    {
        var site = Site.Create("k", "K", "K", "R", SiteStatus.UnderConstruction).Open(new DateOnly(2020, 1, 1), Today);

        var refused = Assert.Throws<DomainException>(() => site.Close(Today, ["B-204 — Atlas", "C-1 — Nour"]));

        Assert.Equal("Site.HasCurrentAssignments", refused.Code);
        Assert.Equal(2, refused.Arguments[0]);
        Assert.Equal("B-204 — Atlas, C-1 — Nour", refused.Arguments[1]);
        Assert.Equal(SiteStatus.Operational, site.Status);
        Assert.Null(site.ClosedOn);
    }

    [Fact]
    public void Close_OnOrBeforeOpening_IsRefused()
    {
        var site = Site.Create("k", "K", "K", "R", SiteStatus.UnderConstruction).Open(Today, Today);

        Assert.Equal("Site.ClosingBeforeOpening", Code(() => site.Close(Today, [])));
        Assert.Equal("Site.ClosingDateRequired", Code(() => site.Close(null, [])));
    }

    [Fact]
    public void Close_KeepsThePastDaysInTheFigures()
    {
        var opened = new DateOnly(2020, 3, 1);
        var site = Site.Create("k", "K", "K", "R", SiteStatus.UnderConstruction).Open(opened, Today).Close(Today, []);

        Assert.Equal(SiteStatus.Closed, site.Status);
        Assert.False(site.CountsOn(opened.AddDays(-1)));
        Assert.True(site.CountsOn(opened));
        Assert.True(site.CountsOn(Today.AddDays(-1)));
        Assert.False(site.CountsOn(Today));
        Assert.False(site.AcceptsApplications);
    }

    [Theory]
    [InlineData(SiteStatus.Planned)]
    [InlineData(SiteStatus.UnderConstruction)]
    public void CountsOn_NotOpenYet_Never(SiteStatus status) =>
        Assert.False(Site.CountsInNetworkFiguresOn(status, new DateOnly(2020, 1, 1), null, Today));

    [Fact]
    public void CountsOn_OperationalWithoutKnownDay_Always() =>
        Assert.True(Site.CountsInNetworkFiguresOn(SiteStatus.Operational, null, null, new DateOnly(1990, 1, 1)));

    [Fact]
    public void MoveTo_BackToPlanned_AndNeverToOperational()
    {
        var site = Site.Create("fes", "F", "F", "R", SiteStatus.Planned).MoveTo(SiteStatus.UnderConstruction).MoveTo(SiteStatus.Planned);

        Assert.Equal(SiteStatus.Planned, site.Status);
        Assert.Equal("Site.TransitionNotAllowed", Code(() => site.MoveTo(SiteStatus.Operational)));
        Assert.Equal("Site.TransitionNotAllowed", Code(() => site.MoveTo(SiteStatus.Planned)));
    }

    [Fact]
    public void NameIn_FallsBackToFrench()
    {
        Assert.Equal("Technopark Tangier", Site.NameIn("en", "Technopark Tanger", "Technopark Tangier", null));
        Assert.Equal("Technopark Tanger", Site.NameIn("ar", "Technopark Tanger", "Technopark Tangier", null));
        Assert.Equal("تكنوبارك طنجة", Site.NameIn("ar", "Technopark Tanger", null, "تكنوبارك طنجة"));
        Assert.Equal("Technopark Tanger", Site.NameIn("fr", "Technopark Tanger", "Technopark Tangier", "تكنوبارك طنجة"));
    }

    [Theory]
    [InlineData("fes", true)]
    [InlineData("fes-2", true)]
    [InlineData("Fes", false)]
    [InlineData("fès", false)]
    [InlineData("2fes", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidSlug_LowerCaseAscii(string? slug, bool valid) => Assert.Equal(valid, Site.IsValidSlug(slug));

    private static string Code(Action act) => Assert.Throws<DomainException>(act).Code;
}

public class SiteCapacityTests
{
    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.1, true)]
    [InlineData(2027.5, true)]
    [InlineData(2027.55, false)]
    [InlineData(1_000_000.0, true)]
    [InlineData(1_000_000.1, false)]
    public void WithCapacity_FloorArea_PositiveWithOneDecimalUpToTheMaximum(double area, bool accepted)
    {
        var site = Site.Create("k", "K", "K", "R", SiteStatus.Planned);
        var act = () => site.WithCapacity((decimal)area, null);

        if (accepted)
        {
            Assert.Equal((decimal)area, act().FloorAreaSquareMeters);
        }
        else
        {
            Assert.Equal("Site.AreaInvalid", Assert.Throws<DomainException>(act).Code);
        }
    }

    [Fact]
    public void WithCapacity_Companies_UpToTheMaximum()
    {
        var site = Site.Create("k", "K", "K", "R", SiteStatus.Planned);

        Assert.Equal(Site.MaxCompanyCapacity, site.WithCapacity(null, Site.MaxCompanyCapacity).CompanyCapacity);
        Assert.Equal("Site.CapacityInvalid", Assert.Throws<DomainException>(() => site.WithCapacity(null, Site.MaxCompanyCapacity + 1)).Code);
        Assert.Equal("Site.CapacityInvalid", Assert.Throws<DomainException>(() => site.WithCapacity(null, 0)).Code);
    }
}
