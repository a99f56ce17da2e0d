namespace Technopark.Domain.Companies;

/// <summary>Headcount and yearly revenue (MAD) a company reported for one year.</summary>
public sealed class CompanySnapshot
{
    private CompanySnapshot()
    {
    }

    internal CompanySnapshot(int year, int headcount, decimal? revenue)
    {
        Year = year;
        Headcount = headcount;
        Revenue = revenue;
    }

    public int Id { get; private set; }

    public int CompanyId { get; private set; }

    public int Year { get; private set; }

    public int Headcount { get; private set; }

    public decimal? Revenue { get; private set; }

    internal void Correct(int headcount, decimal? revenue)
    {
        Headcount = headcount;
        Revenue = revenue;
    }
}
