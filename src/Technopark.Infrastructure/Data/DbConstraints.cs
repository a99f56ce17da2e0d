namespace Technopark.Infrastructure.Data;

/// <summary>Names of database constraints the app turns into messages for people.</summary>
public static class DbConstraints
{
    /// <summary>Exclusion constraint (first migration): two assignments of one office never overlap.</summary>
    public const string OfficeNoOverlap = "ex_assignments_office_no_overlap";

    /// <summary>Exclusion constraint: two periods out of service of one space never overlap (one space is out of service once on a day).</summary>
    public const string SpaceOutageNoOverlap = "ex_space_outages_no_overlap";

    public const string SpaceOutagesTable = "space_outages";

    /// <summary>Exclusion constraint: two live bookings of one room never overlap, the cleaning buffer after each included.</summary>
    public const string RoomNoOverlap = "ex_room_bookings_no_overlap";

    /// <summary>Exclusion constraint: a company follows one programme at a time (two enrolments of one company never overlap).</summary>
    public const string EnrolmentNoOverlap = "ex_enrolments_no_overlap";

    /// <summary>Raised by a trigger: an event needs a live booking of a room of its site, and a booking with an event is not cancelled alone.</summary>
    public const string EventRoomRequired = "ck_events_room";

    /// <summary>Raised by a trigger (at commit): an event's confirmed registrations never exceed its capacity.</summary>
    public const string EventCapacity = "ck_event_registrations_capacity";

    /// <summary>Unique index: one live registration per address and event.</summary>
    public const string RegistrationEmailUnique = "ix_event_registrations_event_id_email";

    /// <summary>Raised by a trigger: a site is never deleted and its slug never changes (a slug is never reused).</summary>
    public const string SiteKeepsItsSlug = "sites_keep_their_slug";

    /// <summary>Unique index: one site per slug.</summary>
    public const string SiteSlugUnique = "ix_sites_slug";

    /// <summary>Check: a closed site has a closing day, after its opening day; no other site has one.</summary>
    public const string SiteClosedAfterOpening = "ck_sites_closed_after_opening";

    public const string SitesTable = "sites";

    public const string InvoicesTable = "invoices";

    public const string InvoiceLinesTable = "invoice_lines";

    public const string CreditNotesTable = "credit_notes";

    public const string PaymentsTable = "payments";

    public const string PaymentAllocationsTable = "payment_allocations";

    public const string InvoiceCountersTable = "invoice_counters";

    /// <summary>Kept by triggers only (<c>InvoiceSettlement</c>): the app role reads it.</summary>
    public const string InvoiceSettlementsTable = "invoice_settlements";

    /// <summary>
    /// Tables whose rows are facts once written: no UPDATE, no DELETE, no TRUNCATE (triggers, for the owner too; and revoked
    /// from the app role). Invoices are guarded once issued (their own trigger), since drafts follow the stays.
    /// </summary>
    public static readonly string[] AppendOnlyBillingTables = [CreditNotesTable, PaymentsTable, PaymentAllocationsTable, "billing_reminders"];
}
