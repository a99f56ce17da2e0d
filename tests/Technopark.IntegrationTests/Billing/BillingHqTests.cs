using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Billing;
using Technopark.IntegrationTests.Figures;
using Technopark.TestSupport;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// HQ's billing page, the site's summary and the CSV exports for the accounting software, over HTTP: one month of Tanger with an
/// invoice paid with an over-payment and an invoice cancelled by a credit note (engineer D's own companies and spaces).
/// </summary>
public sealed partial class BillingHqTests(BillingHqTests.Fixture fixture) : IClassFixture<BillingHqTests.Fixture>
{
    private static readonly DateOnly Today = new(2027, 4, 12);
    private const string April = "2027-04";
    private const string Range = "from=2027-04-01&to=2027-04-30";

    [Fact]
    public async Task HqBilling_MonthOfTheDay_ShowsTheSitesFiguresAsTheSummaryAndTheService()
    {
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);

        var page = BillingFiguresDifferentialTests.Cells(await hq.GetStringAsync("/hq/billing?on=2027-04-12"));
        var summary = BillingFiguresDifferentialTests.Cells(await hq.GetStringAsync("/manage/tanger/billing/summary?on=2027-04-12"));

        var billed = fixture.Paid.TotalInclVat + fixture.Open.TotalInclVat; // three invoices issued in the month, one credited in it
        Assert.Equal(billed, page[("tanger", April, "Billed")]);
        Assert.Equal(fixture.PaymentAmount, page[("tanger", April, "Collected")]);
        Assert.Equal(0m, page[("tanger", April, "Overdue")]);
        Assert.Equal(billed, page[("(network)", April, "Billed")]);
        foreach (var figure in new[] { "Billed", "Collected", "Overdue" })
        {
            Assert.Equal(page[("tanger", April, figure)], summary[("tanger", April, figure)]);
        }

