using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Technopark.Domain.Billing;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// The monthly run, preview, issuing, invoices list and an invoice's page over HTTP as Tanger's manager: run, preview, confirm and
/// issue; services with unreadable inputs; credit notes; HQ reads only; other sites are refused or do not have the invoice.
/// Each test bills its own month with its own companies and spaces ("A-…", "Atlas A …").
/// </summary>
public partial class BillingPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly CultureInfo French = Cultures.Supported.Single(c => c.Name == Cultures.Default);

    [Fact]
    public async Task RunPreviewIssue_ThroughTheConfirmation_InvoicesListShowsTheNumbers()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 2));
        int company;
        await using (var db = app.Database.CreateContext())
        {
            company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Run SARL");
            var office = await TestBilling.SpaceAsync(db, "tanger", "A-101", 3100m);
            await TestBilling.StayAsync(db, office, company, new DateOnly(2027, 3, 1));
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var page = await client.GetStringAsync("/manage/tanger/billing"); // the month before today: March 2027
        Assert.Contains("id=\"run-submit\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-03\"", page, StringComparison.Ordinal);

        using var run = await Personas.PostFormAsync(client, "/manage/tanger/billing?handler=Run", new() { ["Month"] = "2027-03" }, "/manage/tanger/billing");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var preview = await client.GetStringAsync(run.Headers.Location!.OriginalString);
        Assert.Equal(ResourceText.Of(app.Factory, "BillingRun.RunDone", Cultures.Default, "1", "0", "0", "0"), ResourceText.Inner(preview, "billing-status"));
        long draft;
        await using (var db = app.Database.CreateContext())
        {
            draft = await db.Invoices.Where(i => i.CompanyId == company).Select(i => i.Id).SingleAsync();
        }

        Assert.Contains($"data-draft=\"{draft}\" data-company=\"{company}\" data-total=\"3720.00\"", preview, StringComparison.Ordinal); // 3100 + 20 %
        Assert.Contains("id=\"issue-all\"", preview, StringComparison.Ordinal);

        var confirm = await client.GetStringAsync("/manage/tanger/billing?handler=Confirm&month=2027-03");
        Assert.Contains("data-count=\"1\" data-total=\"3720.00\"", confirm, StringComparison.Ordinal);
        Assert.Contains("id=\"confirm-issue\"", confirm, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.Invoices.AnyAsync(i => i.Id == draft && i.Status == InvoiceStatus.Issued)); // nothing issued before the confirmation
        }

        using var issue = await Personas.PostFormAsync(client, "/manage/tanger/billing?handler=Issue",
            new() { ["Month"] = "2027-03", ["InvoiceIds"] = draft.ToString(CultureInfo.InvariantCulture) }, "/manage/tanger/billing?month=2027-03");
        Assert.Equal(HttpStatusCode.Redirect, issue.StatusCode);
        Assert.Equal("/manage/tanger/billing/invoices?month=2027-03", issue.Headers.Location!.OriginalString);
        var list = await client.GetStringAsync(issue.Headers.Location.OriginalString);
        string number;
        await using (var db = app.Database.CreateContext())
        {
            number = (await db.Invoices.SingleAsync(i => i.Id == draft)).Number!;
        }

        Assert.Matches(@"^TNG-2027-\d{6}$", number);
        Assert.Equal(ResourceText.Of(app.Factory, "BillingRun.IssuedOne", Cultures.Default, number), ResourceText.Inner(list, "billing-status"));
        Assert.Contains($"data-invoice=\"{draft}\" data-number=\"{number}\" data-state=\"Open\"", list, StringComparison.Ordinal);
        Assert.Contains($"data-invoice=\"{draft}\"", await client.GetStringAsync("/manage/tanger/billing/invoices?state=Open&company=atlas%20a%20run"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-invoice=\"{draft}\"", await client.GetStringAsync("/manage/tanger/billing/invoices?state=Paid"), StringComparison.Ordinal);
        Assert.DoesNotContain($"data-invoice=\"{draft}\"", await client.GetStringAsync("/manage/tanger/billing/invoices?month=2027-02"), StringComparison.Ordinal);
        Assert.Contains("id=\"filter-rejected\"", await client.GetStringAsync("/manage/tanger/billing/invoices?state=Nope&year=abc"), StringComparison.Ordinal);

        var detail = await client.GetStringAsync($"/manage/tanger/billing/invoices/{draft}");
        Assert.Contains("data-state=\"Open\"", ResourceText.Tag(detail, "invoice-state"), StringComparison.Ordinal);
        Assert.NotNull(ResourceText.Tag(detail, "invoice-pdf"));
        Assert.NotNull(ResourceText.Tag(detail, "record-payment"));
        Assert.NotNull(ResourceText.Tag(detail, "credit"));
        var after = await client.GetStringAsync("/manage/tanger/billing?month=2027-03");
        Assert.DoesNotContain($"data-draft=\"{draft}\"", after, StringComparison.Ordinal);
        Assert.Contains("data-issued=\"1\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAndRemoveService_UnreadableInputs_FieldErrorsAndNothingSaved()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 6, 3));
        int company;
        await using (var db = app.Database.CreateContext())
        {
            company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Services SARL");
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        const string Run = "/manage/tanger/billing?month=2027-05";
        Dictionary<string, string> Service(string label, string quantity, string price) => new()
        {
            ["Month"] = "2027-05",
            ["Input.CompanyId"] = company.ToString(CultureInfo.InvariantCulture),
            ["Input.Label"] = label,
            ["Input.Quantity"] = quantity,
            ["Input.UnitPrice"] = price,
        };

        using var bad = await Personas.PostFormAsync(client, "/manage/tanger/billing?handler=Service", Service("", "abc", "-3"), Run);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(ResourceText.Of(app.Factory, "Billing.LabelRequired", Cultures.Default, InvoiceLine.LabelMaxLength), Forms.FieldError(html, "Input.Label"));
        Assert.Equal(ResourceText.Of(app.Factory, "Reporting.Number.Invalid", Cultures.Default, 2, "-", NumberInput.Example(French, 2)),
            Forms.FieldError(html, "Input.Quantity"));
        Assert.Equal(ResourceText.Of(app.Factory, "Reporting.Number.Negative"), Forms.FieldError(html, "Input.UnitPrice"));
        using var noCompany = await Personas.PostFormAsync(client, "/manage/tanger/billing?handler=Service",
            new(Service("Domiciliation", "1", "100")) { ["Input.CompanyId"] = "0" }, Run);
        Assert.Equal(ResourceText.Of(app.Factory, "BillingRun.CompanyRequired"), Forms.FieldError(await noCompany.Content.ReadAsStringAsync(), "Input.CompanyId"));
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.Invoices.AnyAsync(i => i.CompanyId == company));
        }

        using var good = await Personas.PostFormAsync(client, "/manage/tanger/billing?handler=Service", Service("Domiciliation", "1,5", "200"), Run);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        long draft, line;
        await using (var db = app.Database.CreateContext())
        {
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.CompanyId == company);
            var service = Assert.Single(invoice.Lines);
            Assert.Equal((1.5m, 300m, InvoiceStatus.Draft), (service.Quantity, service.AmountExclVat, invoice.Status));
            (draft, line) = (invoice.Id, service.Id);
        }

        var invoicePage = $"/manage/tanger/billing/invoices/{draft}";
        using var zero = await Personas.PostFormAsync(client, invoicePage + "?handler=Service",
            new() { ["Input.Label"] = "Impressions", ["Input.Quantity"] = "0", ["Input.UnitPrice"] = "12,50" }, invoicePage);
        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.NotEmpty(Forms.FieldError(await zero.Content.ReadAsStringAsync(), "Input.Quantity")); // the domain's rule, next to the field
        using var tooManyDecimals = await Personas.PostFormAsync(client, invoicePage + "?handler=Service",
            new() { ["Input.Label"] = "Impressions", ["Input.Quantity"] = "2", ["Input.UnitPrice"] = "12,505" }, invoicePage);
        Assert.Equal(ResourceText.Of(app.Factory, "Reporting.Number.TooManyDecimals", Cultures.Default, 2),
            Forms.FieldError(await tooManyDecimals.Content.ReadAsStringAsync(), "Input.UnitPrice"));
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await db.InvoiceLines.CountAsync(l => l.InvoiceId == draft));
        }

        var confirm = await client.GetStringAsync($"{invoicePage}?confirm=remove&lineId={line}");
        Assert.NotNull(ResourceText.Tag(confirm, "confirm-remove"));
        using var removed = await Personas.PostFormAsync(client, invoicePage + "?handler=Remove",
            new() { ["lineId"] = line.ToString(CultureInfo.InvariantCulture) }, invoicePage);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal("/manage/tanger/billing?month=2027-05", removed.Headers.Location!.OriginalString); // nothing left: the draft is gone
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.Invoices.AnyAsync(i => i.CompanyId == company));
        }
    }

    [Fact]
    public async Task Credit_WithoutReasonThenConfirmed_StateCreditedAndTheRunDraftsTheStayAnew()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 8, 2));
        var july = new BillingMonth(2027, 7);
        int company;
        await using (var db = app.Database.CreateContext())
        {
            company = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Avoir SARL");
            var office = await TestBilling.SpaceAsync(db, "tanger", "A-201", 2000m);
            await TestBilling.StayAsync(db, office, company, new DateOnly(2027, 7, 1));
        }

        await TestBilling.RunAsync(app.Factory.Services, "tanger", july);
        long invoice;
        await using (var db = app.Database.CreateContext())
        {
            invoice = await db.Invoices.Where(i => i.CompanyId == company).Select(i => i.Id).SingleAsync();
        }

        Assert.Single(await TestBilling.IssueAsync(app.Factory.Services, "tanger", july, [invoice]));
        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var url = $"/manage/tanger/billing/invoices/{invoice}";

        using var noReason = await Personas.PostFormAsync(client, url + "?handler=Credit", new() { ["Input.Reason"] = " " }, url);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal(ResourceText.Of(app.Factory, "Billing.CreditReasonRequired", Cultures.Default, CreditNote.ReasonMaxLength),
            Forms.FieldError(await noReason.Content.ReadAsStringAsync(), "Input.Reason"));
        using var review = await Personas.PostFormAsync(client, url + "?handler=CreditReview", new() { ["Input.Reason"] = "Loyer erroné" }, url);
        Assert.NotNull(ResourceText.Tag(await review.Content.ReadAsStringAsync(), "confirm-credit"));
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.CreditNotes.AnyAsync(n => n.InvoiceId == invoice)); // nothing before the confirmation
        }

        using var credit = await Personas.PostFormAsync(client, url + "?handler=Credit", new() { ["Input.Reason"] = "Loyer erroné" }, url);
        Assert.Equal(HttpStatusCode.Redirect, credit.StatusCode);
        var page = await client.GetStringAsync(url);
        CreditNote note;
        await using (var db = app.Database.CreateContext())
        {
            note = await db.CreditNotes.AsNoTracking().SingleAsync(n => n.InvoiceId == invoice);
        }

        Assert.Contains("data-state=\"Credited\"", ResourceText.Tag(page, "invoice-state"), StringComparison.Ordinal);
        Assert.Contains($"data-number=\"{note.Number}\"", ResourceText.Tag(page, "credit-note"), StringComparison.Ordinal);
        Assert.NotNull(ResourceText.Tag(page, "credit-note-pdf"));
        Assert.Null(ResourceText.Tag(page, "record-payment"));
        Assert.Equal("Loyer erroné", ResourceText.Inner(page, "credit-note-reason"));
        var list = await client.GetStringAsync("/manage/tanger/billing/invoices?month=2027-07");
        Assert.Contains($"data-credit-note=\"{note.Id}\"", list, StringComparison.Ordinal);
        Assert.Contains($"data-invoice=\"{invoice}\" data-number=\"", list, StringComparison.Ordinal);
        Assert.Contains("data-state=\"Credited\"", list, StringComparison.Ordinal);

        using var again = await Personas.PostFormAsync(client, url + "?handler=Credit", new() { ["Input.Reason"] = "Encore" }, url);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // already credited: a message, no second note
        var rerun = await TestBilling.RunAsync(app.Factory.Services, "tanger", july);
        Assert.Equal(1, rerun.Created);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await db.CreditNotes.CountAsync(n => n.InvoiceId == invoice));
            var redraft = await db.Invoices.AsNoTracking().Include(i => i.Lines)
                .SingleAsync(i => i.CompanyId == company && i.Status == InvoiceStatus.Draft);
            Assert.Equal(2000m, Assert.Single(redraft.Lines).AmountExclVat);
        }
    }

    [Fact]
    public async Task Access_HqReadsWithoutForms_ItsPostsAndOtherSitesAreRefused_AnotherSitesInvoiceIs404()
    {
        app.Factory.Clock.SetToday(new DateOnly(2027, 10, 5));
        var september = new BillingMonth(2027, 9);
        long oujdaInvoice, tangerDraft;
        await using (var db = app.Database.CreateContext())
        {
            var oujda = await TestBilling.CompanyAsync(db, "oujda", "Atlas A Oujda SARL");
            await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "oujda", "A-OJ1", 1500m), oujda, new DateOnly(2027, 9, 1));
            var tanger = await TestBilling.CompanyAsync(db, "tanger", "Atlas A Lecture SARL");
            await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", "A-301", 1800m), tanger, new DateOnly(2027, 9, 1));
            await TestBilling.RunAsync(app.Factory.Services, "oujda", september);
            await TestBilling.RunAsync(app.Factory.Services, "tanger", september);
            oujdaInvoice = await db.Invoices.Where(i => i.CompanyId == oujda).Select(i => i.Id).SingleAsync();
            tangerDraft = await db.Invoices.Where(i => i.CompanyId == tanger).Select(i => i.Id).SingleAsync();
        }

        await TestBilling.IssueAsync(app.Factory.Services, "oujda", september, [oujdaInvoice]);

        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        var run = await hq.GetStringAsync("/manage/tanger/billing?month=2027-09");
        Assert.Contains($"data-draft=\"{tangerDraft}\"", run, StringComparison.Ordinal);
        Assert.Null(ResourceText.Tag(run, "billing-run"));
        Assert.Null(ResourceText.Tag(run, "issue-all"));
        Assert.Null(ResourceText.Tag(run, "service-form"));
        var draftPage = await hq.GetStringAsync($"/manage/tanger/billing/invoices/{tangerDraft}");
        Assert.Null(ResourceText.Tag(draftPage, "service-form"));
        Assert.Null(ResourceText.Tag(draftPage, "issue-draft"));
        using var hqRun = await Personas.PostFormAsync(hq, "/manage/tanger/billing?handler=Run", new() { ["Month"] = "2027-09" }, "/manage/tanger/billing");
        Assert.Equal(HttpStatusCode.Forbidden, hqRun.StatusCode);
        using var hqIssue = await Personas.PostFormAsync(hq, $"/manage/tanger/billing/invoices/{tangerDraft}?handler=Issue", new(), "/manage/tanger/billing");
        Assert.Equal(HttpStatusCode.Forbidden, hqIssue.StatusCode);

        using var oujdaManager = await Personas.ClientAsync(app.Factory, Persona.ManagerOujda);
        Assert.Equal(HttpStatusCode.Forbidden, (await oujdaManager.GetAsync("/manage/tanger/billing")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oujdaManager.GetAsync($"/manage/tanger/billing/invoices/{tangerDraft}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oujdaManager.GetAsync($"/manage/oujda/billing/invoices/{oujdaInvoice}")).StatusCode);

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/manage/tanger/billing/invoices/{oujdaInvoice}")).StatusCode);
        using var credit = await Personas.PostFormAsync(manager, $"/manage/tanger/billing/invoices/{oujdaInvoice}?handler=Credit",
            new() { ["Input.Reason"] = "Pas chez nous" }, "/manage/tanger/billing");
        Assert.Equal(HttpStatusCode.NotFound, credit.StatusCode);
        var bad = await manager.GetStringAsync("/manage/tanger/billing?month=2027-13");
        Assert.NotNull(ResourceText.Tag(bad, "month-rejected"));
        Assert.Contains("value=\"2027-09\"", bad, StringComparison.Ordinal); // the month before today
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.CreditNotes.AnyAsync(n => n.InvoiceId == oujdaInvoice));
        }
    }

    [Fact]
    public async Task InvoicesList_StateFilters_EachListsTheInvoicesInThatStateOnToday()
    {
        var issuedOn = new DateOnly(2027, 12, 2);
        app.Factory.Clock.SetToday(issuedOn);
        var november = new BillingMonth(2027, 11);
        var companies = new int[4];
        await using (var db = app.Database.CreateContext())
        {
            for (var i = 0; i < companies.Length; i++)
            {
                companies[i] = await TestBilling.CompanyAsync(db, "tanger", $"Atlas A État {i + 1} SARL");
                await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", $"A-40{i + 1}", 1000m), companies[i], november.First, november.End);
            }
        }

        await TestBilling.RunAsync(app.Factory.Services, "tanger", november);
        long[] ids;
        int siteId;
        await using (var db = app.Database.CreateContext())
        {
            siteId = await TestBilling.SiteIdAsync(db, "tanger");
            var byCompany = await db.Invoices.Where(i => companies.Contains(i.CompanyId)).ToDictionaryAsync(i => i.CompanyId, i => i.Id);
            ids = [.. companies.Select(c => byCompany[c])];
        }

        Assert.Equal(4, (await TestBilling.IssueAsync(app.Factory.Services, "tanger", november, ids)).Count);
        await using (var db = app.Database.CreateContext())
        {
            var now = app.Factory.Clock.GetUtcNow();
            db.Payments.Add(Payment.Record(siteId, companies[1], issuedOn, PaymentMethod.Transfer, "VIR-A-2", 500m, [(new OpenInvoice(ids[1], companies[1], 1200m), 500m)],
                issuedOn, "test-user", now));
            db.Payments.Add(Payment.Record(siteId, companies[2], issuedOn, PaymentMethod.Cheque, "CHQ-A-3", 1200m, [(new OpenInvoice(ids[2], companies[2], 1200m), 1200m)],
                issuedOn, "test-user", now));
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Invoicing>().CreditAsync(siteId, ids[3], "Erreur", "test-user", CancellationToken.None);
        }

        var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        async Task<Dictionary<long, string>> ListedAsync(string? state)
        {
            var html = await client.GetStringAsync($"/manage/tanger/billing/invoices?company=Atlas%20A%20%C3%89tat&state={state}");
            return InvoiceRow().Matches(html).Select(m => (Id: long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), State: m.Groups[2].Value))
                .Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id, r => r.State);
        }

        var all = await ListedAsync(null);
        Assert.Equal(["Open", "PartlyPaid", "Paid", "Credited"], ids.Select(id => all[id]));
        foreach (var state in all.Values)
        {
            Assert.Equal(all.Where(r => r.Value == state).Select(r => r.Key).Order(), (await ListedAsync(state)).Keys.Order());
        }

        app.Factory.Clock.SetToday(new DateOnly(2028, 2, 1)); // past the due date (1 January 2028); the session has expired by then
        client.Dispose();
        client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var later = await ListedAsync(null);
        Assert.Equal(["Overdue", "Overdue", "Paid", "Credited"], ids.Select(id => later[id]));
        Assert.Equal([ids[0], ids[1]], (await ListedAsync("Overdue")).Keys.Order());
        Assert.Empty(await ListedAsync("Open"));

        var partly = await client.GetStringAsync($"/manage/tanger/billing/invoices/{ids[1]}");
        Assert.Contains("data-value=\"700.00\"", ResourceText.Tag(partly, "invoice-open"), StringComparison.Ordinal);
        Assert.Contains("data-value=\"500.00\"", partly, StringComparison.Ordinal);
        Assert.NotNull(ResourceText.Tag(partly, "record-payment"));
        Assert.NotNull(ResourceText.Tag(partly, "credit-refused")); // something is paid: no credit note
        Assert.Null(ResourceText.Tag(partly, "credit"));
        client.Dispose();
    }

    [Fact]
    public async Task Issue_CheckedDraftsOnly_TheOthersStayDrafts()
    {
        app.Factory.Clock.SetToday(new DateOnly(2028, 2, 3));
        var companies = new int[2];
        await using (var db = app.Database.CreateContext())
        {
            for (var i = 0; i < companies.Length; i++)
            {
                companies[i] = await TestBilling.CompanyAsync(db, "tanger", $"Atlas A Choix {i + 1} SARL");
                await TestBilling.StayAsync(db, await TestBilling.SpaceAsync(db, "tanger", $"A-50{i + 1}", 900m), companies[i], new DateOnly(2028, 1, 1));
            }
        }

        using var client = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using var run = await Personas.PostFormAsync(client, "/manage/tanger/billing?handler=Run", new() { ["Month"] = "2028-01" }, "/manage/tanger/billing");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var preview = Forms.Decoded(await client.GetStringAsync("/manage/tanger/billing?month=2028-01"));
        Assert.Contains(ResourceText.Of(app.Factory, "BillingText.OfficeRent", Cultures.Default, "A-501", "01/01/2028", "31/01/2028"), preview, StringComparison.Ordinal);
        long[] ids;
        await using (var db = app.Database.CreateContext())
        {
            var byCompany = await db.Invoices.Where(i => companies.Contains(i.CompanyId)).ToDictionaryAsync(i => i.CompanyId, i => i.Id);
            ids = [.. companies.Select(c => byCompany[c])];
        }

        var none = await client.GetStringAsync("/manage/tanger/billing?handler=Confirm&month=2028-01&selected=true");
        Assert.Null(ResourceText.Tag(none, "confirm-issue"));
        Assert.Contains(ResourceText.Of(app.Factory, "BillingRun.NoneSelected"), Forms.Decoded(none), StringComparison.Ordinal);
        var one = await client.GetStringAsync($"/manage/tanger/billing?handler=Confirm&month=2028-01&selected=true&InvoiceIds={ids[0]}");
        Assert.Contains("data-count=\"1\" data-total=\"1080.00\"", ResourceText.Tag(one, "issue-confirmation"), StringComparison.Ordinal);

        using var issue = await Personas.PostFormAsync(client, "/manage/tanger/billing?handler=Issue",
            new() { ["Month"] = "2028-01", ["InvoiceIds"] = ids[0].ToString(CultureInfo.InvariantCulture) }, "/manage/tanger/billing");
        Assert.Equal(HttpStatusCode.Redirect, issue.StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            var states = await db.Invoices.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Status);
            Assert.Equal([InvoiceStatus.Issued, InvoiceStatus.Draft], ids.Select(id => states[id]));
        }
    }

    [GeneratedRegex("data-invoice=\"(\\d+)\" data-number=\"[^\"]*\" data-state=\"(\\w+)\"")]
    private static partial Regex InvoiceRow();
}
