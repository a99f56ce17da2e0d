using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Technopark.Domain.Billing;
using Technopark.Domain.Companies;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;
using Technopark.Web;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Billing;
using UglyToad.PdfPig;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// Invoice and credit-note PDFs (read back with PdfPig: what they say, in French, with the stored amounts), who may download
/// them, the company's invoices page (states and balance from the receivables) and the billing address (engineer B, issue 15).
/// </summary>
public class InvoicePdfTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly BillingMonth February = new(2027, 2);
    private static readonly BillingMonth March = new(2027, 3);
    private static readonly DateOnly IssueDay = new(2027, 4, 2);

    [Fact]
    public async Task InvoicePdf_ManagerDownload_SaysNumberIssuerCompanyLinesTotalsDueDateAndRibInFrench()
    {
        app.Factory.Clock.SetToday(IssueDay);
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Contenu SARL", "001234567000089");
        await AddressAsync(db, company, "12, rue B du Détroit\n90000 Tanger");
        var office = await TestBilling.SpaceAsync(db, "tanger", "B-101", 3100m);
        var coworking = await TestBilling.SpaceAsync(db, "tanger", "B-CW1", 600m, SpaceKind.Coworking, seats: 10);
        await TestBilling.StayAsync(db, office, company, new DateOnly(2027, 3, 10));
        await TestBilling.StayAsync(db, coworking, company, new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 16), seats: 3);
        var invoice = await IssueAsync(db, company, March);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var response = await manager.GetAsync($"/manage/tanger/billing/invoices/{invoice.Id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PdfFile.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{invoice.Number}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = Squeeze(PdfText(await response.Content.ReadAsByteArrayAsync()));
        var issuer = app.Factory.Services.GetRequiredService<IOptions<BillingOptions>>().Value.Issuer;
        var expected = French(l =>
        {
            List<string> says =
            [
                l["BillingPdf.Invoice"], l["BillingPdf.Number", invoice.Number!], l["BillingPdf.Ice", issuer.Ice], issuer.Name,
                invoice.CompanyName!, l["BillingPdf.Ice", invoice.CompanyIce!], "12, rue B du Détroit", "90000 Tanger",
                l["BillingPdf.DueOn", Display.Day(invoice.DueOn)], l["BillingPdf.IssuedOn", Display.Day(invoice.IssuedOn)],
                l["BillingPdf.Month", BillingText.Month(March)], l["BillingPdf.Rib", issuer.Rib],
                l["BillingPdf.PayBefore", Display.Day(invoice.DueOn), invoice.Number!],
                $"{l["BillingPdf.TotalExclVat"]}{l.Money(invoice.TotalExclVat)}", $"{l.Money(invoice.TotalVat)}",
                $"{l["BillingPdf.TotalInclVat"]}{l.Money(invoice.TotalInclVat)}", l["BillingPdf.Page", 1, 1],
            ];
            says.AddRange(invoice.Lines.Select(line => l.Describe(line) + l.Quantity(line)));
            says.AddRange(invoice.Lines.Select(line => Amount(line.AmountExclVat) + line.VatPercent.ToString("0.##", Display.NumbersOf(Cultures.Supported[0])) + "%" + Amount(line.VatAmount) + Amount(line.AmountInclVat)));
            return says;
        });
        Assert.Equal(2, invoice.Lines.Count);
        Assert.All(expected, s => Assert.Contains(Squeeze(s), text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvoicePdf_SixtyLines_SpansPagesNumberedAndEveryLineIsThere()
    {
        app.Factory.Clock.SetToday(IssueDay);
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Services SARL");
        var siteId = await TestBilling.SiteIdAsync(db, "tanger");
        var labels = Enumerable.Range(1, 60).Select(i => $"Service B-{i:00} : impression et reliure du dossier de présentation n° {i}").ToList();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var invoicing = scope.ServiceProvider.GetRequiredService<Invoicing>();
            foreach (var label in labels)
            {
                await invoicing.AddServiceAsync(siteId, company, March, label, 2.5m, 123.45m, CancellationToken.None);
            }
        }

        var invoice = await IssueAsync(db, company, March);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        var bytes = await manager.GetByteArrayAsync($"/manage/tanger/billing/invoices/{invoice.Id}/pdf");

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2, $"{pdf.NumberOfPages} page(s)");
        var pages = pdf.GetPages().Select(p => Squeeze(p.Text)).ToList();
        var text = string.Concat(pages);
        Assert.All(labels, label => Assert.Contains(Squeeze(label), text, StringComparison.Ordinal));
        var pageOf = French(l => Enumerable.Range(1, pages.Count).Select(i => Squeeze(l["BillingPdf.Page", i, pages.Count])).ToList());
        Assert.All(pages.Zip(pageOf), p => Assert.Contains(p.Second, p.First, StringComparison.Ordinal));
        Assert.Contains(Squeeze(French(l => l.Money(invoice.TotalInclVat))), pages[^1], StringComparison.Ordinal);
        Assert.Equal(60 * Money.Round(2.5m * 123.45m), invoice.TotalExclVat);
    }

    [Fact]
    public async Task CreditNotePdf_SaysItsNumberTheInvoiceItCancelsTheReasonAndTotals()
    {
        app.Factory.Clock.SetToday(IssueDay);
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Avoir SARL");
        var office = await TestBilling.SpaceAsync(db, "tanger", "B-102", 2000m);
        await TestBilling.StayAsync(db, office, company, new DateOnly(2027, 3, 1));
        var invoice = await IssueAsync(db, company, March);
        CreditNote note;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            note = await scope.ServiceProvider.GetRequiredService<Invoicing>()
                .CreditAsync(invoice.SiteId, invoice.Id, "Loyer facturé deux fois", "test-user", CancellationToken.None);
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using var response = await manager.GetAsync($"/manage/tanger/billing/credit-notes/{note.Id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{note.Number}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = Squeeze(PdfText(await response.Content.ReadAsByteArrayAsync()));
        var expected = French(l => new[]
        {
            l["BillingPdf.CreditNote"].Value, l["BillingPdf.Number", note.Number], l["BillingPdf.Cancels", invoice.Number!, Display.Day(invoice.IssuedOn)],
            l["BillingPdf.Reason", "Loyer facturé deux fois"], l.Describe(invoice.Lines.Single()), $"{l["BillingPdf.TotalInclVat"]}{l.Money(note.TotalInclVat)}",
        });
        Assert.All(expected, s => Assert.Contains(Squeeze(s), text, StringComparison.Ordinal));
        Assert.DoesNotContain(Squeeze(French(l => l["BillingPdf.Invoice"].Value)) + Squeeze(French(l => l["BillingPdf.Number", invoice.Number!].Value)), text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdfs_OnlyTheSitesManagersAndTheCompanysReaders_DraftsAndOthersDocumentsAreUnknown()
    {
        app.Factory.Clock.SetToday(IssueDay);
        var companies = await Personas.CompaniesAsync(app.Factory);
        await using var db = app.Database.CreateContext();
        var office = await TestBilling.SpaceAsync(db, "tanger", "B-103", 4000m);
        await TestBilling.StayAsync(db, office, companies.Resident, new DateOnly(2027, 2, 1), new DateOnly(2027, 4, 1));
        var invoice = await IssueAsync(db, companies.Resident, February);
        await TestBilling.RunAsync(app.Factory.Services, "tanger", March);
        var draft = await db.Invoices.AsNoTracking().SingleAsync(i => i.CompanyId == companies.Resident && i.Month == 3 && i.Status == InvoiceStatus.Draft);
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        using var other = await Personas.ClientAsync(app.Factory, Persona.OtherCompanyOwner);
        using var oujda = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        using var mine = await owner.GetAsync($"/company/{companies.Resident}/invoices/{invoice.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(PdfFile.ContentType, mine.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Squeeze(invoice.Number!), Squeeze(PdfText(await mine.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);

        (HttpClient Client, string Url, HttpStatusCode Expected)[] cases =
        [
            (other, $"/company/{companies.Resident}/invoices/{invoice.Id}/pdf", HttpStatusCode.Forbidden),
            (other, $"/company/{companies.Other}/invoices/{invoice.Id}/pdf", HttpStatusCode.NotFound),
            (owner, $"/company/{companies.Resident}/invoices/{draft.Id}/pdf", HttpStatusCode.NotFound),
            (oujda, $"/manage/tanger/billing/invoices/{invoice.Id}/pdf", HttpStatusCode.Forbidden),
            (oujda, $"/manage/oujda/billing/invoices/{invoice.Id}/pdf", HttpStatusCode.NotFound),
            (manager, $"/manage/tanger/billing/invoices/{draft.Id}/pdf", HttpStatusCode.NotFound),
            (owner, $"/manage/tanger/billing/invoices/{invoice.Id}/pdf", HttpStatusCode.Forbidden),
        ];
        foreach (var (client, url, expected) in cases)
        {
            using var response = await client.GetAsync(url);
            Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    [Fact]
    public async Task InvoicesPage_PaidAndOverdueStatesBalanceAndPdfLinks()
    {
        app.Factory.Clock.SetToday(IssueDay);
        var companies = await Personas.CompaniesAsync(app.Factory);
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", "Atlas B Compte SARL");
        await Personas.EnsureAsync(app.Factory, Persona.CompanyOwner);
        db.CompanyMembers.Add(CompanyMember.Create(company, await UserIdAsync(db, Persona.CompanyOwner), CompanyRole.Owner, app.Factory.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        var office = await TestBilling.SpaceAsync(db, "tanger", "B-104", 3000m);
        await TestBilling.StayAsync(db, office, company, new DateOnly(2027, 2, 1), new DateOnly(2027, 4, 1));
        var paid = await IssueAsync(db, company, February);
        var overdue = await IssueAsync(db, company, March);
        db.Payments.Add(Payment.Record(paid.SiteId, company, IssueDay, PaymentMethod.Transfer, "VIR B-1", paid.TotalInclVat,
            [(new OpenInvoice(paid.Id, company, paid.TotalInclVat), paid.TotalInclVat)], IssueDay, "test-user", app.Factory.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
        app.Factory.Clock.SetToday(overdue.DueOn!.Value.AddDays(1));
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);

        var html = await owner.GetStringAsync($"/company/{company}/invoices");

        Assert.Contains($"data-invoice=\"{paid.Id}\" data-state=\"{InvoiceState.Paid}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-invoice=\"{overdue.Id}\" data-state=\"{InvoiceState.Overdue}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-pdf=\"{paid.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/company/{company}/invoices/{overdue.Id}/pdf\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-value=\"{overdue.TotalInclVat.ToString("0.00", CultureInfo.InvariantCulture)}\"", ResourceText.Tag(html, "company-balance"),
            StringComparison.Ordinal);
        Assert.NotNull(ResourceText.Tag(html, "company-overdue-alert"));
        Assert.Contains(app.Factory.Services.GetRequiredService<IOptions<BillingOptions>>().Value.Issuer.Rib, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/company/{companies.Resident}/invoices\"", await owner.GetStringAsync($"/company/{companies.Resident}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BillingAddress_MembersOnTheProfileAndManagersOnTheCompanyPage_TooLongIsRefusedBesideTheField()
    {
        var id = (await Personas.CompaniesAsync(app.Factory)).Resident;
        using var owner = await Personas.ClientAsync(app.Factory, Persona.CompanyOwner);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var tooLong = new string('a', Company.AddressMaxLength + 1);
        var message = ResourceText.Of(app.Factory, "Company.AddressTooLong", arguments: Company.AddressMaxLength);
        await using var db = app.Database.CreateContext();
        var sector = await db.Companies.Where(c => c.Id == id).Select(c => c.Sector).SingleAsync();

        using var refused = await Personas.PostFormAsync(owner, $"/company/{id}/profile", new()
        {
            ["Input.Sector"] = sector, ["Input.BillingAddress"] = tooLong,
        });
        using var refusedStaff = await Personas.PostFormAsync(manager, $"/manage/tanger/companies/{id}?handler=BillingAddress", new()
        {
            ["BillingAddress"] = tooLong,
        }, $"/manage/tanger/companies/{id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (refused.StatusCode, refusedStaff.StatusCode));
        Assert.Contains(message, ResourceText.Inner(await refused.Content.ReadAsStringAsync(), "Input_BillingAddress-error"), StringComparison.Ordinal);
        Assert.Contains(message, ResourceText.Inner(await refusedStaff.Content.ReadAsStringAsync(), "BillingAddress-error"), StringComparison.Ordinal);
        Assert.Null(await db.Companies.Where(c => c.Id == id).Select(c => c.BillingAddress).SingleAsync());

        using var saved = await Personas.PostFormAsync(owner, $"/company/{id}/profile", new()
        {
            ["Input.Sector"] = sector, ["Input.BillingAddress"] = "  7, avenue B\nTanger  ",
        });
        using var savedStaff = await Personas.PostFormAsync(manager, $"/manage/tanger/companies/{id}?handler=BillingAddress", new()
        {
            ["BillingAddress"] = "9, boulevard B\nTanger",
        }, $"/manage/tanger/companies/{id}");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (saved.StatusCode, savedStaff.StatusCode));
        Assert.Equal("9, boulevard B\nTanger", await db.Companies.Where(c => c.Id == id).Select(c => c.BillingAddress).SingleAsync());
        var key = id.ToString(CultureInfo.InvariantCulture);
        var audited = await db.AuditLog.Where(a => a.Action == "company.profile.updated" && a.EntityId == key).Select(a => a.After!).ToListAsync();
        Assert.Contains(audited, a => a.Contains("7, avenue B", StringComparison.Ordinal));
        Assert.Contains(audited, a => a.Contains("9, boulevard B", StringComparison.Ordinal));
    }

    /// <summary>Runs the month and issues the company's draft only; the invoice as stored, with its lines.</summary>
    private async Task<Invoice> IssueAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db, int company, BillingMonth month)
    {
        await TestBilling.RunAsync(app.Factory.Services, "tanger", month);
        var draft = await db.Invoices.AsNoTracking()
            .SingleAsync(i => i.CompanyId == company && i.Year == month.Year && i.Month == month.Month && i.Status == InvoiceStatus.Draft);
        await TestBilling.IssueAsync(app.Factory.Services, "tanger", month, [draft.Id]);
        return await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == draft.Id);
    }

    private static async Task AddressAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db, int companyId, string address)
    {
        var company = await db.Companies.SingleAsync(c => c.Id == companyId);
        company.SetBillingAddress(address);
        await db.SaveChangesAsync();
    }

    private static Task<string> UserIdAsync(Technopark.Infrastructure.Data.TechnoparkDbContext db, Persona persona) =>
        db.Users.Where(u => u.Email == Personas.Email(persona)).Select(u => u.Id).SingleAsync();

    /// <summary>What the app's French resources say (the PDFs are always in French), with French numbers.</summary>
    private T French<T>(Func<IStringLocalizer, T> say)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Cultures.Supported[0];
        try
        {
            return say(app.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private static string Amount(decimal amount) => amount.ToString("N2", Display.NumbersOf(Cultures.Supported[0]));

    private static string PdfText(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Concat(pdf.GetPages().Select(p => p.Text));
    }

    /// <summary>Text without any kind of space: how a PDF spaces words (and which space it uses) is no part of what it says.</summary>
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F'));
}
