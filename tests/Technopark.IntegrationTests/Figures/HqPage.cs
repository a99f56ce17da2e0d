namespace Technopark.IntegrationTests.Figures;

/// <summary>HQ's dashboard (<c>/hq</c>, in French) as people read it: each site's occupancy row, the network line, the pipeline's rows.</summary>
public static class HqPage
{
    /// <summary>An occupancy row: offices "occupied sur total", their rate, free offices, seats "used sur total", stays ending soon, the waiting list.</summary>
    public sealed record Occupancy(int OfficesOccupied, int OfficesTotal, decimal? Rate, int OfficesFree, int SeatsOccupied, int SeatsTotal, int EndingSoon, int Waiting);

    /// <summary>A pipeline row: the applications by state, the acceptance rate, the median days to a decision.</summary>
    public sealed record Pipeline(int Submitted, int UnderReview, int Accepted, int Rejected, int Waitlisted, int Withdrawn, decimal? AcceptanceRate, decimal? MedianDays);

    /// <summary>Each site's row by slug: its figures, or null when it shows none (a site that does not count that day: one cell says why).</summary>
    public static IReadOnlyDictionary<string, Occupancy?> Sites(string html) =>
        Pages.CellsBy(html, "slug").ToDictionary(row => row.Key, row => row.Value.Count == 7 ? OccupancyOf(row.Value) : null);

    /// <summary>The network line (the sites that count that day).</summary>
    public static Occupancy Network(string html) =>
        OccupancyOf(Pages.Cells(html, "<tr id=\"hq-network-total\"") ?? throw new InvalidOperationException("/hq has no network line."));

    /// <summary>Each pipeline row by site slug.</summary>
    public static IReadOnlyDictionary<string, Pipeline> Pipelines(string html) =>
        Pages.CellsBy(html, "pipeline-site").ToDictionary(row => row.Key, row => row.Value is [_, var submitted, var review, var accepted, var rejected, var waitlisted, var withdrawn, var rate, var median]
            ? new Pipeline(One(submitted), One(review), One(accepted), One(rejected), One(waitlisted), One(withdrawn), Pages.Shown(rate), Pages.Shown(median))
            : throw new FormatException($"A pipeline row of {row.Value.Count} cells: {string.Join(" | ", row.Value)}"));

    private static Occupancy OccupancyOf(IReadOnlyList<string> cells) =>
        cells is [_, var offices, var rate, var free, var seats, var ending, var waiting]
            && Pages.Wholes(offices) is [var officesOccupied, var officesTotal] && Pages.Wholes(seats) is [var seatsOccupied, var seatsTotal]
            ? new Occupancy(officesOccupied, officesTotal, Pages.Shown(rate), One(free), seatsOccupied, seatsTotal, One(ending), One(waiting))
            : throw new FormatException($"An occupancy row of {cells.Count} cells: {string.Join(" | ", cells)}");

    private static int One(string cell) =>
        Pages.Wholes(cell) is [var value] ? value : throw new FormatException($"\"{cell}\" is not one whole number.");
}
