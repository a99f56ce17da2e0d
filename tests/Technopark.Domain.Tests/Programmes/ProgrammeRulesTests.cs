using Technopark.Domain.Common;
using Technopark.Domain.Programmes;

namespace Technopark.Domain.Tests.Programmes;

public class ProgrammeRulesTests
{
    private static readonly DateOnly Start = new(2027, 1, 4);
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_Valid_TrimsAndKeepsMilestonesInOrder()
    {
        var programme = Programme.Create(1, ProgrammeKind.Acceleration, "  A Accélération ", 6, "Coaching\nFormation", ["MVP", "Premier client"]);

        Assert.Equal("A Accélération", programme.Name);
        Assert.True(programme.IsActive);
        Assert.Equal(["MVP", "Premier client"], programme.Milestones.OrderBy(m => m.Position).Select(m => m.Name));
    }

    [Theory]
    [InlineData(0, "A", 12, "Programme.SiteRequired", "SiteId")]
    [InlineData(1, " ", 12, "Programme.NameRequired", "Name")]
    [InlineData(1, "A", 0, "Programme.DurationInvalid", "DurationMonths")]
    [InlineData(1, "A", 61, "Programme.DurationInvalid", "DurationMonths")]
    public void Create_Invalid_RefusedNamingTheField(int siteId, string name, int months, string code, string field)
    {
        var error = Assert.Throws<DomainException>(() => Programme.Create(siteId, ProgrammeKind.Incubation, name, months, null));

        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Create_UnknownKind_Refused()
    {
        var error = Assert.Throws<DomainException>(() => Programme.Create(1, (ProgrammeKind)42, "A", 12, null));

        Assert.Equal("Programme.KindInvalid", error.Code);
    }

    [Fact]
    public void AddMilestone_SameNameAnyCase_Refused()
    {
        var programme = Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null, ["MVP"]);

        var error = Assert.Throws<DomainException>(() => programme.AddMilestone(" mvp "));

        Assert.Equal("Programme.MilestoneDuplicate", error.Code);
        Assert.Equal("Milestone", error.Field);
    }

    [Fact]
    public void AddMilestone_BeyondTheMaximum_Refused()
    {
        var programme = Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null,
            Enumerable.Range(1, Programme.MaxMilestones).Select(i => $"Étape {i}"));

        var error = Assert.Throws<DomainException>(() => programme.AddMilestone("Une de trop"));

        Assert.Equal("Programme.TooManyMilestones", error.Code);
    }

    [Fact]
    public void RetireAndReopen_ChangeOnlyWhetherItIsOffered()
    {
        var programme = Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null);

        programme.Retire();
        var refused = Assert.Throws<DomainException>(() => Enrolment.Create(programme, 5, 1, null, Start));
        programme.Reopen();

        Assert.Equal("Enrolment.ProgrammeRetired", refused.Code);
        Assert.Equal(Start, Enrolment.Create(programme, 5, 1, null, Start).Period.Start);
    }

    [Fact]
    public void Enrolment_CompanyOfAnotherSite_Refused()
    {
        var programme = Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null);

        var error = Assert.Throws<DomainException>(() => Enrolment.Create(programme, 5, 2, "coach", Start));

        Assert.Equal("Enrolment.OtherSite", error.Code);
        Assert.Equal("CompanyId", error.Field);
    }

    [Fact]
    public void Enrolment_End_KeepsHistoryAndRefusesTwiceOrBeforeStart()
    {
        var enrolment = Enrolment.Create(Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null), 5, 1, " ", Start);

        var early = Assert.Throws<DomainException>(() => enrolment.End(Start));
        enrolment.End(Start.AddDays(30));
        var twice = Assert.Throws<DomainException>(() => enrolment.End(Start.AddDays(40)));

        Assert.Null(enrolment.CoachUserId);
        Assert.Equal("Enrolment.EndBeforeStart", early.Code);
        Assert.Equal("Enrolment.AlreadyEnded", twice.Code);
        Assert.True(enrolment.IsCurrentOn(Start.AddDays(29)));
        Assert.False(enrolment.IsCurrentOn(Start.AddDays(30)));
    }

    [Fact]
    public void Enrolment_ChangeCoach_NamesTheNewOne()
    {
        var enrolment = Enrolment.Create(Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null), 5, 1, "first", Start);

        enrolment.ChangeCoach("second", Start.AddDays(10));

        Assert.Equal("second", enrolment.CoachUserId);
    }

    [Fact]
    public void Enrolment_ChangeCoachOnceEnded_Refused()
    {
        var enrolment = Enrolment.Create(Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null), 5, 1, "first", Start);
        enrolment.End(Start.AddDays(30));

        var error = Assert.Throws<DomainException>(() => enrolment.ChangeCoach("second", Start.AddDays(30)));

        Assert.Equal("Enrolment.AlreadyEnded", error.Code);
        Assert.Equal("first", enrolment.CoachUserId);
        enrolment.ChangeCoach("second", Start.AddDays(29)); // the last day of the enrolment
    }

    [Fact]
    public void Reach_Valid_RecordsTheDayAndEvidence()
    {
        var programme = Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null, ["MVP"]);
        var enrolment = Enrolment.Create(programme, 5, 1, null, Start);

        var reached = enrolment.Reach(programme.Milestones.Single(), Start.AddDays(10), " Démo ", "coach", Now, []);

        Assert.Equal(Start.AddDays(10), reached.ReachedOn);
        Assert.Equal("Démo", reached.Evidence);
        Assert.Equal(5, reached.CompanyId);
    }

    [Theory]
    [InlineData(-1, "Milestone.BeforeEnrolment")]
    [InlineData(120, "Milestone.InFuture")]
    public void Reach_OutsideTheEnrolmentOrFuture_Refused(int days, string code)
    {
        var programme = Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null, ["MVP"]);
        var enrolment = Enrolment.Create(programme, 5, 1, null, Start);

        var error = Assert.Throws<DomainException>(() => enrolment.Reach(programme.Milestones.Single(), Start.AddDays(days), "x", "coach", Now, []));

        Assert.Equal(code, error.Code);
        Assert.Equal("ReachedOn", error.Field);
    }

    [Fact]
    public void Reach_TwiceOrRetiredOrWithoutEvidence_Refused()
    {
        var programme = Programme.Create(1, ProgrammeKind.Incubation, "A", 12, null, ["MVP"]);
        var enrolment = Enrolment.Create(programme, 5, 1, null, Start);
        var milestone = programme.Milestones.Single();

        var twice = Assert.Throws<DomainException>(() => enrolment.Reach(milestone, Start, "x", "coach", Now, [milestone.Id]));
        var noEvidence = Assert.Throws<DomainException>(() => enrolment.Reach(milestone, Start, " ", "coach", Now, []));
        programme.RetireMilestone(milestone.Id);
        var retired = Assert.Throws<DomainException>(() => enrolment.Reach(milestone, Start, "x", "coach", Now, []));

        Assert.Equal("Milestone.AlreadyReached", twice.Code);
        Assert.Equal("Milestone.EvidenceRequired", noEvidence.Code);
        Assert.Equal("Milestone.NotInProgramme", retired.Code);
    }
}
