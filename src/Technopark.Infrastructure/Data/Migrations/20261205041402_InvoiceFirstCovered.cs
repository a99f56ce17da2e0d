using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Each issued invoice's first covered day (its earliest credit note or payment share), kept by <c>invoice_settle</c> with its
    /// settled day: the aged receivables of a day sum the credit notes and shares of only the invoices something covered by then
    /// (on the billing benchmark's day, a third of the 95,000 open ones).
    /// </summary>
    public partial class InvoiceFirstCovered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "first_covered_on",
                table: "invoice_settlements",
                type: "date",
                nullable: true);
            // As before, plus the earliest day of a share or credit note; the row is written only when one of its days changes.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION invoice_settle(invoice bigint) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
                DECLARE
                    owed numeric;
                    covered numeric;
                    first_day date;
                    last_day date;
                BEGIN
                    SELECT total_incl_vat INTO owed FROM invoices WHERE id = invoice;
                    SELECT coalesce(sum(x.amount), 0), min(x.on_day), max(x.on_day) INTO covered, first_day, last_day FROM (
                        SELECT amount, applied_on AS on_day FROM payment_allocations WHERE invoice_id = invoice
                        UNION ALL
                        SELECT total_incl_vat, issued_on FROM credit_notes WHERE invoice_id = invoice) x;
                    UPDATE invoice_settlements
                       SET first_covered_on = first_day,
                           settled_on = CASE WHEN settled_on IS NULL AND last_day IS NOT NULL AND covered >= owed THEN last_day ELSE settled_on END
                     WHERE invoice_id = invoice
                       AND (first_covered_on IS DISTINCT FROM first_day OR (settled_on IS NULL AND last_day IS NOT NULL AND covered >= owed));
                END $$;

                UPDATE invoice_settlements s SET first_covered_on = x.first_day
                FROM (SELECT invoice_id, min(on_day) AS first_day FROM (
                          SELECT invoice_id, applied_on AS on_day FROM payment_allocations
                          UNION ALL
                          SELECT invoice_id, issued_on FROM credit_notes) y
                      GROUP BY invoice_id) x
                WHERE x.invoice_id = s.invoice_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InvoiceSettlements.SettleFunctionSql);
            migrationBuilder.DropColumn(
                name: "first_covered_on",
                table: "invoice_settlements");
        }
    }
}
