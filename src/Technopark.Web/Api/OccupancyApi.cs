using System.Globalization;
using Technopark.Domain.Common;
using Technopark.Web.Authorization;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Hq;

namespace Technopark.Web.Api;

public static class OccupancyApi
{
    public sealed record Count(int Total, int Occupied);

    public sealed record SiteFigures(string Slug, Count Offices, Count Seats);

    public sealed record NetworkOccupancy(string On, IReadOnlyList<SiteFigures> Sites, Count Offices, Count Seats);

    public static RouteGroupBuilder MapOccupancyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/occupancy", GetAsync).RequireAuthorization(Policies.NetworkAdmin).WithName("Occupancy")
            .WithSummary("Occupancy of every site on a day")
            .WithDescription("Offices and coworking seats, total and occupied, per site and for the network, on ?on=YYYY-MM-DD. "
                + "The network totals add up every site listed, whatever its status (the HQ dashboard's network line counts operational sites only). NetworkAdmin only.")
            .Produces<NetworkOccupancy>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status403Forbidden);
        return api;
    }

    /// <summary>Offices and coworking seats, total and occupied, per site and for the network, on a day (YYYY-MM-DD).</summary>
    private static async Task<IResult> GetAsync(string? on, HqReports reports, CancellationToken cancellationToken)
    {
        if (!Validation.DayParameter.TryParse(on, out var day))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid date",
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"Give the day as ?on=YYYY-MM-DD between {DateRangeLimits.Min:yyyy-MM-dd} and {DateRangeLimits.Max:yyyy-MM-dd}, for example ?on=2026-11-26."));
        }

        // One cached set-based statement per day (see HqReports); the totals are all sites', as before.
        var sites = await reports.SitesOnAsync(day, cancellationToken);
        var perSite = sites.Select(s => new SiteFigures(s.Slug, new Count(s.OfficesTotal, s.OfficesOccupied), new Count(s.SeatsTotal, s.SeatsOccupied))).ToList();
        return TypedResults.Ok(new NetworkOccupancy(
            Display.Iso(day),
            perSite,
            new Count(perSite.Sum(s => s.Offices.Total), perSite.Sum(s => s.Offices.Occupied)),
            new Count(perSite.Sum(s => s.Seats.Total), perSite.Sum(s => s.Seats.Occupied))));
    }
}
