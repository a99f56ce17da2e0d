using Technopark.Domain.Common;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Tests.Sites;

public class SiteClosedHostsTests
{
    private static readonly DateOnly Closing = new(2027, 6, 30);

    private static Site ClosedSite() =>
        Site.Create("ancien", "Technopark Ancien", "Ville", "Région", SiteStatus.Operational).Opened(2020, new DateOnly(2020, 1, 6)).Close(Closing, []);

    [Fact]
    public void EnsureHostsUntil_OpenSite_AcceptsAnyEnd()
    {
        var site = Site.Create("ouvert", "Technopark Ouvert", "Ville", "Région", SiteStatus.Operational);

        site.EnsureHostsUntil(null, "LastDay");
        site.EnsureHostsUntil(new DateOnly(2090, 1, 1), "LastDay");
    }

    [Fact]
    public void EnsureHostsUntil_ClosedSite_AcceptsAnEndOnOrBeforeTheClosingDay()
    {
        var site = ClosedSite();

        site.EnsureHostsUntil(Closing, "LastDay"); // [start, closing): the last day is the day before the closing
        site.EnsureHostsUntil(Closing.AddDays(-10), "LastDay");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(null)]
    public void EnsureHostsUntil_ClosedSite_RefusesAnAssignmentReachingTheClosingDay(int? daysAfter)
    {
        var site = ClosedSite();

        var refused = Assert.Throws<DomainException>(() => site.EnsureHostsUntil(daysAfter is { } d ? Closing.AddDays(d) : null, "LastDay"));

        Assert.Equal(("Site.ClosedOn", "LastDay"), (refused.Code, refused.Field));
        Assert.Equal(Closing, refused.Arguments[0]);
    }
}
