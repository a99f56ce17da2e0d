namespace Technopark.Web.Pages.Companies;

public static class MembersSetup
{
    /// <summary>A company's team: invitations, roles and memberships (transaction, lock, audit, emails); who hears about a company.</summary>
    public static IServiceCollection AddCompanyMembers(this IServiceCollection services) =>
        services.AddScoped<CompanyTeam>().AddScoped<CompanyReaders>();
}
