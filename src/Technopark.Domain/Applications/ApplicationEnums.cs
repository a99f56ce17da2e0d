namespace Technopark.Domain.Applications;

public enum Programme
{
    Incubation,
    Hosting,
    Coworking,
    DigitalNomad,
}

/// <summary>Draft → Submitted → UnderReview → Accepted | Rejected | Waitlisted; Withdrawn from any open state.</summary>
public enum ApplicationState
{
    Draft,
    Submitted,
    UnderReview,
    Accepted,
    Rejected,
    Waitlisted,
    Withdrawn,
}

public enum ProjectStage
{
    Idea,
    Prototype,
    Mvp,
    FirstCustomers,
    Growth,
}

public enum Decision
{
    Accept,
    Reject,
    Waitlist,
}

public enum DocumentKind
{
    PitchDeck,
    Image,
}
