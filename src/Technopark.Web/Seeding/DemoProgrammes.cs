using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Common;
using Technopark.Domain.Programmes;
using Technopark.Domain.Sites;
using Technopark.Domain.Staff;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Data.Seeding;
using Programme = Technopark.Domain.Programmes.Programme;

namespace Technopark.Web.Seeding;

/// <summary>
/// The demo's programmes and coaching (demo mode only). Every operational site offers an incubation programme (five
/// milestones); Tanger also an acceleration programme, Essaouira its "Nomades numériques" offer. About half of each site's
/// resident companies are enrolled (one in three of them in acceleration at Tanger), each with coaching sessions every three to
/// four weeks since it started — one in three stopped two to five months ago (quiet for more than
/// <see cref="CoachingSession.QuietDays"/> days) — and the milestones its time in the programme allows, with evidence.
/// At Tanger "Bab Bahr Robotics SARL" is coached by <c>coach.tanger@</c>, had a session within the last three weeks and has an open request
/// for a session to which the coach offered three slots. Coaches: <c>coach.tanger@</c> (and the manager) at Tanger, the
/// manager at Oujda; elsewhere a partner's mentor without an account (sessions logged as "system").
/// INVENTED: every name, duration, service, date, topic and piece of evidence. Idempotent: a site that has programmes gets none.
/// </summary>
public sealed class DemoProgrammes(TechnoparkDbContext db, TimeProvider clock) : IDemoSeeder
{
    public const string Coach = "coach.tanger@technopark.ma";

    public const string IncubationName = "Incubation", AccelerationName = "Accélération", NomadsName = "Nomades numériques";

    /// <summary>Who logged the sessions of coaches without an account (partners' mentors).</summary>
    private const string DemoUser = "system";

    public static readonly string[] IncubationMilestones =
        ["Problème validé", "MVP en production", "Premier client payant", "Première levée de fonds", "Point mort atteint"];

    private static readonly string[] AccelerationMilestones = ["Traction confirmée", "Équipe commerciale en place", "Série A", "Premier marché à l'export"];

    private static readonly string[] NomadMilestones = ["Intégration à la communauté", "Premier projet local"];

    private static readonly string[] Evidence =
    [
        "Trente entretiens clients synthétisés ; le problème est confirmé par 24 d'entre eux.",
        "Version en ligne, 40 utilisateurs actifs la première semaine.",
        "Premier bon de commande signé (facture n° 2026-001).",
        "Pacte d'actionnaires signé avec deux business angels, 1,2 MDH.",
        "Comptes du dernier trimestre validés par l'expert-comptable : résultat positif.",
    ];

