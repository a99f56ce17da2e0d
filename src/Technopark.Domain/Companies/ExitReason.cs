namespace Technopark.Domain.Companies;

/// <summary>Why a company left the network, and why an assignment ended.</summary>
public enum ExitReason
{
    Graduated,
    Closed,
    Relocated,
    Other,
}
