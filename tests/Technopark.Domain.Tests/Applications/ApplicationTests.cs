using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Domain.Sites;

namespace Technopark.Domain.Tests.Applications;

public class ApplicationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RemoveDocument_UnknownId_ThrowsNotFoundWithTheDocumentCode()
    {
        var application = Application.Start("applicant", 1, Programme.Incubation, Now);

        var error = Assert.Throws<NotFoundException>(() => application.RemoveDocument(12345, Now));

        Assert.Equal(ErrorCodes.DocumentNotFound, error.Code);
        Assert.Equal("Document.NotFound", error.Code);
    }

    [Fact]
    public void Submit_Incomplete_ThrowsAndStaysDraft()
    {
        var application = Application.Start("applicant", 1, Programme.Incubation, Now);
        var error = Assert.Throws<DomainException>(() => application.Submit(Now));
        Assert.Equal("Application.Incomplete", error.Code);
        Assert.Equal(ApplicationState.Draft, application.State);
        Assert.Contains("PitchDeck", application.Missing());
    }

    [Fact]
    public void RequiredForSubmission_BlankApplication_IsExactlyWhatIsMissing() =>
        Assert.Equal(Application.RequiredForSubmission, Application.Start("applicant", 1, Programme.Incubation, Now).Missing());

    [Fact]
    public void Submit_Complete_FreezesTheApplication_AndTwiceIsANoOp()
    {
        var application = Complete();
        Assert.True(application.Submit(Now));
        Assert.Equal(ApplicationState.Submitted, application.State);
        Assert.False(application.Submit(Now.AddSeconds(1)));
        Assert.Equal("Application.Frozen", Assert.Throws<DomainException>(() => application.DescribeMarket("x", "y", Now)).Code);
        Assert.Equal(2, application.Events.Count);
    }

    [Fact]
    public void AssignReviewer_TheApplicant_Throws()
    {
        var application = Submitted();
        Assert.Equal("Review.OwnApplication", Assert.Throws<DomainException>(() => application.AssignReviewer("applicant", "manager", Now)).Code);
    }

    [Fact]
    public void Review_ThenDecide_FollowsTheStateMachine()
    {
        var application = Submitted();
        application.AssignReviewer("jury", "manager", Now);
        Assert.Equal(ApplicationState.UnderReview, application.State);
        Assert.Equal("Application.NotEnoughReviews", Assert.Throws<DomainException>(() => application.Decide(Decision.Accept, "Solide", 1, "manager", Now)).Code);

        application.Score("jury", 5, 4, 4, 3, 5, "Équipe solide", Now);
        Assert.Equal(4.2m, application.Reviews.Single().Average);
        Assert.Equal("Review.AlreadyDone", Assert.Throws<DomainException>(() => application.Score("jury", 1, 1, 1, 1, 1, null, Now)).Code);

        application.Decide(Decision.Accept, "Projet prometteur", 1, "manager", Now);
        Assert.Equal(ApplicationState.Accepted, application.State);
        Assert.Equal("Application.NotOpen", Assert.Throws<DomainException>(() => application.Withdraw(Now)).Code);
        Assert.Throws<DomainException>(() => application.Decide(Decision.Reject, "Non", 1, "manager", Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Score_OutsideOneToFive_Throws(int score)
    {
        var application = Submitted();
        application.AssignReviewer("jury", "manager", Now);
        Assert.Equal("Review.ScoreInvalid", Assert.Throws<DomainException>(() => application.Score("jury", score, 3, 3, 3, 3, null, Now)).Code);
    }

    [Fact]
    public void Decide_OnADraft_Throws() =>
        Assert.Equal("Application.NotInReview", Assert.Throws<DomainException>(() =>
            Application.Start("applicant", 1, Programme.Hosting, Now).Decide(Decision.Accept, "x", 0, "manager", Now)).Code);

    [Fact]
    public void Decide_WithoutReason_Throws()
    {
        var application = Submitted();
        application.AssignReviewer("jury", "manager", Now);
        Assert.Equal("Application.ReasonRequired", Assert.Throws<DomainException>(() => application.Decide(Decision.Reject, " ", 0, "manager", Now)).Code);
    }

    [Fact]
    public void Withdraw_WhileSubmitted_IsAllowed()
    {
        var application = Submitted();
        application.Withdraw(Now);
        Assert.Equal(ApplicationState.Withdrawn, application.State);
    }

    [Fact]
    public void AttachDocument_TooLargeOrTooMuchInTotal_Throws()
    {
        var application = Application.Start("applicant", 1, Programme.Incubation, Now);
        Assert.Equal("Document.TooLarge", Assert.Throws<DomainException>(() =>
            application.AttachDocument(DocumentKind.PitchDeck, "deck.pdf", "a", "application/pdf", Application.MaxDocumentBytes + 1, Now)).Code);
        Assert.Equal("Document.Empty", Assert.Throws<DomainException>(() =>
            application.AttachDocument(DocumentKind.PitchDeck, "deck.pdf", "a", "application/pdf", 0, Now)).Code);
        application.AttachDocument(DocumentKind.PitchDeck, "a.pdf", "a", "application/pdf", Application.MaxDocumentBytes, Now);
        application.AttachDocument(DocumentKind.Image, "b.png", "b", "image/png", Application.MaxDocumentBytes, Now);
        Assert.Equal("Document.TotalTooLarge", Assert.Throws<DomainException>(() =>
            application.AttachDocument(DocumentKind.Image, "c.png", "c", "image/png", Application.MaxDocumentBytes, Now)).Code);
    }

    private static Application Complete()
    {
        var application = Application.Start("applicant", 1, Programme.Incubation, Now);
        application.DescribeProject("Noria", "Capteurs d'eau", Sectors.GreenTech, ProjectStage.Prototype, Now);
        application.DescribeTeam("Salma", "salma@example.ma", "+212612345678", 3, null, null, Now);
        application.DescribeMarket("Agriculteurs de l'Oriental", "Abonnement", Now);
        application.AttachDocument(DocumentKind.PitchDeck, "deck.pdf", "stored-1", "application/pdf", 1000, Now);
        return application;
    }

    private static Application Submitted()
    {
        var application = Complete();
        application.Submit(Now);
        return application;
    }
}
