namespace Technopark.IntegrationTests.Figures;

/// <summary>HQ's trend (<c>/hq/trend</c>, in French) as people read its table: the months (MM/yyyy), and each site's rates by its name.</summary>
public static class TrendPage
{
    public static (List<string> Months, IReadOnlyDictionary<string, IReadOnlyList<decimal?>> Rates) Read(string html)
    {
        var (header, body) = Pages.Table(html, "trend-table");
        return ([.. body.Select(row => row[0])],
            header.Skip(1).Select((name, i) => (name, i)).ToDictionary(
                column => column.name, column => (IReadOnlyList<decimal?>)[.. body.Select(row => Pages.Shown(row[column.i + 1]))]));
    }
}
