namespace Technopark.Domain.Sites;

public enum SiteStatus
{
    Planned,
    UnderConstruction,
    Operational,
    Closed,
}
