using Technopark.Domain.Companies;

namespace Technopark.Domain.Assignments;

/// <summary>
/// What the end of a stay means for the company: graduating, closing or relocating makes it leave
/// the network (and counts in the outcome KPIs) once it holds no other stay; a transfer or another
/// reason does not.
/// </summary>
public static class Departure
{
    /// <summary>The reasons a manager chooses when ending a stay (a transfer is ended by the transfer itself).</summary>
    public static readonly IReadOnlyList<AssignmentEnd> ReasonsToChoose =
        [AssignmentEnd.Graduated, AssignmentEnd.Closed, AssignmentEnd.Relocated, AssignmentEnd.Other];

    /// <summary>The company's exit that an end of stay stands for, or null when the company stays in the network.</summary>
    public static ExitReason? ExitReasonOf(AssignmentEnd reason) => reason switch
    {
        AssignmentEnd.Graduated => ExitReason.Graduated,
        AssignmentEnd.Closed => ExitReason.Closed,
        AssignmentEnd.Relocated => ExitReason.Relocated,
        _ => null,
    };

    /// <summary>Whether ending a stay of <paramref name="company"/> for <paramref name="reason"/> may make it leave (then ask whether it holds another stay).</summary>
    public static bool MayLeave(Company company, AssignmentEnd reason) => !company.HasLeft && ExitReasonOf(reason) is not null;

    /// <summary>
    /// After <paramref name="ended"/> has ended: the company leaves the network on the stay's end day when the reason is an
    /// exit and it holds no other stay running after that day. Returns whether it left.
    /// </summary>
    public static bool Apply(Company company, Assignment ended, bool holdsAnotherStayAfterEnd)
    {
        if (ended.EndReason is not { } reason || ended.Period.End is not { } end || !MayLeave(company, reason) || holdsAnotherStayAfterEnd)
        {
            return false;
        }

        company.Leave(ExitReasonOf(reason)!.Value, end);
        return true;
    }
}
