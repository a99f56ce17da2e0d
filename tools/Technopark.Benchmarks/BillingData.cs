using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Domain.Spaces;
using Technopark.Infrastructure;

namespace Technopark.Benchmarks;

/// <summary>A site of the billing benchmark with its billing code (the prefix of its invoice numbers).</summary>
internal sealed record BillingSite(int Id, string Slug, string Code);

/// <summary>What <see cref="BillingData.HistoryAsync"/> wrote.</summary>
internal sealed record BillingHistory(int Invoices, int Lines, int CreditNotes, int Payments, decimal Billed, decimal Collected);

/// <summary>
/// The billing benchmark's network, with binary COPY: sites (Tanger and generated ones with codes "Zxx"), each with
/// <see cref="BoardData"/>'s 600 spaces and stays over a window of 20 months (companies of its own), plus office transfers
/// (two companies swapping offices on a day in the middle of a month); then months of issued invoices (lines as
/// <see cref="MonthlyRun"/> computes them from those stays), credit notes and payments. Deterministic (fixed seeds).
/// </summary>
internal static class BillingData
{
    public const int CompaniesPerSite = 1500;

    /// <summary>Office pairs per site whose companies swap offices on a day inside a month (two transfers each).</summary>
    public const int TransferPairs = 30;

    private const string Writer = "benchmark";

    private static readonly PaymentMethod[] Methods = [PaymentMethod.Transfer, PaymentMethod.Transfer, PaymentMethod.Transfer, PaymentMethod.Cheque,
        PaymentMethod.Cash, PaymentMethod.Card];

