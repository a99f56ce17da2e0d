using Technopark.Domain.Companies;
using Technopark.Domain.Sites;
using Technopark.Domain.Spaces;
using Technopark.Domain.WaitingList;

namespace Technopark.Domain.Applications;

/// <summary>
/// What accepting an application creates: the company (its form follows the programme) and, once the company
/// has its id, the waiting-list entry for the kind of space and seats the programme and team call for.
/// </summary>
public static class Acceptance
{
    /// <summary>The programmes a site offers: none unless it accepts applications; incubation and hosting everywhere, coworking and digital nomads where the site offers that service.</summary>
    public static IReadOnlyList<Programme> ProgrammesOffered(SiteStatus status, IReadOnlyCollection<string> serviceCodes)
    {
        if (!Site.AcceptsApplicationsWhen(status))
        {
            return [];
        }

        var programmes = new List<Programme> { Programme.Incubation, Programme.Hosting };
        if (serviceCodes.Contains(Services.Coworking))
        {
            programmes.Add(Programme.Coworking);
        }

        if (serviceCodes.Contains(Services.DigitalNomads))
        {
            programmes.Add(Programme.DigitalNomad);
        }

        return programmes;
    }

    /// <summary>The company's form: coworking is for auto-entrepreneurs, the digital-nomad offer for nomads, the rest are startups.</summary>
    public static CompanyForm FormFor(Programme programme) => programme switch
    {
        Programme.Coworking => CompanyForm.AutoEntrepreneur,
        Programme.DigitalNomad => CompanyForm.DigitalNomad,
        _ => CompanyForm.Startup,
    };

    /// <summary>The kind of space the company waits for: a coworking seat for coworking and digital nomads, an office otherwise.</summary>
    public static SpaceKind SpaceKindFor(Programme programme) =>
        programme is Programme.Coworking or Programme.DigitalNomad ? SpaceKind.Coworking : SpaceKind.Office;

    /// <summary>Seats wanted: the team size (one when not given), within what a space may hold.</summary>
    public static int SeatsFor(int? teamSize) => Math.Clamp(teamSize ?? 1, 1, Space.MaxSeats);

    /// <summary>The company an accepted application creates, on the application's site (named by the company name, else the project).</summary>
    public static Company CreateCompany(Application application) =>
        Company.Create(application.SiteId, application.CompanyName ?? application.ProjectName!, FormFor(application.Programme),
            application.Sector!, application.Ice);

    /// <summary>The waiting-list entry of the new company (once saved: it needs the company's id), linked to the application; links the company to the application.</summary>
    public static WaitingListEntry Enlist(Application application, Company company, DateOnly today)
    {
        var entry = WaitingListEntry.Create(company, SpaceKindFor(application.Programme), SeatsFor(application.TeamSize), today,
            applicationId: application.Id);
        application.LinkCompany(company.Id);
        return entry;
    }
}
