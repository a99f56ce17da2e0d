using Npgsql;

namespace Technopark.Infrastructure.Data.Roles;

/// <summary>
/// The app runs as a least-privilege role; migrations run as the owner of the schema. After migrating,
/// the owner grants the app role what it needs and no more, on every table (so a table added by a new
/// migration gets its grants), and sets default privileges for objects it creates later:
/// - domain tables: SELECT, INSERT, UPDATE, DELETE (never TRUNCATE, REFERENCES or TRIGGER);
/// - audit_log: SELECT, INSERT only (append-only, also guarded by triggers against the owner);
/// - room_bookings: no DELETE (a booking is cancelled and kept); sites: no DELETE (closed, never deleted: a slug is never reused);
/// - credit notes, payments, their allocations and billing reminders: SELECT, INSERT only; invoice counters: no DELETE
///   (issued invoices are guarded by a trigger, since drafts change); invoice_settlements: SELECT only (its triggers write it);
/// - the pipeline's counts (<see cref="Queries.PipelineFacts"/>), the occupancy, KPI and billing blocks: SELECT only (triggers write them);
/// - the migrations history: SELECT only; sequences: USAGE, SELECT;
/// - nothing to create in the schema (no DDL); the app role owns nothing, so it cannot ALTER, DROP or
///   disable a trigger, and as NOSUPERUSER it cannot SET session_replication_role.
/// </summary>
public static class DatabaseGrants
{
    /// <summary>Conventional names; run.sh and the test fixture create these two roles.</summary>
    public const string OwnerRole = "technopark_owner";

    public const string AppRole = "technopark_app";

    public const string AuditTable = "audit_log";

    /// <summary>Room bookings are cancelled, never deleted (late cancellations and no-shows are counted).</summary>
    public const string BookingsTable = "room_bookings";

    public static string Sql(string appRole)
    {
        var role = QuoteIdentifier(appRole);
        return $"""
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE ON {AuditTable} FROM {role};
            REVOKE DELETE ON {BookingsTable}, {DbConstraints.SitesTable} FROM {role};
            REVOKE UPDATE, DELETE ON {string.Join(", ", DbConstraints.AppendOnlyBillingTables)} FROM {role};
            REVOKE DELETE ON {DbConstraints.InvoiceCountersTable} FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON {DbConstraints.InvoiceSettlementsTable} FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON {Queries.PipelineFacts.CountsTable}, {Queries.PipelineFacts.DecisionDaysTable}, {string.Join(", ", Queries.BlockFacts.All.SelectMany(f => f.Tables))} FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON {QuoteIdentifier(DependencyInjection.MigrationsHistoryTable)} FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};
            """;
    }

    /// <summary>
    /// Run with the owner's connection after the migrations. Nothing to do when the app connects as the
    /// owner itself (a single-role deployment, which this class cannot make safe).
    /// </summary>
    public static async Task ApplyAsync(string ownerConnectionString, string appConnectionString, CancellationToken cancellationToken)
    {
        var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        var app = new NpgsqlConnectionStringBuilder(appConnectionString).Username;
        if (string.IsNullOrEmpty(app) || string.Equals(owner, app, StringComparison.Ordinal))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql(app), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