    /// <summary>Tanger and generated operational sites ("bench-01"…, billing codes "ZAA"…) up to <paramref name="count"/> sites.</summary>
    public static async Task<IReadOnlyList<BillingSite>> SitesAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        await BenchmarkSql.ExecuteAsync(connection, $"""
            INSERT INTO sites (slug, name, city, region, status, opened_on, focus_sectors, partners, service_codes, billing_code)
            SELECT 'bench-' || lpad(g::text, 2, '0'), 'Technopark Banc ' || g, 'Ville ' || g, 'Région', 'Operational', date '2010-01-01' + g * 30,
                   '{"{}"}'::text[], '{"{}"}'::text[], '{"{}"}'::text[], 'Z' || chr(65 + g / 26) || chr(65 + g % 26)
            FROM generate_series(1, {count - 1}) g
            """, cancellationToken);
        return await BenchmarkSql.ListAsync(connection,
            "SELECT id, slug, billing_code FROM sites WHERE slug = 'tanger' OR slug LIKE 'bench-%' ORDER BY slug <> 'tanger', slug",
            r => new BillingSite(r.GetInt32(0), r.GetString(1), r.GetString(2)), cancellationToken);
    }

    /// <summary>
    /// The site's spaces, companies and stays over [<paramref name="from"/>, <paramref name="to"/>); the first offices are kept for
    /// <see cref="TransferPairs"/> swaps, half of them on a day inside <paramref name="month"/>, half inside the month after. Returns the stays.
    /// </summary>
    public static async Task<int> FillSiteAsync(NpgsqlConnection connection, BillingSite site, BillingMonth month, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var random = new Random(site.Id);
        await BoardData.CopySpacesAsync(connection, site.Id, random, cancellationToken);
        await BenchmarkSql.CopyCompaniesAsync(connection, site.Id,
            Enumerable.Range(1, CompaniesPerSite).Select(i => $"{site.Code} Entreprise {i:0000}"), cancellationToken);
        var spaces = await BoardData.SpacesAsync(connection, site.Id, cancellationToken);
        var companyIds = await BenchmarkSql.ListAsync(connection, $"SELECT id FROM companies WHERE site_id = {site.Id} ORDER BY id",
            r => r.GetInt32(0), cancellationToken);
        var swapped = spaces.Where(s => s.Office).Take(2 * TransferPairs).ToList();
        var stays = await BoardData.CopyStaysAsync(connection, site.Id, spaces.Except(swapped), companyIds, from, to, random, cancellationToken);

        // Transfers: company X holds office a and Y office b until the swap day, then X holds b and Y holds a (open-ended).
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY assignments (site_id, space_id, company_id, start_on, end_on, seats, is_exclusive, monthly_rent, end_reason) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (var pair = 0; pair < TransferPairs; pair++)
        {
            var (a, b) = (swapped[2 * pair], swapped[2 * pair + 1]);
            var (x, y) = (companyIds[random.Next(companyIds.Count)], companyIds[random.Next(companyIds.Count)]);
            var swapMonth = pair % 2 == 0 ? month : month.Next;
            var day = swapMonth.First.AddDays(random.Next(1, swapMonth.Days - 1));
            await BoardData.WriteStayAsync(copy, site.Id, a, x, from, day, a.Seats, cancellationToken);
            await BoardData.WriteStayAsync(copy, site.Id, b, y, from, day, b.Seats, cancellationToken);
            await BoardData.WriteStayAsync(copy, site.Id, b, x, day, null, b.Seats, cancellationToken);
            await BoardData.WriteStayAsync(copy, site.Id, a, y, day, null, a.Seats, cancellationToken);
            stays += 4;
        }

        await copy.CompleteAsync(cancellationToken);
        return stays;
    }

    /// <summary>
    /// <paramref name="months"/> months from <paramref name="first"/> of issued invoices for every site: one per company and month with a
    /// line per stay (<see cref="MonthlyRun"/>), issued on the 2nd of the month after, numbered per site and year in the order of the
    /// companies' names; 1 % credited a few days later; of the others, about 93 % paid in full and 3 % in part 5 to 50 days after issue
    /// (when that is before <paramref name="today"/>), the rest (3 %) unpaid: a site chases a few percent of its invoices, not one in seven. Invoices are written as drafts, their lines added, then marked
    /// issued with one UPDATE per site (the triggers refuse lines on an issued invoice); payments and credit notes are inserts only.
    /// The counters (<c>invoice_counters</c>) continue after the numbers written. Run as the schema owner or a superuser.
    /// </summary>
    public static async Task<BillingHistory> HistoryAsync(string connectionString, IReadOnlyList<BillingSite> sites, BillingMonth first, int months,
        DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var random = new Random(15);
        var (invoices, lines, credits, payments, billed, collected) = (0, 0, 0, 0, 0m, 0m);
        var nextInvoice = await BenchmarkSql.ScalarAsync<long>(connection, "SELECT coalesce(max(id), 0) + 1 FROM invoices", cancellationToken);
        var nextPayment = await BenchmarkSql.ScalarAsync<long>(connection, "SELECT coalesce(max(id), 0) + 1 FROM payments", cancellationToken);
        await BenchmarkSql.ExecuteAsync(connection, """
            CREATE TEMP TABLE bench_issue (id bigint PRIMARY KEY, number varchar(24), number_year int, sequence int, issued_on date, due_on date,
                issued_at timestamptz, company_name varchar(200))
            """, cancellationToken);
        foreach (var site in sites)
        {
            var stays = await StaysAsync(connection, site.Id, cancellationToken);
            var names = await BenchmarkSql.ListAsync(connection, $"SELECT id, legal_name FROM companies WHERE site_id = {site.Id}",
                r => (Id: r.GetInt32(0), Name: r.GetString(1)), cancellationToken);
            var nameOf = names.ToDictionary(n => n.Id, n => n.Name);
            var sequences = new Dictionary<(NumberSeries, int), int>();
            int Next(NumberSeries series, int year) => sequences[(series, year)] = sequences.GetValueOrDefault((series, year)) + 1;

            var drafts = new List<(long Id, BillingMonth Month, int CompanyId, List<ComputedLine> Lines)>();
            var last = BillingMonth.Of(first.First.AddMonths(months));
            for (var month = first; month < last; month = month.Next)
            {
                drafts.AddRange(MonthlyRun.Lines(month, stays, [], BillingPolicy.Default)
                    .GroupBy(l => l.CompanyId)
                    .OrderBy(g => nameOf[g.Key], StringComparer.Ordinal)
                    .Select(g => (nextInvoice++, month, g.Key, g.ToList())));
            }

            var issued = drafts.Select(d =>
            {
                var issuedOn = d.Month.End.AddDays(1);
                var total = d.Lines.Sum(l => l.AmountExclVat + Money.Vat(l.AmountExclVat, l.VatPercent));
                return (Draft: d, IssuedOn: issuedOn, Number: InvoiceNumber.Of(NumberSeries.Invoice, site.Code, issuedOn.Year, Next(NumberSeries.Invoice, issuedOn.Year)),
                    Total: total);
            }).ToList();

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY invoices (id, site_id, company_id, year, month, status, total_excl_vat, total_vat, total_incl_vat) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var (id, month, companyId, computed) in drafts)
                {
                    var excl = computed.Sum(l => l.AmountExclVat);
                    var vat = computed.Sum(l => Money.Vat(l.AmountExclVat, l.VatPercent));
                    await copy.WriteRowAsync(cancellationToken, id, site.Id, companyId, month.Year, month.Month, nameof(InvoiceStatus.Draft), excl, vat, excl + vat);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY invoice_lines (invoice_id, kind, source_key, label, period_start, period_end, quantity, unit_price, seats, amount_excl_vat, vat_percent, "
                + "vat_amount, amount_incl_vat) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var (id, _, _, computed) in drafts)
                {
                    foreach (var l in computed)
                    {
                        var vat = Money.Vat(l.AmountExclVat, l.VatPercent);
                        await copy.StartRowAsync(cancellationToken);
                        await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                        await copy.WriteAsync(l.Kind.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                        await copy.WriteAsync(l.SourceKey, NpgsqlDbType.Varchar, cancellationToken);
                        await copy.WriteAsync(l.Label, NpgsqlDbType.Varchar, cancellationToken);
                        await copy.WriteAsync(l.PeriodStart!.Value, NpgsqlDbType.Date, cancellationToken);
                        await copy.WriteAsync(l.PeriodEnd!.Value, NpgsqlDbType.Date, cancellationToken);
                        await copy.WriteAsync(l.Quantity, NpgsqlDbType.Numeric, cancellationToken);
                        await copy.WriteAsync(l.UnitPrice, NpgsqlDbType.Numeric, cancellationToken);
                        if (l.Seats is { } seats)
                        {
                            await copy.WriteAsync(seats, NpgsqlDbType.Integer, cancellationToken);
                        }
                        else
                        {
                            await copy.WriteNullAsync(cancellationToken);
                        }

                        await copy.WriteAsync(l.AmountExclVat, NpgsqlDbType.Numeric, cancellationToken);
                        await copy.WriteAsync(l.VatPercent, NpgsqlDbType.Numeric, cancellationToken);
                        await copy.WriteAsync(vat, NpgsqlDbType.Numeric, cancellationToken);
                        await copy.WriteAsync(l.AmountExclVat + vat, NpgsqlDbType.Numeric, cancellationToken);
                        lines++;
                    }
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY bench_issue (id, number, number_year, sequence, issued_on, due_on, issued_at, company_name) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var invoice in issued)
                {
                    await copy.WriteRowAsync(cancellationToken, invoice.Draft.Id, invoice.Number.Text, invoice.Number.Year, invoice.Number.Sequence, invoice.IssuedOn,
                        BillingPolicy.Default.DueOn(invoice.IssuedOn), At(invoice.IssuedOn, 9), nameOf[invoice.Draft.CompanyId]);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await BenchmarkSql.ExecuteAsync(connection, $"""
                UPDATE invoices i SET status = 'Issued', number = b.number, number_year = b.number_year, sequence = b.sequence, issued_on = b.issued_on,
                    due_on = b.due_on, issued_at = b.issued_at, issued_by = '{Writer}', company_name = b.company_name
                FROM bench_issue b WHERE b.id = i.id;
                TRUNCATE bench_issue;
                """, cancellationToken);

            // Credit notes (1 %), then payments of the others: in full (93 %), in part (3 %), none (3 %); only those received by today.
            var notes = new List<object[]>();
            var received = new List<(long PaymentId, int CompanyId, DateOnly On, decimal Amount, long InvoiceId)>();
            foreach (var invoice in issued)
            {
                var roll = random.Next(100);
                var on = invoice.IssuedOn.AddDays(roll == 0 ? random.Next(3, 20) : random.Next(5, 51));
                if (on > today || roll >= 97)
                {
                    continue;
                }

                var companyId = invoice.Draft.CompanyId;
                if (roll == 0)
                {
                    var number = InvoiceNumber.Of(NumberSeries.CreditNote, site.Code, on.Year, Next(NumberSeries.CreditNote, on.Year));
                    var excl = invoice.Draft.Lines.Sum(l => l.AmountExclVat);
                    notes.Add([site.Id, companyId, invoice.Draft.Id, number.Text, number.Year, number.Sequence, on, At(on, 10), Writer,
                        "Erreur de facturation (banc d'essai)", excl, invoice.Total - excl, invoice.Total]);
                    continue;
                }

                var amount = roll < 94 ? invoice.Total : Money.Round(invoice.Total / 2);
                received.Add((nextPayment++, companyId, on, amount, invoice.Draft.Id));
                collected += amount;
            }

            await CopyRowsAsync(connection, "COPY credit_notes (site_id, company_id, invoice_id, number, number_year, sequence, issued_on, issued_at, issued_by, "
                + "reason, total_excl_vat, total_vat, total_incl_vat) FROM STDIN (FORMAT BINARY)", notes, cancellationToken);
            await CopyRowsAsync(connection, "COPY payments (id, site_id, company_id, received_on, method, reference, amount, recorded_at, recorded_by) FROM STDIN (FORMAT BINARY)",
                received.Select(p => new object[] { p.PaymentId, site.Id, p.CompanyId, p.On, Methods[random.Next(Methods.Length)].ToString(),
                    $"REF-{p.PaymentId.ToString(CultureInfo.InvariantCulture)}", p.Amount, At(p.On, 11), Writer }), cancellationToken);
            await CopyRowsAsync(connection, "COPY payment_allocations (payment_id, invoice_id, amount, applied_on) FROM STDIN (FORMAT BINARY)",
                received.Select(p => new object[] { p.PaymentId, p.InvoiceId, p.Amount, p.On }), cancellationToken);
            credits += notes.Count;
            payments += received.Count;

            await BenchmarkSql.ExecuteAsync(connection, string.Join(";", sequences.Select(s => $"""
                INSERT INTO invoice_counters (site_id, year, series, last_number) VALUES ({site.Id}, {s.Key.Item2}, '{s.Key.Item1}', {s.Value})
                ON CONFLICT (site_id, year, series) DO UPDATE SET last_number = greatest(invoice_counters.last_number, excluded.last_number)
                """)), cancellationToken);
            invoices += drafts.Count;
            billed += issued.Sum(i => i.Total);
        }

        await BenchmarkSql.ExecuteAsync(connection, """
            SELECT setval(pg_get_serial_sequence('invoices', 'id'), (SELECT max(id) FROM invoices));
            SELECT setval(pg_get_serial_sequence('payments', 'id'), (SELECT max(id) FROM payments));
            DROP TABLE bench_issue;
            """, cancellationToken);
        await BenchmarkSql.ExecuteAsync(connection, "VACUUM ANALYZE", cancellationToken); // alone: VACUUM refuses to run in a batch
        return new BillingHistory(invoices, lines, credits, payments, billed, collected);
    }

    /// <summary>Binary COPY of rows whose values' CLR types give the columns' types (int, long, decimal, string, DateOnly, UTC DateTimeOffset).</summary>
    private static async Task CopyRowsAsync(NpgsqlConnection connection, string copySql, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copySql, cancellationToken);
        foreach (var row in rows)
        {
            await copy.WriteRowAsync(cancellationToken, row);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>An instant of the day in UTC (what Npgsql writes to timestamptz).</summary>
    private static DateTimeOffset At(DateOnly day, int hour) => NetworkClock.StartOf(day).AddHours(hour).ToUniversalTime();

    /// <summary>The site's stays as the monthly run reads them (<see cref="StayToBill"/>).</summary>
    private static Task<List<StayToBill>> StaysAsync(NpgsqlConnection connection, int siteId, CancellationToken cancellationToken) =>
        BenchmarkSql.ListAsync(connection, $"""
            SELECT a.id, a.company_id, s.code, s.kind, a.start_on, a.end_on, a.seats, a.monthly_rent
            FROM assignments a JOIN spaces s ON s.id = a.space_id WHERE a.site_id = {siteId}
            """,
            r => new StayToBill(r.GetInt32(0), r.GetInt32(1), r.GetString(2), Enum.Parse<SpaceKind>(r.GetString(3)),
                new DateRange(r.GetFieldValue<DateOnly>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5)), r.GetInt32(6), r.GetDecimal(7)),
            cancellationToken);
}
