using Npgsql;
using NpgsqlTypes;

namespace Technopark.Infrastructure.Data.Queries;

/// <summary>
/// Billing kept by the database, per site: what each day changes in the amounts billed (invoices issued, less credit notes),
/// collected (payments received) and overdue, summed into blocks of 2^k days as <see cref="OccupancyFacts"/> keeps occupancy
/// (migration <c>BillingFacts</c>): what a site billed or collected up to a day, and what it had overdue on that day, is the sum
/// of at most 17 blocks.
/// <para>
/// Overdue on a day c (BillingFigures' definition: what is open on the issued invoices due before c) is such a sum because an
/// invoice's open amount never goes below zero (payment shares add up to its total at most, a credit note cancels an unpaid
/// invoice in full; the Domain's <c>Payment</c> and <c>CreditNote</c>): an issued invoice adds its total on the day after its
/// due day, and each of its credit notes and payment shares takes its amount away on its own day, or on the day after the due
/// day if that is later. Statement triggers on invoices, credit notes, payments and payment allocations stage each statement's
/// changes, and the transaction folds them into the blocks when it commits (an invoice's due day and total never change once it
/// is issued); a rebuild computes them from every row and the tests compare the table with it.
/// </para>
/// </summary>
public static class BillingFacts
{
    public const string Table = "billing_blocks";

    public const string LiveView = "billing_blocks_live";

    public const string Measures = "billed, collected, overdue";

    private static readonly string[] MeasureList = Measures.Split(", ");

    /// <summary>The measures' column definitions (amounts), in the blocks and the staged changes.</summary>
    public static readonly string MeasureColumns = string.Join(", ", MeasureList.Select(m => $"{m} numeric NOT NULL"));

    private const string Epoch = OccupancyFacts.Epoch;

    /// <summary>The tables whose changes the blocks follow.</summary>
    public static readonly IReadOnlyList<string> FollowedTables = ["invoices", "credit_notes", "payments", "payment_allocations"];

    /// <summary>
    /// Whether the blocks answer for the days from <paramref name="first"/> to <paramref name="last"/> (every day a page may ask,
    /// <c>DateRangeLimits</c>, and the month before: there is no other statement).
    /// </summary>
    public static bool Covers(DateOnly first, DateOnly last) => OccupancyFacts.Covers(first) && OccupancyFacts.Covers(last);

    /// <summary>
    /// SQL (CTEs then a SELECT of blocks) of the changes of the given rows, each with its sign (−1 for a row before a statement,
    /// +1 after): <paramref name="invoices"/> <c>(sign, site_id, status, issued_on, due_on, total)</c>, <paramref name="creditNotes"/>
    /// <c>(sign, site_id, invoice_id, issued_on, total)</c>, <paramref name="payments"/> <c>(sign, site_id, received_on, amount)</c>,
    /// <paramref name="allocations"/> <c>(sign, invoice_id, applied_on, amount)</c>. A credit note's or share's invoice (its site and
    /// due day) is read from the invoices.
    /// </summary>
    public static string ChangesSql(string invoices, string creditNotes, string payments, string allocations) =>
        DayChangesCtes(invoices, creditNotes, payments, allocations) + "\n" + BlocksOf("day_changes");

    /// <summary><see cref="ChangesSql"/>'s CTEs, the last one <c>day_changes (site_id, day number, measures…)</c>.</summary>
    private static string DayChangesCtes(string invoices, string creditNotes, string payments, string allocations) => $"""
        issued AS (
            SELECT i.sign, i.site_id, i.issued_on, i.due_on, i.total FROM ({invoices}) i WHERE i.status = 'Issued'
        ), changes AS (
            SELECT site_id, issued_on AS day, sign * total AS billed, 0::numeric AS collected, 0::numeric AS overdue FROM issued
            UNION ALL
            SELECT site_id, due_on + 1, 0, 0, sign * total FROM issued
            UNION ALL
            SELECT c.site_id, c.issued_on, -c.sign * c.total, 0, 0 FROM ({creditNotes}) c
            UNION ALL
            SELECT i.site_id, greatest(c.issued_on, i.due_on + 1), 0, 0, -c.sign * c.total
            FROM ({creditNotes}) c JOIN invoices i ON i.id = c.invoice_id
            UNION ALL
            SELECT p.site_id, p.received_on, 0, p.sign * p.amount, 0 FROM ({payments}) p
            UNION ALL
            SELECT i.site_id, greatest(a.applied_on, i.due_on + 1), 0, 0, -a.sign * a.amount
            FROM ({allocations}) a JOIN invoices i ON i.id = a.invoice_id
        ), day_changes AS (
            {DayChangesOf("changes", "greatest(day, date '" + Epoch + "') - date '" + Epoch + "'")}
        )
        """;

