using Technopark.Domain.Programmes;

namespace Technopark.Web.Pages.Programmes;

/// <summary>One programme's figures as the figures partial shows them (<c>_ProgrammeFigures</c>), on the manager's and HQ's pages.</summary>
public sealed record ProgrammeFiguresView(ProgrammeFigure Figure, IReadOnlyDictionary<int, string> Companies)
{
    /// <summary>The id of the programme's heading (unique on a page: a programme belongs to one site).</summary>
    public string HeadingId => $"programme-{Figure.Programme.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The four headline figures, in the order shown; their names are the <c>data-programme-figure</c> values.</summary>
    public static readonly string[] Names = ["Companies", "CoachingHours", "MilestonesReached", "Quiet"];

    public decimal Value(string name) => name switch
    {
        "Companies" => Figure.Companies,
        "CoachingHours" => Figure.CoachingHours,
        "MilestonesReached" => Figure.MilestonesReached,
        "Quiet" => Figure.Quiet,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public string Company(int id) => Companies.TryGetValue(id, out var name) ? name : id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
