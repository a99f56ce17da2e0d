using Technopark.Domain.Common;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Tests.Sites;

public class SiteTests
{
    [Theory]
    [InlineData("Tanger")]
    [InlineData("tan ger")]
    [InlineData("")]
    [InlineData("../oujda")]
    public void Create_InvalidSlug_Throws(string slug) =>
        Assert.Equal("Site.SlugInvalid", Assert.Throws<DomainException>(() => Site.Create(slug, "T", "T", "R", SiteStatus.Planned)).Code);

    [Fact]
    public void WithOffer_UnknownSector_Throws() =>
        Assert.Throws<DomainException>(() => NewSite().WithOffer(["space-mining"], [], []));

    [Fact]
    public void Opened_YearAndDayDisagree_Throws() =>
        Assert.Throws<DomainException>(() => NewSite().Opened(2022, new DateOnly(2023, 11, 24)));

    [Fact]
    public void OpeningIso_GivesThePrecisionKnown()
    {
        Assert.Equal("2023-11-24", NewSite().Opened(2023, new DateOnly(2023, 11, 24)).OpeningIso);
        Assert.Equal("2001", NewSite().Opened(2001).OpeningIso);
        Assert.Null(NewSite().OpeningIso);
    }

    [Fact]
    public void AcceptsApplications_OnlyWhenOperational()
    {
        Assert.True(Site.Create("a", "A", "A", "R", SiteStatus.Operational).AcceptsApplications);
        Assert.False(Site.Create("b", "B", "B", "R", SiteStatus.UnderConstruction).AcceptsApplications);
    }

    [Theory]
    [InlineData(SiteStatus.Planned, false)]
    [InlineData(SiteStatus.UnderConstruction, false)]
    [InlineData(SiteStatus.Operational, true)]
    [InlineData(SiteStatus.Closed, false)]
    public void AcceptsApplicationsWhen_EachStatus_OnlyOperational(SiteStatus status, bool accepts)
    {
        Assert.Equal(accepts, Site.AcceptsApplicationsWhen(status));
        Assert.Equal(accepts, Site.Create("a", "A", "A", "R", status).AcceptsApplications);
    }

    [Theory]
    [InlineData(SiteStatus.Planned, false)]
    [InlineData(SiteStatus.UnderConstruction, false)]
    [InlineData(SiteStatus.Operational, true)]
    [InlineData(SiteStatus.Closed, false)]
    public void CountsInNetworkFigures_EachStatus_OnlyOperational(SiteStatus status, bool counts) =>
        Assert.Equal(counts, Site.CountsInNetworkFigures(status));

    [Fact]
    public void SectorCodes_EachFitsCodeMaxLength() =>
        Assert.All(Sectors.All, code => Assert.InRange(code.Length, 1, Sectors.CodeMaxLength));

    private static Site NewSite() => Site.Create("tanger", "Technopark Tanger", "Tanger", "Tanger-Tétouan-Al Hoceima", SiteStatus.Operational);
}
