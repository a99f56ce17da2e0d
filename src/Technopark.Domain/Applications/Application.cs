using Technopark.Domain.Common;
using Technopark.Domain.Companies;

namespace Technopark.Domain.Applications;

/// <summary>
/// An application to a site's programme. The applicant edits it while it is a draft; submitting
/// freezes it. Every transition is checked here (illegal ones throw) and recorded in the timeline.
/// </summary>
public sealed class Application
{
    public const int ShortTextMaxLength = 200;
    public const int LongTextMaxLength = 4000;
    public const int PhoneMaxLength = 20;
    public const int MaxTeamSize = 500;
    public const int MaxDocumentMegabytes = 10;
    public const int MaxTotalMegabytes = 25;
    public const long MaxDocumentBytes = MaxDocumentMegabytes * 1024L * 1024;
    public const long MaxTotalBytes = MaxTotalMegabytes * 1024L * 1024;
    public const int MaxDocuments = 8;

    private readonly List<ApplicationDocument> _documents = [];
    private readonly List<Review> _reviews = [];
    private readonly List<ApplicationEvent> _events = [];

    private Application()
    {
        ApplicantId = string.Empty;
    }

    public int Id { get; private set; }

    public string ApplicantId { get; private set; }

    public int SiteId { get; private set; }

    public Programme Programme { get; private set; }

    public ApplicationState State { get; private set; }

    // Project
    public string? ProjectName { get; private set; }

    public string? Summary { get; private set; }

    public string? Sector { get; private set; }

    public ProjectStage? Stage { get; private set; }

    // Team
    public string? ContactName { get; private set; }

    public string? ContactEmail { get; private set; }

    public string? ContactPhone { get; private set; }

    public int? TeamSize { get; private set; }

    public string? CompanyName { get; private set; }

    public string? Ice { get; private set; }

    // Market
    public string? TargetMarket { get; private set; }

