using Technopark.Infrastructure.Data.Queries;

namespace Technopark.Web.Pages;

/// <summary>
/// What the alumni partial (<c>Shared/_Alumni</c>) shows: the companies that left by <see cref="On"/>, maybe of one exit
/// year; <see cref="ShowSite"/> for the network's list; <see cref="AskDay"/> when the page has no day field of its own.
/// </summary>
public sealed record AlumniView(IReadOnlyList<AlumnusRow> Rows, DateOnly On, int? Year, bool ShowSite, bool AskDay)
{
    /// <summary>The first exit year offered by the filter: the network's first site opened in 2001.</summary>
    public const int FirstExitYear = 2001;

    /// <summary>The exit year asked in the URL, when it is one the filter offers (else every year).</summary>
    public static int? YearOrAll(int? year, DateOnly on) => year is { } y && y >= FirstExitYear && y <= on.Year ? y : null;
}
