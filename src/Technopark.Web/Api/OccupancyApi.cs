using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Queries;
using Technopark.Web.Authorization;

namespace Technopark.Web.Api;

public static class OccupancyApi
{
    public sealed record Count(int Total, int Occupied);

    public sealed record SiteFigures(string Slug, Count Offices, Count Seats);

    public sealed record NetworkOccupancy(string On, IReadOnlyList<SiteFigures> Sites, Count Offices, Count Seats);

    public static RouteGroupBuilder MapOccupancyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/occupancy", GetAsync).RequireAuthorization(Policies.NetworkAdmin).WithName("Occupancy");
        return api;
    }

    /// <summary>Offices and coworking seats, total and occupied, per site and for the network, on a day (YYYY-MM-DD).</summary>
    private static async Task<IResult> GetAsync(string? on, TechnoparkDbContext db, OccupancyQuery occupancy, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid date",
                detail: "Give the day as ?on=YYYY-MM-DD, for example ?on=2026-11-26.");
        }

        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        var figures = await occupancy.OnAsync(day, null, cancellationToken);
        var perSite = sites.Select(s => figures.GetValueOrDefault(s.Id) is { } f
            ? new SiteFigures(s.Slug, new Count(f.OfficesTotal, f.OfficesOccupied), new Count(f.SeatsTotal, f.SeatsOccupied))
            : new SiteFigures(s.Slug, new Count(0, 0), new Count(0, 0))).ToList();
        return TypedResults.Ok(new NetworkOccupancy(
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            perSite,
            new Count(perSite.Sum(s => s.Offices.Total), perSite.Sum(s => s.Offices.Occupied)),
            new Count(perSite.Sum(s => s.Seats.Total), perSite.Sum(s => s.Seats.Occupied))));
    }
}
