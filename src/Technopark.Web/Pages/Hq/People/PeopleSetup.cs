namespace Technopark.Web.Pages.Hq.People;

public static class PeopleSetup
{
    /// <summary>HQ's people pages: the accounts, their roles and HQ's actions on them (<see cref="AccountAdministration"/>).</summary>
    public static IServiceCollection AddPeople(this IServiceCollection services) => services.AddScoped<AccountAdministration>();
}