    /// <summary>The changes of <paramref name="source"/> <c>(site_id, day, measures…)</c> summed per site and day (numbered by <paramref name="day"/>), zeros left out.</summary>
    private static string DayChangesOf(string source, string day) => $"""
        SELECT site_id, {day} AS day, {Sums("sum({0})")}
            FROM {source}
            GROUP BY 1, 2
            HAVING {string.Join(" OR ", MeasureList.Select(m => $"sum({m}) <> 0"))}
        """;

    /// <summary>The blocks of <paramref name="dayChanges"/> <c>(site_id, day number, measures…)</c>, in the order of the key.</summary>
    private static string BlocksOf(string dayChanges) => $"""
        SELECT k::smallint AS level, (c.day >> k) AS block, c.site_id, {Sums("sum(c.{0})")}
        FROM {dayChanges} c, generate_series(0, {OccupancyFacts.LastLevel}) k
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3
        """;

    private static string Sums(string format) =>
        string.Join(", ", MeasureList.Select(m => string.Format(System.Globalization.CultureInfo.InvariantCulture, format, m) + $" AS {m}"));

    private const string InvoiceColumns = "site_id, status, issued_on, due_on, total_incl_vat AS total";

    private const string CreditNoteColumns = "site_id, invoice_id, issued_on, total_incl_vat AS total";

    private const string PaymentColumns = "site_id, received_on, amount";

    private const string AllocationColumns = "invoice_id, applied_on, amount";

    /// <summary>Every row as it is.</summary>
    public static readonly string LiveChangesSql = PartSql(0, 1);

    /// <summary>
    /// The blocks of part <paramref name="part"/> of <paramref name="parts"/>: the rows of the sites whose id is
    /// <paramref name="part"/> modulo <paramref name="parts"/> (a share by its invoice's site). The parts' blocks summed by key
    /// are the whole.
    /// </summary>
    public static string PartSql(int part, int parts)
    {
        var of = BlockFacts.InPart("site_id", part, parts);
        var invoicesOfPart = parts == 1 ? "true" : $"invoice_id IN (SELECT id FROM invoices WHERE {of})";
        return "WITH " + ChangesSql(
            $"SELECT 1 AS sign, {InvoiceColumns} FROM invoices WHERE {of}",
            $"SELECT 1 AS sign, {CreditNoteColumns} FROM credit_notes WHERE {of}",
            $"SELECT 1 AS sign, {PaymentColumns} FROM payments WHERE {of}",
            $"SELECT 1 AS sign, {AllocationColumns} FROM payment_allocations WHERE {invoicesOfPart}");
    }

    /// <summary>
    /// What a statement of <paramref name="table"/> for <paramref name="operation"/> changes: the changes of its rows after the
    /// statement less those before (<c>old_rows</c> and <c>new_rows</c> are the transition tables), per site and day; the
    /// blocks stage them and fold them at commit (<see cref="BlockFacts"/>).
    /// </summary>
    public static FollowedChanges FollowSql(string table, string operation)
    {
        if (!FollowedTables.Contains(table))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "No billing facts follow this table.");
        }

        var (oldRows, newRows) = BlockFacts.TransitionRows(table, operation);
        string Of(string source, string columns) => table != source
            ? $"SELECT 1 AS sign, {columns} FROM {BlockFacts.NoRows(source)} t"
            : $"SELECT 1 AS sign, {columns} FROM {newRows} t UNION ALL SELECT -1, {columns} FROM {oldRows} t";
        var dayChanges = DayChangesCtes(Of("invoices", InvoiceColumns), Of("credit_notes", CreditNoteColumns), Of("payments", PaymentColumns),
            Of("payment_allocations", AllocationColumns));
        // A statement on drafts only (a run writes one per draft) changes nothing billed: it is not worked out at all.
        return new FollowedChanges(dayChanges, table == "invoices"
            ? $"EXISTS (SELECT 1 FROM {newRows} t WHERE t.status = 'Issued') OR EXISTS (SELECT 1 FROM {oldRows} t WHERE t.status = 'Issued')"
            : null);
    }

    /// <summary>
    /// Per site (every one, or <see cref="UpToParameters"/>' one) and per day of @days (an array of dates, each covered): billed,
    /// collected and overdue up to and on that day, read from the blocks. What a site billed in a month is the difference between
    /// its month's last counted day and the day before its first.
    /// </summary>
    public static string UpToSql(bool oneSite) => $"""
        SELECT b.site_id, d.day, {Sums("sum(b.{0})")}
        FROM unnest(@days) AS d(day)
        CROSS JOIN LATERAL ({OccupancyFacts.BlocksOf("d.day")}) k
        JOIN {Table} b ON b.level = k.level AND b.block = k.block{(oneSite ? " AND b.site_id = @site" : "")}
        GROUP BY b.site_id, d.day
        """;

    /// <summary><see cref="UpToSql"/>'s parameters: the days, and the site (unused for every site).</summary>
    public static NpgsqlParameter[] UpToParameters(DateOnly[] days, int? siteId) =>
    [
        new("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = days },
        new("site", NpgsqlDbType.Integer) { Value = (object?)siteId ?? DBNull.Value },
    ];
}
