using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Applications;
using Technopark.Domain.Assignments;
using Technopark.Domain.Auditing;
using Technopark.Domain.Billing;
using Technopark.Domain.Companies;
using Technopark.Domain.Events;
using Technopark.Domain.Nomads;
using Technopark.Domain.Programmes;
using Programme = Technopark.Domain.Programmes.Programme;
using Technopark.Domain.Reporting;
using Technopark.Domain.Sites;
using Technopark.Domain.Rooms;
using Technopark.Domain.Spaces;
using Technopark.Domain.Staff;
using Technopark.Domain.WaitingList;
using Technopark.Infrastructure.Email;
using Technopark.Infrastructure.Identity;

namespace Technopark.Infrastructure.Data;

public sealed class TechnoparkDbContext(DbContextOptions<TechnoparkDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Site> Sites => Set<Site>();

    public DbSet<SitePhoto> SitePhotos => Set<SitePhoto>();

    public DbSet<Space> Spaces => Set<Space>();

    public DbSet<SpaceOutage> SpaceOutages => Set<SpaceOutage>();

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<CompanyMember> CompanyMembers => Set<CompanyMember>();

    public DbSet<CompanyInvitation> CompanyInvitations => Set<CompanyInvitation>();

    public DbSet<CompanyDocument> CompanyDocuments => Set<CompanyDocument>();

    public DbSet<CompanyMessage> CompanyMessages => Set<CompanyMessage>();

    public DbSet<CompanyLogo> CompanyLogos => Set<CompanyLogo>();

    public DbSet<Declaration> Declarations => Set<Declaration>();

    public DbSet<ReportingReminder> ReportingReminders => Set<ReportingReminder>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<RoomSettings> RoomSettings => Set<RoomSettings>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<WaitingListEntry> WaitingList => Set<WaitingListEntry>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<SiteStaff> SiteStaff => Set<SiteStaff>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentAllocation> PaymentAllocations => Set<PaymentAllocation>();

    public DbSet<BillingReminder> BillingReminders => Set<BillingReminder>();

    public DbSet<InvoiceCounter> InvoiceCounters => Set<InvoiceCounter>();

    public DbSet<InvoiceSettlement> InvoiceSettlements => Set<InvoiceSettlement>();

    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<ProgrammeMilestone> ProgrammeMilestones => Set<ProgrammeMilestone>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<ReachedMilestone> ReachedMilestones => Set<ReachedMilestone>();

    public DbSet<CoachingSession> CoachingSessions => Set<CoachingSession>();

    public DbSet<CoachingAttachment> CoachingAttachments => Set<CoachingAttachment>();

    public DbSet<SessionRequest> SessionRequests => Set<SessionRequest>();

    public DbSet<Event> Events => Set<Event>();

    public DbSet<EventRegistration> EventRegistrations => Set<EventRegistration>();

    public DbSet<CoworkingPass> CoworkingPasses => Set<CoworkingPass>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("btree_gist");
        builder.ApplyConfigurationsFromAssembly(typeof(TechnoparkDbContext).Assembly);
    }
}
