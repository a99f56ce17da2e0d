using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Technopark.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class InvoiceSettlements : Migration
    {
        /// <summary>The settled day's function as this migration installs it (<see cref="InvoiceFirstCovered"/> restores it on Down).</summary>
        internal const string SettleFunctionSql = """
            CREATE OR REPLACE FUNCTION invoice_settle(invoice bigint) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                owed numeric;
                covered numeric;
                last_day date;
            BEGIN
                SELECT total_incl_vat INTO owed FROM invoices WHERE id = invoice;
                SELECT coalesce(sum(x.amount), 0), max(x.on_day) INTO covered, last_day FROM (
                    SELECT amount, applied_on AS on_day FROM payment_allocations WHERE invoice_id = invoice
                    UNION ALL
                    SELECT total_incl_vat, issued_on FROM credit_notes WHERE invoice_id = invoice) x;
                IF last_day IS NOT NULL AND covered >= owed THEN
                    UPDATE invoice_settlements SET settled_on = last_day WHERE invoice_id = invoice AND settled_on IS NULL;
                END IF;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "invoice_settlements",
                columns: table => new
                {
                    invoice_id = table.Column<long>(type: "bigint", nullable: false),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    company_id = table.Column<int>(type: "integer", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    total = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    settled_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_settlements", x => x.invoice_id);
                    table.ForeignKey(
                        name: "fk_invoice_settlements_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_settlements_open",
                table: "invoice_settlements",
                column: "site_id",
                filter: "settled_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_settlements_settled_on",
                table: "invoice_settlements",
                column: "settled_on");
            // Kept by the database: a row when an invoice is issued, its settled day once credit notes and payment shares cover it
            // (SECURITY DEFINER: the app role only reads the table). Shares only ever add up to the total (Payment's rules), and
            // nothing is ever taken back, so the day the total is reached is the day of the last share or credit note.
            migrationBuilder.Sql(SettleFunctionSql);
            migrationBuilder.Sql("""
                CREATE FUNCTION invoice_settlement_open() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
                BEGIN
                    IF NEW.status = 'Issued' AND (TG_OP = 'INSERT' OR OLD.status <> 'Issued') THEN
                        INSERT INTO invoice_settlements (invoice_id, site_id, company_id, issued_on, due_on, total, settled_on)
                            VALUES (NEW.id, NEW.site_id, NEW.company_id, NEW.issued_on, NEW.due_on, NEW.total_incl_vat, NULL);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER invoices_settlement AFTER INSERT OR UPDATE OF status ON invoices
                    FOR EACH ROW EXECUTE FUNCTION invoice_settlement_open();

                CREATE FUNCTION invoice_settlement_follow() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
                BEGIN
                    PERFORM invoice_settle(NEW.invoice_id);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER payment_allocations_settlement AFTER INSERT ON payment_allocations
                    FOR EACH ROW EXECUTE FUNCTION invoice_settlement_follow();
                CREATE TRIGGER credit_notes_settlement AFTER INSERT ON credit_notes
                    FOR EACH ROW EXECUTE FUNCTION invoice_settlement_follow();

                INSERT INTO invoice_settlements (invoice_id, site_id, company_id, issued_on, due_on, total, settled_on)
                SELECT id, site_id, company_id, issued_on, due_on, total_incl_vat, NULL FROM invoices WHERE status = 'Issued';
                SELECT invoice_settle(invoice_id) FROM invoice_settlements;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS invoice_settlement_follow() CASCADE;
                DROP FUNCTION IF EXISTS invoice_settlement_open() CASCADE;
                DROP FUNCTION IF EXISTS invoice_settle(bigint);
                """);

            migrationBuilder.DropTable(
                name: "invoice_settlements");
        }
    }
}