        Assert.Equal(12, page.Keys.Count(k => k.Site == "tanger" && k.Figure == "Billed"));
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var service = await scope.ServiceProvider.GetRequiredService<BillingFigures>().MonthsAsync(fixture.SiteId, Today, default);
        Assert.Equal(page[("tanger", April, "Collected")], service.Sites.Single().Last.Collected);
    }

    [Fact]
    public async Task HqBilling_DayBeforeTheOverdueDate_CountsTheOpenInvoiceOnlyOnceDue()
    {
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);
        var due = fixture.Open.DueOn!.Value;

        var onDue = BillingFiguresDifferentialTests.Cells(await hq.GetStringAsync($"/hq/billing?on={DifferentialFiguresTests.Iso(due)}"));
        var after = BillingFiguresDifferentialTests.Cells(await hq.GetStringAsync($"/hq/billing?on={DifferentialFiguresTests.Iso(due.AddDays(1))}"));

        var month = BillingMonth.Of(due).ToString();
        Assert.Equal(0m, onDue[("tanger", month, "Overdue")]);
        Assert.Equal(fixture.Open.TotalInclVat, after[("tanger", month, "Overdue")]);
    }

    [Fact]
    public async Task InvoicesCsv_April_OneRowPerInvoiceAndCreditNoteWithFrenchAmountsSummingToTheBilled()
    {
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);

        using var response = await hq.GetAsync($"/hq/billing/invoices.csv?{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("factures-2027-04-01_2027-04-30.csv", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var rows = Pages.Csv(await response.Content.ReadAsByteArrayAsync()); // throws without the byte order mark
        Assert.Equal(Text("BillingHq.Col.Number"), rows[0][1]);
        Assert.Equal(12, rows[0].Count);
        var body = rows.Skip(1).ToList();
        Assert.Equal(4, body.Count); // three invoices issued in April, one credit note
        Assert.All(body, r => Assert.Equal(12, r.Count));
        Assert.All(body, r => Assert.Matches(FrenchAmount(), r[10]));
        var note = Assert.Single(body, r => r[2] == Text("BillingHq.Type.CreditNote"));
        Assert.Equal(fixture.Credited.Number, note[11]);
        Assert.Equal(-fixture.Credited.TotalInclVat, Pages.FrenchNumber(note[10]));
        Assert.Equal(fixture.Paid.TotalInclVat + fixture.Open.TotalInclVat, body.Sum(r => Pages.FrenchNumber(r[10])));
        Assert.Equal(fixture.Paid.CompanyIce, body.Single(r => r[1] == fixture.Paid.Number)[6]);
    }

    [Fact]
    public async Task LinesCsv_April_OneRowPerLineTotallingTheInvoices()
    {
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);

        var rows = Pages.Csv(await hq.GetByteArrayAsync($"/hq/billing/lines.csv?{Range}"));

        await using var db = fixture.Database.CreateContext();
        var lines = await db.InvoiceLines.AsNoTracking().Where(l => db.Invoices.Any(i => i.Id == l.InvoiceId && i.Status == InvoiceStatus.Issued)).ToListAsync();
        Assert.Equal(lines.Count + 1, rows.Count);
        Assert.Equal(Text("BillingHq.Col.InclVat"), rows[0][13]);
        Assert.Equal(lines.Sum(l => l.AmountInclVat), rows.Skip(1).Sum(r => Pages.FrenchNumber(r[13])));
        Assert.Equal(fixture.Paid.TotalInclVat, rows.Skip(1).Where(r => r[0] == fixture.Paid.Number).Sum(r => Pages.FrenchNumber(r[13])));
        var rent = rows.Single(r => r[0] == fixture.Paid.Number && r[4] == Text("LineKind.OfficeRent"));
        Assert.Equal(["2027-03-01", "2027-03-31", "31"], [rent[6], rent[7], rent[8]]);
        Assert.All(rows.Skip(1), r => Assert.Matches(FrenchAmount(), r[10]));
    }

    [Fact]
    public async Task PaymentsCsv_April_OneRowPerAllocationAndOneForTheCredit()
    {
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);

        var rows = Pages.Csv(await hq.GetByteArrayAsync($"/hq/billing/payments.csv?{Range}")).Skip(1).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(fixture.Paid.Number, rows[0][6]);
        Assert.Equal(fixture.Paid.TotalInclVat, Pages.FrenchNumber(rows[0][7]));
        Assert.Equal(string.Empty, rows[1][6]); // the over-payment: the company's credit
        Assert.Equal(fixture.PaymentAmount - fixture.Paid.TotalInclVat, Pages.FrenchNumber(rows[1][7]));
        Assert.All(rows, r => Assert.Equal(fixture.PaymentAmount, Pages.FrenchNumber(r[5])));
        Assert.Equal(Text("PaymentMethod.Transfer"), rows[0][3]);
    }

    [Theory]
    [InlineData("invoices.csv", "from=2027-05-01&to=2027-04-01", "Order")]
    [InlineData("lines.csv", "from=2027-13-01", "From")]
    [InlineData("payments.csv", "to=tomorrow", "To")]
    public async Task Csv_BadRange_BackToHqBillingWithTheMessage(string file, string query, string error)
    {
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);

        using var response = await hq.GetAsync($"/hq/billing/{file}?{query}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/hq/billing?", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var page = await hq.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"data-error=\"{error}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HqBilling_BadDay_ShowsTodayWithTheMessage()
    {
        using var hq = await Personas.ClientAsync(fixture.Factory, Persona.NetworkAdmin);

        using var response = await hq.GetAsync("/hq/billing?on=2027-02-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Matches("<span id=\"on-error\"[^>]*>[^<]+</span>", page);
        Assert.Contains($"data-month=\"{April}\"", page, StringComparison.Ordinal); // today's month
        using var summary = await hq.GetAsync("/manage/tanger/billing/summary?on=nope");
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
    }

    [Theory]
    [InlineData(Persona.ManagerTanger, "/hq/billing", HttpStatusCode.Forbidden)]
    [InlineData(Persona.ManagerTanger, "/hq/billing/invoices.csv", HttpStatusCode.Forbidden)]
    [InlineData(Persona.ManagerTanger, "/manage/tanger/billing/summary", HttpStatusCode.OK)]
    [InlineData(Persona.ManagerOujda, "/manage/tanger/billing/summary", HttpStatusCode.Forbidden)]
    [InlineData(Persona.ReviewerTanger, "/manage/tanger/billing/summary", HttpStatusCode.Forbidden)]
    public async Task BillingFigures_Persona_Answer(Persona persona, string url, HttpStatusCode expected)
    {
        using var client = await Personas.ClientAsync(fixture.Factory, persona);

        using var response = await client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    private string Text(string key, params object[] arguments) => ResourceText.Of(fixture.Factory, key, Cultures.Default, arguments);

    [GeneratedRegex(@"^-?\d+,\d{2}$")]
    private static partial Regex FrenchAmount();

    /// <summary>
    /// Tanger on 12 April 2027 (fake clock): March billed to three companies of D's and issued on the 12th; one invoice paid with
    /// an over-payment the same day, one credited, one left open (due 12 May).
    /// </summary>
    public sealed class Fixture : AppFixture, IAsyncLifetime
    {
        public int SiteId { get; private set; }

        public Invoice Paid { get; private set; } = null!;

        public Invoice Credited { get; private set; } = null!;

        public Invoice Open { get; private set; } = null!;

        public decimal PaymentAmount { get; private set; }

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            Factory.Clock.SetToday(Today);
            await using var db = Database.CreateContext();
            SiteId = await TestBilling.SiteIdAsync(db, "tanger");
            var companies = new List<int>();
            foreach (var (name, code, ice) in new[] { ("Atlas D SARL", "D-101", "001525252000088"), ("Belle D SARL", "D-102", null), ("Cèdre D SARL", "D-103", null) })
            {
                var company = await TestBilling.CompanyAsync(db, "tanger", name, ice);
                await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", code, 3100m), company, new DateOnly(2027, 1, 1));
                companies.Add(company);
            }

            await TestBilling.RunAsync(Factory.Services, "tanger", new BillingMonth(2027, 3));
            await TestBilling.IssueAsync(Factory.Services, "tanger", new BillingMonth(2027, 3));
            var invoices = await db.Invoices.AsNoTracking().Where(i => companies.Contains(i.CompanyId)).ToListAsync();
            (Paid, Credited, Open) = (invoices.Single(i => i.CompanyId == companies[0]), invoices.Single(i => i.CompanyId == companies[1]), invoices.Single(i => i.CompanyId == companies[2]));
            await using (var scope = Factory.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<Invoicing>().CreditAsync(SiteId, Credited.Id, "Erreur de loyer", "test-user", default);
            }

            PaymentAmount = Paid.TotalInclVat + 500m;
            db.Payments.Add(Payment.Record(SiteId, Paid.CompanyId, Today, PaymentMethod.Transfer, "VIR-D-1", PaymentAmount,
                [(new OpenInvoice(Paid.Id, Paid.CompanyId, Paid.TotalInclVat), Paid.TotalInclVat)], Today, "test-user", Factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
    }
}
