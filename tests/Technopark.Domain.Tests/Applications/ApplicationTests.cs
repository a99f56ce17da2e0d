using Technopark.Domain.Applications;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
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

    [Fact]
    public void DescribeTeam_IceLongerThanCompanyIceLength_ThrowsIceInvalid()
    {
        var application = Application.Start("applicant", 1, Programme.Incubation, Now);
        application.DescribeTeam(null, null, null, null, null, new string('1', Company.IceLength), Now);
        Assert.Equal(new string('1', Company.IceLength), application.Ice);
        var e = Assert.Throws<DomainException>(() => application.DescribeTeam(null, null, null, null, null, new string('1', Company.IceLength + 1), Now));
        Assert.Equal("Company.IceInvalid", e.Code);
        Assert.Equal(nameof(Application.Ice), e.Field);
    }

    [Fact]
    public void AttachDocument_OverTheLimits_NameTheLimitsInMegabytes()
    {
        var application = Application.Start("applicant", 1, Programme.Incubation, Now);
        var tooLarge = Assert.Throws<DomainException>(() =>
            application.AttachDocument(DocumentKind.PitchDeck, "a.pdf", "a", "application/pdf", Application.MaxDocumentBytes + 1, Now));
        Assert.Equal("Document.TooLarge", tooLarge.Code);
        Assert.Equal([Application.MaxDocumentMegabytes], tooLarge.Arguments);
        Assert.Equal(Application.MaxDocumentMegabytes * 1024L * 1024, Application.MaxDocumentBytes);
        application.AttachDocument(DocumentKind.PitchDeck, "a.pdf", "a", "application/pdf", Application.MaxDocumentBytes, Now);
        application.AttachDocument(DocumentKind.Image, "b.png", "b", "image/png", Application.MaxDocumentBytes, Now);
        var total = Assert.Throws<DomainException>(() =>
            application.AttachDocument(DocumentKind.Image, "c.png", "c", "image/png", Application.MaxTotalBytes - (2 * Application.MaxDocumentBytes) + 1, Now));
        Assert.Equal("Document.TotalTooLarge", total.Code);
        Assert.Equal([Application.MaxTotalMegabytes], total.Arguments);
    }

    [Fact]
    public void AcceptsReviewersAndIsUnderReview_FollowTheState()
    {
        var application = Complete();
        Assert.False(application.AcceptsReviewers);
        Assert.False(application.IsUnderReview);
        application.Submit(Now);
        Assert.True(application.AcceptsReviewers);
        Assert.False(application.IsUnderReview);
        application.AssignReviewer("jury", "manager", Now);
        Assert.True(application.AcceptsReviewers);
        Assert.True(application.IsUnderReview);
        application.Decide(Decision.Reject, "Hors périmètre", 0, "manager", Now);
        Assert.False(application.AcceptsReviewers);
        Assert.False(application.IsUnderReview);
        Assert.Equal("Application.NotInReview", Assert.Throws<DomainException>(() => application.AssignReviewer("jury2", "manager", Now)).Code);
    }

    [Theory]
    [InlineData(DocumentKind.PitchDeck, "application/pdf", true)]
    [InlineData(DocumentKind.PitchDeck, "image/png", false)]
    [InlineData(DocumentKind.Image, "image/png", true)]
    [InlineData(DocumentKind.Image, "image/jpeg", true)]
    [InlineData(DocumentKind.Image, "application/pdf", false)]
    [InlineData(DocumentKind.Image, "application/octet-stream", false)]
    public void AttachDocument_ContentTypeOfTheKind_IsAllowedOtherwiseNamesTheTypeNeeded(DocumentKind kind, string contentType, bool allowed)
    {
        var application = Application.Start("applicant", 1, Programme.Incubation, Now);
        Assert.Equal(allowed, ApplicationDocument.Allows(kind, contentType));
        if (allowed)
        {
            Assert.Equal(contentType, application.AttachDocument(kind, "f", "s", contentType, 100, Now).ContentType);
        }
        else
        {
            var e = Assert.Throws<DomainException>(() => application.AttachDocument(kind, "f", "s", contentType, 100, Now));
            Assert.Equal(kind == DocumentKind.PitchDeck ? "Document.PdfRequired" : "Document.ImageRequired", e.Code);
            Assert.Empty(application.Documents);
        }
    }

    [Fact]
    public void AttachDocument_UnknownKind_ThrowsKindInvalid() =>
        Assert.Equal("Document.KindInvalid", Assert.Throws<DomainException>(() =>
            Application.Start("applicant", 1, Programme.Incubation, Now).AttachDocument((DocumentKind)9, "f", "s", "application/pdf", 100, Now)).Code);

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