    public string? BusinessModel { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>The company created on acceptance.</summary>
    public int? CompanyId { get; private set; }

    public IReadOnlyCollection<ApplicationDocument> Documents => _documents.AsReadOnly();

    public IReadOnlyCollection<Review> Reviews => _reviews.AsReadOnly();

    public IReadOnlyCollection<ApplicationEvent> Events => _events.AsReadOnly();

    public bool IsOpen => State is ApplicationState.Draft or ApplicationState.Submitted or ApplicationState.UnderReview;

    public bool IsEditable => State == ApplicationState.Draft;

    /// <summary>Reviewers may be given while the application waits for a decision (see <see cref="AssignReviewer"/>).</summary>
    public bool AcceptsReviewers => State is ApplicationState.Submitted or ApplicationState.UnderReview;

    /// <summary>Reviews are scored, and the decision taken, once review has started (see <see cref="Score"/>, <see cref="Decide"/>).</summary>
    public bool IsUnderReview => State == ApplicationState.UnderReview;

    public long DocumentBytes => _documents.Sum(d => d.Size);

    public static Application Start(string applicantId, int siteId, Programme programme, DateTimeOffset now)
    {
        Guard.That(!string.IsNullOrWhiteSpace(applicantId), "Application.ApplicantRequired", nameof(ApplicantId));
        Guard.That(siteId > 0, "Application.SiteRequired", nameof(SiteId));
        Guard.That(Enum.IsDefined(programme), "Application.ProgrammeInvalid", nameof(Programme));
        var application = new Application
        {
            ApplicantId = applicantId, SiteId = siteId, Programme = programme, State = ApplicationState.Draft, CreatedAt = now, UpdatedAt = now,
        };
        application._events.Add(new ApplicationEvent(now, ApplicationState.Draft, null, applicantId, isMessage: false));
        return application;
    }

    public void DescribeProject(string? projectName, string? summary, string? sector, ProjectStage? stage, DateTimeOffset now)
    {
        EnsureEditable();
        ProjectName = Guard.OptionalText(projectName, ShortTextMaxLength, "Application.TextTooLong", nameof(ProjectName));
        Summary = Guard.OptionalText(summary, LongTextMaxLength, "Application.TextTooLong", nameof(Summary));
        Sector = sector;
        Stage = stage;
        UpdatedAt = now;
    }

    public void DescribeTeam(string? contactName, string? contactEmail, string? contactPhone, int? teamSize, string? companyName, string? ice, DateTimeOffset now)
    {
        EnsureEditable();
        Guard.That(teamSize is null or (>= 1 and <= MaxTeamSize), "Application.TeamSizeInvalid", nameof(TeamSize), MaxTeamSize);
        ContactName = Guard.OptionalText(contactName, ShortTextMaxLength, "Application.TextTooLong", nameof(ContactName));
        ContactEmail = Guard.OptionalText(contactEmail, ShortTextMaxLength, "Application.TextTooLong", nameof(ContactEmail));
        ContactPhone = Guard.OptionalText(contactPhone, PhoneMaxLength, "Application.TextTooLong", nameof(ContactPhone));
        TeamSize = teamSize;
        CompanyName = Guard.OptionalText(companyName, ShortTextMaxLength, "Application.TextTooLong", nameof(CompanyName));
        Ice = Guard.OptionalText(ice, Company.IceLength, "Company.IceInvalid", nameof(Ice));
        UpdatedAt = now;
    }

    public void DescribeMarket(string? targetMarket, string? businessModel, DateTimeOffset now)
    {
        EnsureEditable();
        TargetMarket = Guard.OptionalText(targetMarket, LongTextMaxLength, "Application.TextTooLong", nameof(TargetMarket));
        BusinessModel = Guard.OptionalText(businessModel, LongTextMaxLength, "Application.TextTooLong", nameof(BusinessModel));
        UpdatedAt = now;
    }

    public ApplicationDocument AttachDocument(DocumentKind kind, string originalName, string storedName, string contentType, long size, DateTimeOffset now)
    {
        EnsureEditable();
        Guard.That(Enum.IsDefined(kind), "Document.KindInvalid", "Document");
        Guard.That(size > 0, "Document.Empty", "Document");
        Guard.That(ApplicationDocument.Allows(kind, contentType), ApplicationDocument.TypeRequiredCode(kind), "Document");
        Guard.That(size <= MaxDocumentBytes, "Document.TooLarge", "Document", MaxDocumentMegabytes);
        Guard.That(DocumentBytes + size <= MaxTotalBytes, "Document.TotalTooLarge", "Document", MaxTotalMegabytes);
        Guard.That(_documents.Count < MaxDocuments, "Document.TooMany", "Document", MaxDocuments);
        var document = new ApplicationDocument(kind, originalName, storedName, contentType, size, now);
        _documents.Add(document);
        UpdatedAt = now;
        return document;
    }

    public ApplicationDocument RemoveDocument(int documentId, DateTimeOffset now)
    {
        EnsureEditable();
        var document = _documents.Find(d => d.Id == documentId) ?? throw new NotFoundException(ErrorCodes.DocumentNotFound);
        _documents.Remove(document);
        UpdatedAt = now;
        return document;
    }

    /// <summary>The fields an application needs before it can be submitted, in the order of the form (what <see cref="Missing"/> checks).</summary>
    public static readonly IReadOnlyList<string> RequiredForSubmission =
    [
        nameof(ProjectName), nameof(Summary), nameof(Sector), nameof(Stage), nameof(ContactName), nameof(ContactEmail), nameof(ContactPhone),
        nameof(TeamSize), nameof(TargetMarket), nameof(BusinessModel), "PitchDeck",
    ];

    /// <summary>What is still missing before submission (field names); empty when complete.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        void Need(bool present, string field)
        {
            if (!present)
            {
                missing.Add(field);
            }
        }

        Need(!string.IsNullOrWhiteSpace(ProjectName), nameof(ProjectName));
        Need(!string.IsNullOrWhiteSpace(Summary), nameof(Summary));
        Need(Sector is not null, nameof(Sector));
        Need(Stage is not null, nameof(Stage));
        Need(!string.IsNullOrWhiteSpace(ContactName), nameof(ContactName));
        Need(!string.IsNullOrWhiteSpace(ContactEmail), nameof(ContactEmail));
        Need(!string.IsNullOrWhiteSpace(ContactPhone), nameof(ContactPhone));
        Need(TeamSize is not null, nameof(TeamSize));
        Need(!string.IsNullOrWhiteSpace(TargetMarket), nameof(TargetMarket));
        Need(!string.IsNullOrWhiteSpace(BusinessModel), nameof(BusinessModel));
        Need(_documents.Any(d => d.Kind == DocumentKind.PitchDeck), "PitchDeck");
        return missing;
    }

