using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Tests.Companies;

public class CompanyProfileTests
{
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://atlas.ma")]
    [InlineData("atlas.ma")]
    public void UpdateProfile_WebsiteNotHttp_Throws(string website)
    {
        var company = NewCompany();
        var error = Assert.Throws<DomainException>(() => company.UpdateProfile(website, null, Sectors.Digital, true));
        Assert.Equal(("Company.WebsiteInvalid", "Website"), (error.Code, error.Field));
        Assert.False(company.ListedInDirectory);
    }

    [Fact]
    public void UpdateProfile_PitchTooLong_ThrowsAndChangesNothing()
    {
        var company = NewCompany();
        var error = Assert.Throws<DomainException>(() =>
            company.UpdateProfile("https://atlas.ma", new string('a', Company.PitchMaxLength + 1), Sectors.It, true));
        Assert.Equal("Company.PitchTooLong", error.Code);
        Assert.Equal((null, Sectors.Digital, false), (company.Website, company.Sector, company.ListedInDirectory));
    }

    [Fact]
    public void UpdateProfile_Valid_KeepsTrimmedValues()
    {
        var company = NewCompany();
        company.UpdateProfile(" https://atlas.ma ", "  Robots  ", Sectors.It, true);
        Assert.Equal(("https://atlas.ma", "Robots", Sectors.It, true), (company.Website, company.Pitch, company.Sector, company.ListedInDirectory));
    }

    private static Company NewCompany() => Company.Create(1, "Atlas", CompanyForm.Startup, Sectors.Digital);
}
