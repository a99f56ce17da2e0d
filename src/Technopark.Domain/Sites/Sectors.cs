namespace Technopark.Domain.Sites;

/// <summary>Sector codes. Their names live in the web resources (<c>Sector.{code}</c>).</summary>
public static class Sectors
{
    /// <summary>The longest a sector code may be (the column's length).</summary>
    public const int CodeMaxLength = 40;

    public const string Digital = "digital";
    public const string It = "it";
    public const string GreenTech = "green-tech";
    public const string RenewableEnergy = "renewable-energy";
    public const string CreativeIndustries = "creative-industries";
    public const string Tourism = "tourism";
    public const string AgriTech = "agritech";
    public const string FinTech = "fintech";
    public const string Industry = "industry";
    public const string Services = "services";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        [Digital, It, GreenTech, RenewableEnergy, CreativeIndustries, Tourism, AgriTech, FinTech, Industry, Services]);
}
