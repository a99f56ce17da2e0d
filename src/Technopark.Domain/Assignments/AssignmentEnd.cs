namespace Technopark.Domain.Assignments;

/// <summary>Why an assignment ended.</summary>
public enum AssignmentEnd
{
    Graduated,
    Closed,
    Relocated,
    Transferred,
    Other,
}
