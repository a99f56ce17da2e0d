using Technopark.Domain.Common;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Spaces;

public class SpaceTests
{
    [Fact]
    public void Create_NormalizesCode()
    {
        var space = Space.Create(1, " b-204 ", SpaceKind.Office, 2, 24m, 4, 2400m);
        Assert.Equal("B-204", space.Code);
        Assert.True(space.IsActive);
        Assert.True(space.IsExclusive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("B 204")]
    [InlineData("B-204-EXTREMELY-LONG-CODE")]
    [InlineData("<script>")]
    public void Create_InvalidCode_Throws(string code) =>
        Assert.Equal("Space.CodeInvalid", Assert.Throws<DomainException>(() => Space.Create(1, code, SpaceKind.Office, 0, 20m, 2, 100m)).Code);

    [Theory]
    [InlineData(0, 2, 100)]
    [InlineData(20, 0, 100)]
    [InlineData(20, 2, -1)]
    public void Create_NonPositiveAreaSeatsOrNegativeRate_Throws(decimal area, int seats, decimal rate) =>
        Assert.Throws<DomainException>(() => Space.Create(1, "A-1", SpaceKind.Office, 0, area, seats, rate));

    [Theory]
    [InlineData(SpaceKind.Office, true)]
    [InlineData(SpaceKind.Coworking, true)]
    [InlineData(SpaceKind.MeetingRoom, false)]
    [InlineData(SpaceKind.ConferenceRoom, false)]
    public void IsAssignable_OnlyOfficesAndCoworking(SpaceKind kind, bool assignable) =>
        Assert.Equal(assignable, Space.Create(1, "X-1", kind, 0, 20m, 10, 0m).IsAssignable);
}