    private static readonly (string Topics, string Decisions, string Next)[] Sessions =
    [
        ("Proposition de valeur et segments clients", "Cibler d'abord les PME industrielles", "Rédiger le guide d'entretien"),
        ("Tarification et modèle économique", "Abonnement mensuel, essai de 30 jours", "Tester deux prix auprès de cinq prospects"),
        ("Préparation du pitch investisseurs", "Réduire le deck à 12 diapositives", "Répétition devant le comité le mois prochain"),
        ("Recrutement du premier commercial", "Profil junior avec expérience B2B", "Publier l'offre et contacter l'ANAPEC"),
        ("Indicateurs et tableau de bord", "Suivre le MRR et le churn chaque semaine", "Mettre en place l'outil de suivi"),
        ("Dossier de financement Maroc Numeric Fund", "Déposer le dossier avant la fin du trimestre", "Compléter le prévisionnel sur trois ans"),
        ("Propriété intellectuelle et marque", "Déposer la marque à l'OMPIC", "Rassembler les justificatifs"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var sites = await db.Sites.AsNoTracking().Where(s => s.Status == SiteStatus.Operational).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        var coach = await db.Users.Where(u => u.Email == Coach).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        var owner = await db.Users.Where(u => u.Email == DemoResidents.Owner).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        foreach (var site in sites)
        {
            if (await db.Programmes.AnyAsync(p => p.SiteId == site.Id, cancellationToken))
            {
                continue;
            }

            var programmes = Offer(site.Id, site.Slug);
            db.Programmes.AddRange(programmes);
            await db.SaveChangesAsync(cancellationToken);

            var managers = await db.SiteStaff.AsNoTracking().Where(s => s.SiteId == site.Id && s.Role == SiteRole.SiteManager)
                .OrderBy(s => s.UserId).Select(s => s.UserId).ToListAsync(cancellationToken);
            var companies = await db.Companies.AsNoTracking()
                .Where(c => c.SiteId == site.Id && (c.ExitedOn == null || c.ExitedOn > today)
                    && db.Assignments.Any(a => a.CompanyId == c.Id && a.Period.Start <= today && (a.Period.End == null || a.Period.End > today))
                    && !db.Enrolments.Any(e => e.CompanyId == c.Id))
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.LegalName }).ToListAsync(cancellationToken);
            var random = new Random(1600 + site.Id);
            // Every other company, Bab Bahr Robotics first (it is among the last created).
            var enrolled = companies.OrderBy(c => c.LegalName == DemoResidents.ResidentCompany ? 0 : 1).ThenBy(c => c.Id)
                .Where((c, i) => i % 2 == 0 || c.LegalName == DemoResidents.ResidentCompany).Take(14).ToList();
            var plan = new List<(Enrolment Enrolment, Programme Programme, string? Coach, bool Quiet)>();
            for (var i = 0; i < enrolled.Count; i++)
            {
                var company = enrolled[i];
                var isBabBahr = company.LegalName == DemoResidents.ResidentCompany && site.Slug == "tanger";
                var programme = programmes.Count > 1 && i % 3 == 2 ? programmes[1] : programmes[0];
                var who = site.Slug == "tanger" && coach is not null && (isBabBahr || i % 4 != 3) ? coach
                    : managers.FirstOrDefault();
                var start = isBabBahr ? new DateOnly(today.Year, today.Month, 1).AddMonths(-10) : today.AddDays(-random.Next(45, 540));
                plan.Add((Enrolment.Create(programme, company.Id, site.Id, who, start), programme, who, !isBabBahr && i % 3 == 1));
            }

            db.Enrolments.AddRange(plan.Select(p => p.Enrolment));
            await db.SaveChangesAsync(cancellationToken);

            foreach (var (enrolment, programme, who, quiet) in plan)
            {
                Coaching(enrolment, programme, who ?? DemoUser, quiet, today, now, random);
            }

            if (coach is not null && owner is not null && plan.FirstOrDefault(p => p.Coach == coach && p.Enrolment.CompanyId ==
                    enrolled.FirstOrDefault(c => c.LegalName == DemoResidents.ResidentCompany)?.Id).Enrolment is { } babBahr)
            {
                var request = SessionRequest.Ask(babBahr, owner, "Nous préparons notre levée de fonds : pouvons-nous revoir ensemble le prévisionnel ?",
                    now.AddDays(-2));
                var day = today.AddDays(3);
                request.Offer([.. Enumerable.Range(0, 3).Select(k => SiteTime.Instant(day.AddDays(k), (10 + 4 * (k % 2)) * 60, SkippedTime.MoveLater))],
                    60, coach, now.AddDays(-1));
                db.SessionRequests.Add(request);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The site's programmes: incubation first; acceleration at Tanger, the digital nomads' offer at Essaouira.</summary>
    private static List<Programme> Offer(int siteId, string slug)
    {
        var programmes = new List<Programme>
        {
            Programme.Create(siteId, ProgrammeKind.Incubation, IncubationName, 24,
                "Bureau ou poste en coworking\nCoaching individuel mensuel\nFormations collectives\nMise en relation avec les investisseurs",
                IncubationMilestones),
        };
        if (slug == "tanger")
        {
            programmes.Add(Programme.Create(siteId, ProgrammeKind.Acceleration, AccelerationName, 12,
                "Coaching bimensuel\nAccès au réseau AFEM et Réseau Entreprendre Maroc\nPréparation à la levée de fonds", AccelerationMilestones));
        }

        if (slug == "essaouira")
        {
            programmes.Add(Programme.Create(siteId, ProgrammeKind.DigitalNomads, NomadsName, 3,
                "Poste en coworking\nFibre et salle de réunion\nRencontres mensuelles de la communauté", NomadMilestones));
        }

        return programmes;
    }

    /// <summary>
    /// Sessions every three to four weeks from a week after the start (a quiet company stopped two to five months ago; the others
    /// had one within the last three weeks), and the milestones reached in order, one per four months in the programme.
    /// </summary>
    private void Coaching(Enrolment enrolment, Programme programme, string coach, bool quiet, DateOnly today, DateTimeOffset now, Random random)
    {
        var last = quiet ? today.AddDays(-random.Next(CoachingSession.QuietDays + 5, 150)) : today.AddDays(-random.Next(2, 20));
        var days = new List<DateOnly>();
        for (var day = last; day >= enrolment.Period.Start.AddDays(7); day = day.AddDays(-random.Next(21, 29)))
        {
            days.Add(day);
        }

        foreach (var day in days.Where(d => d >= enrolment.Period.Start))
        {
            var (topics, decisions, next) = Sessions[random.Next(Sessions.Length)];
            db.CoachingSessions.Add(CoachingSession.Log(enrolment, coach, day, 30 * random.Next(2, 5), topics, decisions, next,
                SiteTime.Instant(day, 18 * 60, SkippedTime.MoveLater)));
        }

        var milestones = programme.Milestones.Where(m => m.IsActive).OrderBy(m => m.Position).ToList();
        var months = (today.DayNumber - enrolment.Period.Start.DayNumber) / 30;
        var reached = new List<int>();
        for (var k = 0; k < Math.Min(milestones.Count, months / 4 + 1) && k < milestones.Count; k++)
        {
            var on = enrolment.Period.Start.AddDays(20 + k * 110 + random.Next(0, 30));
            if (on > today)
            {
                break;
            }

            db.ReachedMilestones.Add(enrolment.Reach(milestones[k], on, Evidence[k % Evidence.Length], coach, now, reached));
            reached.Add(milestones[k].Id);
        }
    }
}
