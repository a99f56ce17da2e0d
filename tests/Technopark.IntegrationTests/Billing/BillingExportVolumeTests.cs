using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Technopark.IntegrationTests.Figures;
using Technopark.TestSupport;
using Xunit.Abstractions;

namespace Technopark.IntegrationTests.Billing;

/// <summary>The lines export streams: 100,000 lines of one issued invoice come out whole, one row each, in a few seconds.</summary>
public sealed class BillingExportVolumeTests(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const int Lines = 100_000;

    [Fact]
    public async Task LinesCsv_HundredThousandLines_AllExported()
    {
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "oujda", "Dune D SARL");
        // Written in SQL (the domain would take minutes): a draft, its lines, then issued (the database refuses lines of an issued invoice).
        await db.Database.ExecuteSqlAsync($"""
            WITH draft AS (
                INSERT INTO invoices (site_id, company_id, year, month, status, total_excl_vat, total_vat, total_incl_vat)
                SELECT site_id, id, 2026, 1, 'Draft', 0, 0, 0 FROM companies WHERE id = {company}
                RETURNING id)
            INSERT INTO invoice_lines (invoice_id, kind, label, quantity, unit_price, amount_excl_vat, vat_percent, vat_amount, amount_incl_vat)
            SELECT draft.id, 'Service', 'Prestation ' || n, 1, 10.05, 10.05, 20, 2.01, 12.06 FROM draft, generate_series(1, {Lines}) AS n;
            UPDATE invoices SET status = 'Issued', number = 'OUJ-2026-900001', number_year = 2026, sequence = 900001, issued_on = DATE '2026-02-03',
                due_on = DATE '2026-03-05', issued_at = now(), issued_by = 'test-user', company_name = 'Dune D SARL',
                total_excl_vat = 10.05 * {Lines}, total_vat = 2.01 * {Lines}, total_incl_vat = 12.06 * {Lines}
            WHERE company_id = {company};
            """);
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);

        var clock = Stopwatch.StartNew();
        var rows = Pages.Csv(await hq.GetByteArrayAsync("/hq/billing/lines.csv?from=2026-02-01&to=2026-02-28"));
        output.WriteLine($"{Lines} lines exported in {clock.Elapsed.TotalSeconds:N1} s");

        Assert.Equal(Lines + 1, rows.Count);
        Assert.Equal("Prestation 100000", rows[^1][5]);
        Assert.Equal(12.06m * Lines, rows.Skip(1).Sum(r => Pages.FrenchNumber(r[13])));
    }
}
