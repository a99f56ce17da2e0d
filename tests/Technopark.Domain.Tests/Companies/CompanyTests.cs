using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Tests.Companies;

public class CompanyTests
{
    [Theory]
    [InlineData("00123456700008")]
    [InlineData("0012345670000891")]
    [InlineData("00123456700008A")]
    public void Create_IceNotFifteenDigits_Throws(string ice) =>
        Assert.Equal("Company.IceInvalid", Assert.Throws<DomainException>(() => NewCompany(ice)).Code);

    [Fact]
    public void Create_IceWithSpaces_IsKeptAsDigits() =>
        Assert.Equal("001234567000089", NewCompany("001 234 567 000 089").Ice);

    [Fact]
    public void Create_UnknownSector_Throws() =>
        Assert.Throws<DomainException>(() => Company.Create(1, "Atlas", CompanyForm.Startup, "space-mining"));

    [Fact]
    public void Leave_Twice_Throws()
    {
        var company = NewCompany(null);
        company.Leave(ExitReason.Graduated, new DateOnly(2026, 1, 1));
        Assert.True(company.HasLeft);
        Assert.Equal("Company.AlreadyLeft", Assert.Throws<DomainException>(() => company.Leave(ExitReason.Closed, new DateOnly(2026, 2, 1))).Code);
    }

    [Fact]
    public void Leave_BeforeFounding_Throws()
    {
        var company = Company.Create(1, "Atlas", CompanyForm.Startup, Sectors.Digital, foundedOn: new DateOnly(2024, 1, 1));
        Assert.Throws<DomainException>(() => company.Leave(ExitReason.Closed, new DateOnly(2023, 12, 31)));
    }

    private static Company NewCompany(string? ice) =>
        Company.Create(1, "Atlas Numérique", CompanyForm.Startup, Sectors.Digital, ice, "أطلس الرقمية");
}