    /// <summary>Freezes the application. Submitting an application already submitted changes nothing (idempotent).</summary>
    public bool Submit(DateTimeOffset now)
    {
        if (State == ApplicationState.Submitted)
        {
            return false;
        }

        EnsureEditable();
        var missing = Missing();
        if (missing.Count > 0)
        {
            throw new DomainException("Application.Incomplete", missing.Count) { Field = missing[0] };
        }

        Move(ApplicationState.Submitted, now, null, ApplicantId);
        SubmittedAt = now;
        return true;
    }

    public Review AssignReviewer(string reviewerId, string byUserId, DateTimeOffset now)
    {
        Guard.That(AcceptsReviewers, "Application.NotInReview", nameof(State));
        Guard.That(reviewerId != ApplicantId, "Review.OwnApplication", "ReviewerId");
        Guard.That(_reviews.TrueForAll(r => r.ReviewerId != reviewerId), "Review.AlreadyAssigned", "ReviewerId");
        var review = new Review(reviewerId, now);
        _reviews.Add(review);
        if (State == ApplicationState.Submitted)
        {
            Move(ApplicationState.UnderReview, now, null, byUserId);
        }

        return review;
    }

    public void Score(string reviewerId, int innovation, int team, int market, int feasibility, int impact, string? comment, DateTimeOffset now)
    {
        Guard.That(IsUnderReview, "Application.NotInReview", nameof(State));
        Guard.That(reviewerId != ApplicantId, "Review.OwnApplication", "ReviewerId");
        var review = _reviews.Find(r => r.ReviewerId == reviewerId) ?? throw new DomainException("Review.NotAssigned");
        Guard.That(!review.IsDone, "Review.AlreadyDone", "Review");
        review.Score(innovation, team, market, feasibility, impact, comment, now);
    }

    public void Decide(Decision decision, string reason, int minimumReviews, string byUserId, DateTimeOffset now)
    {
        Guard.That(IsUnderReview, "Application.NotInReview", nameof(State));
        Guard.That(_reviews.Count(r => r.IsDone) >= minimumReviews, "Application.NotEnoughReviews", nameof(Decision), minimumReviews);
        DecisionReason = Guard.Text(reason, ApplicationEvent.NoteMaxLength, "Application.ReasonRequired", nameof(DecisionReason));
        var state = decision switch
        {
            Decision.Accept => ApplicationState.Accepted,
            Decision.Reject => ApplicationState.Rejected,
            Decision.Waitlist => ApplicationState.Waitlisted,
            _ => throw new DomainException("Application.DecisionInvalid") { Field = nameof(Decision) },
        };
        Move(state, now, DecisionReason, byUserId);
        DecidedAt = now;
    }

    /// <summary>Links the company created when the application was accepted.</summary>
    public void LinkCompany(int companyId)
    {
        Guard.That(State == ApplicationState.Accepted, "Application.NotAccepted", nameof(CompanyId));
        CompanyId = companyId;
    }

    public void Withdraw(DateTimeOffset now)
    {
        Guard.That(IsOpen, "Application.NotOpen", nameof(State));
        Move(ApplicationState.Withdrawn, now, null, ApplicantId);
    }

    public void Message(string text, string byUserId, DateTimeOffset now) =>
        _events.Add(new ApplicationEvent(now, State, Guard.Text(text, ApplicationEvent.NoteMaxLength, "Application.MessageRequired", "Message"), byUserId, isMessage: true));

    private void Move(ApplicationState to, DateTimeOffset now, string? note, string? byUserId)
    {
        State = to;
        UpdatedAt = now;
        _events.Add(new ApplicationEvent(now, to, note, byUserId, isMessage: false));
    }

    private void EnsureEditable() => Guard.That(IsEditable, "Application.Frozen", nameof(State));
}
