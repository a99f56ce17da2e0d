using Technopark.Domain.Common;
using Technopark.Domain.Companies;

namespace Technopark.Domain.Tests.Companies;

public class CompanyLogoTests
{
    [Theory]
    [InlineData(100, 50, 100, 50)]
    [InlineData(256, 256, 256, 256)]
    [InlineData(512, 256, 256, 128)]
    [InlineData(300, 1200, 64, 256)]
    [InlineData(4000, 3, 256, 1)]
    public void FitWithin_AnySize_KeepsProportionsWithinMaxPixelsNeverUpscaling(int width, int height, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), CompanyLogo.FitWithin(width, height));

    [Fact]
    public void FitWithin_EmptyPicture_Throws() =>
        Assert.Equal("Profile.LogoInvalid", Assert.Throws<DomainException>(() => CompanyLogo.FitWithin(0, 10)).Code);

    [Theory]
    [InlineData(4096, 4096, true)]
    [InlineData(4097, 4096, false)]
    [InlineData(65535, 65535, false)]
    [InlineData(1, 1, true)]
    [InlineData(0, 100, false)]
    public void AcceptsSource_DeclaredSize_RefusesHugePictures(int width, int height, bool accepted) =>
        Assert.Equal(accepted, CompanyLogo.AcceptsSource(width, height));
}
