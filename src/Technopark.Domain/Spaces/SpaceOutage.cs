using Technopark.Domain.Common;

namespace Technopark.Domain.Spaces;

/// <summary>
/// A period <c>[Start, End)</c> when a space was out of service (deactivated); open-ended while it still is. The database keeps
/// the periods of one space from overlapping.
/// </summary>
public sealed class SpaceOutage
{
    private SpaceOutage()
    {
    }

    public int Id { get; private set; }

    public int SpaceId { get; private set; }

    public DateOnly Start { get; private set; }

    public DateOnly? End { get; private set; }

    public DateRange Period => new(Start, End);

    internal static SpaceOutage From(DateOnly start) => new() { Start = start };

    internal void EndOn(DateOnly day)
    {
        Guard.That(End is null && day > Start, "Period.EndNotAfterStart", nameof(End));
        End = day;
    }
}
