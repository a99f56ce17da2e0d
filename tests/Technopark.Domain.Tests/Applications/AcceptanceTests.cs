using Technopark.Domain.Applications;
using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;

namespace Technopark.Domain.Tests.Applications;

public class AcceptanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ProgrammesOffered_OperationalSiteWithCoworkingAndNomads_OffersAllFour() =>
        Assert.Equal([Programme.Incubation, Programme.Hosting, Programme.Coworking, Programme.DigitalNomad],
            Acceptance.ProgrammesOffered(SiteStatus.Operational, [Services.Hosting, Services.DigitalNomads, Services.Coworking]));

    [Fact]
    public void ProgrammesOffered_OperationalSiteWithCoreServicesOnly_OffersIncubationAndHosting() =>
        Assert.Equal([Programme.Incubation, Programme.Hosting], Acceptance.ProgrammesOffered(SiteStatus.Operational, Services.Core.ToList()));

    [Theory]
    [InlineData(SiteStatus.Planned)]
    [InlineData(SiteStatus.UnderConstruction)]
    [InlineData(SiteStatus.Closed)]
    public void ProgrammesOffered_SiteNotOperational_OffersNone(SiteStatus status) =>
        Assert.Empty(Acceptance.ProgrammesOffered(status, [Services.Coworking, Services.DigitalNomads]));

    [Theory]
    [InlineData(Programme.Incubation, CompanyForm.Startup, SpaceKind.Office)]
    [InlineData(Programme.Hosting, CompanyForm.Startup, SpaceKind.Office)]
    [InlineData(Programme.Coworking, CompanyForm.AutoEntrepreneur, SpaceKind.Coworking)]
    [InlineData(Programme.DigitalNomad, CompanyForm.DigitalNomad, SpaceKind.Coworking)]
    public void FormForAndSpaceKindFor_EachProgramme_FollowTheProgramme(Programme programme, CompanyForm form, SpaceKind kind)
    {
        Assert.Equal(form, Acceptance.FormFor(programme));
        Assert.Equal(kind, Acceptance.SpaceKindFor(programme));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData(3, 3)]
    [InlineData(Application.MaxTeamSize + 100, Space.MaxSeats)]
    public void SeatsFor_TeamSize_IsTheTeamWithinOneToMaxSeats(int? teamSize, int seats) =>
        Assert.Equal(seats, Acceptance.SeatsFor(teamSize));

    [Fact]
    public void CreateCompanyThenEnlist_AcceptedCoworkingApplication_CreatesTheCompanyAndItsWaitingEntryAndLinksThem()
    {
        var application = Accepted(Programme.Coworking, companyName: null, teamSize: 2);
        var company = Acceptance.CreateCompany(application);
        Assert.Equal("Noria", company.LegalName); // no company name: the project's
        Assert.Equal(CompanyForm.AutoEntrepreneur, company.Form);
        Assert.Equal(Sectors.GreenTech, company.Sector);
        Assert.Equal(7, company.SiteId);

        var entry = Acceptance.Enlist(application, company, new DateOnly(2026, 11, 26));
        Assert.Equal(SpaceKind.Coworking, entry.WantedKind);
        Assert.Equal(2, entry.WantedSeats);
        Assert.Equal(application.Id, entry.ApplicationId);
        Assert.Equal(company.Id, application.CompanyId);
    }

    [Fact]
    public void CreateCompany_ApplicationWithCompanyNameAndIce_UsesThem()
    {
        var company = Acceptance.CreateCompany(Accepted(Programme.Incubation, companyName: "Noria SARL", teamSize: 3, ice: "001234567000089"));
        Assert.Equal("Noria SARL", company.LegalName);
        Assert.Equal("001234567000089", company.Ice);
        Assert.Equal(CompanyForm.Startup, company.Form);
    }

    private static Application Accepted(Programme programme, string? companyName, int teamSize, string? ice = null)
    {
        var application = Application.Start("applicant", 7, programme, Now);
        application.DescribeProject("Noria", "Capteurs d'eau", Sectors.GreenTech, ProjectStage.Prototype, Now);
        application.DescribeTeam("Salma", "salma@example.ma", "+212612345678", teamSize, companyName, ice, Now);
        application.DescribeMarket("Agriculteurs de l'Oriental", "Abonnement", Now);
        application.AttachDocument(DocumentKind.PitchDeck, "deck.pdf", "stored-1", "application/pdf", 1000, Now);
        application.Submit(Now);
        application.AssignReviewer("jury", "manager", Now);
        application.Decide(Decision.Accept, "Projet prometteur", 0, "manager", Now);
        return application;
    }
}
