namespace Technopark.Domain.Network;

/// <summary>The KPIs whose companies can be listed (<c>/hq/kpis/{kind}</c>): one key each, read by the SQL, the HQ pages and the tests.</summary>
public static class KpiDrillDown
{
    public const string Occupancy = "occupancy";
    public const string Success = "success";
    public const string Survival = "survival";
    public const string Turnover = "turnover";
    public const string Jobs = "jobs";
    public const string Revenue = "revenue";
    public const string Funds = "funds";

    public static readonly IReadOnlyList<string> All = [Occupancy, Success, Survival, Turnover, Jobs, Revenue, Funds];
}
