using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Billing;
using Technopark.Domain.Common;
using Technopark.Domain.Companies;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;
using Technopark.Web.Identity;
using Technopark.Web.Localization;
using Technopark.Web.Pages.Manage.Billing;

namespace Technopark.IntegrationTests.Billing;

/// <summary>
/// Payments (partial, over two invoices, over-payment as credit, credit used), the payment form's field errors with nothing saved,
/// credit notes refused after a payment, aged receivables on past days, and reminders once a week in each member's language.
/// Companies and spaces of these tests are prefixed "C" (engineer C).
/// </summary>
public partial class PaymentsAndAgingTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Invoices are issued that day, due 30 days later: 2027-03-01.</summary>
    private static readonly DateOnly IssuedOn = new(2027, 1, 30);

    private static readonly BillingMonth December = new(2026, 12);

    private static readonly BillingMonth January = new(2027, 1);

    [Fact]
    public async Task Payments_PartialOverTwoInvoicesOverpaidThenCreditUsed_StatesOpenAmountsAndCredit()
    {
        var company = await CompanyWithStayAsync("C-101", "Atlas C Paiements SARL");
        var first = await InvoiceAsync(company, December, IssuedOn);
        var second = await InvoiceAsync(company, January, IssuedOn);
        var total = await TotalAsync(first);
        Assert.Equal(total, await TotalAsync(second));

        await RecordAsync(company, 1000m, [new(first, 1000m)]);
        Assert.Equal((InvoiceState.PartlyPaid, total - 1000m), await StateAsync(first));

        // One payment: the rest of the first invoice and 500 of the second.
        var both = await RecordAsync(company, total - 500m, [new(first, total - 1000m), new(second, 500m)]);
        Assert.Equal((total - 500m, 0m), (both.Applied, both.Credit));
        Assert.Equal((InvoiceState.Paid, 0m), await StateAsync(first));
        Assert.Equal((InvoiceState.PartlyPaid, total - 500m), await StateAsync(second));

        // An over-payment with no share named: the open invoice takes what it lacks, the rest is the company's credit.
        var over = await RecordAsync(company, 2 * total, []);
        Assert.Equal((total - 500m, total + 500m), (over.Applied, over.Credit));
        Assert.Equal((InvoiceState.Paid, 0m), await StateAsync(second));
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var account = await manager.GetStringAsync($"/manage/tanger/billing/companies/{company}");
        Assert.Equal(Data(total + 500m), Value(account, "account-credit"));
        Assert.Equal(Data(-(total + 500m)), Value(account, "account-balance"));

        // February's invoice is paid with the credit (the oldest payments first), 500 are left.
        var third = await InvoiceAsync(company, new BillingMonth(2027, 2), new DateOnly(2027, 3, 5));
        Assert.Equal((InvoiceState.Open, total), await StateAsync(third));
        using var later = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger); // signed in again: the clock moved on
        var accountUrl = $"/manage/tanger/billing/companies/{company}";
        var useForm = new Dictionary<string, string> { ["Use.InvoiceId"] = third.ToString(CultureInfo.InvariantCulture), ["Use.Amount"] = French(total) };
        using (var ask = await Personas.PostFormAsync(later, $"{accountUrl}?handler=UseCredit", new(useForm), accountUrl))
        {
            Assert.NotNull(ResourceText.Tag(await ask.Content.ReadAsStringAsync(), "confirm-use-credit"));
        }

        Assert.Equal((InvoiceState.Open, total), await StateAsync(third)); // nothing used before the confirmation
        useForm["Use.Confirmed"] = "true";
        using (var use = await Personas.PostFormAsync(later, $"{accountUrl}?handler=UseCredit", useForm, accountUrl))
        {
            Assert.Equal(HttpStatusCode.Redirect, use.StatusCode);
        }

        Assert.Equal((InvoiceState.Paid, 0m), await StateAsync(third));
        account = await later.GetStringAsync($"/manage/tanger/billing/companies/{company}");
        Assert.Equal("500.00", Value(account, "account-credit"));
        Assert.Equal("-500.00", Value(account, "account-balance"));
        await using var db = app.Database.CreateContext();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "payment.recorded" && a.EntityId == over.PaymentId.ToString(CultureInfo.InvariantCulture)));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "payment.credit.used" && a.EntityId == third.ToString(CultureInfo.InvariantCulture)));
        var allocations = await db.PaymentAllocations.Where(a => a.InvoiceId == third).OrderBy(a => a.PaymentId).ToListAsync();
        Assert.Equal([(over.PaymentId, total)], allocations.Select(a => (a.PaymentId, a.Amount)));
        Assert.All(allocations, a => Assert.Equal(new DateOnly(2027, 3, 5), a.AppliedOn));
    }

    [Fact]
    public async Task PaymentForm_BadSharesAndAmounts_FieldErrorsAndNothingSaved_ThenSavedWithTheCompanysAccount()
    {
        var company = await CompanyWithStayAsync("C-102", "Atlas C Formulaire SARL");
        var invoice = await InvoiceAsync(company, December, IssuedOn);
        var other = await CompanyWithStayAsync("C-103", "Atlas C Voisine SARL");
        var othersInvoice = await InvoiceAsync(other, December, IssuedOn);
        var total = await TotalAsync(invoice);
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        var form = $"/manage/tanger/billing/payments/new?companyId={company}&invoiceId={invoice}";

        var page = await manager.GetStringAsync(form);
        Assert.Contains($"value=\"{French(total)}\"", ResourceText.Tag(page, "Input_Amount"), StringComparison.Ordinal);
        Assert.Contains($"value=\"{French(total)}\"", ResourceText.Tag(page, "Input_Shares_0__Amount"), StringComparison.Ordinal);
        Assert.Contains($"value=\"{Display.Iso(IssuedOn)}\"", ResourceText.Tag(page, "Input_ReceivedOn"), StringComparison.Ordinal);

        (string Amount, long Share, string ShareAmount, string Field)[] wrong =
        [
            (French(total + 10m), invoice, French(total + 10m), "Input_Shares_0__Amount"), // above what is open
            ("100", invoice, "200", "Input_Shares_0__Amount"), // above the payment
            ("100", othersInvoice, "100", "Input_Shares_0__Amount"), // another company's invoice
            ("12abc", invoice, string.Empty, "Input_Amount"), // unreadable
            ("1.234", invoice, string.Empty, "Input_Amount"), // ambiguous in French
        ];
        foreach (var (amount, share, shareAmount, field) in wrong)
        {
            using var response = await Personas.PostFormAsync(manager, "/manage/tanger/billing/payments/new", Form(company, amount, share, shareAmount), form);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("field-validation-error", html, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", ResourceText.Tag(html, field), StringComparison.Ordinal);
        }

        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.Payments.AnyAsync(p => p.CompanyId == company || p.CompanyId == other));
        }

        using (var saved = await Personas.PostFormAsync(manager, "/manage/tanger/billing/payments/new", Form(company, French(total + 100m), invoice, French(total)), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/manage/tanger/billing/companies/{company}", saved.Headers.Location?.OriginalString);
        }

        var account = await manager.GetStringAsync($"/manage/tanger/billing/companies/{company}");
        Assert.NotNull(ResourceText.Tag(account, "billing-status"));
        Assert.Equal("-100.00", Value(account, "account-balance"));
        Assert.Contains($"data-invoice=\"{invoice}\" data-state=\"Paid\"", account, StringComparison.Ordinal);
        var list = await manager.GetStringAsync($"/manage/tanger/billing/payments?company={company}");
        Assert.Single(Regex.Matches(list, "data-payment=\"\\d+\""));
        Assert.NotNull(ResourceText.Tag(list, "new-payment"));
    }

    [Fact]
    public async Task CreditNote_AfterAPayment_RefusedAndACreditedInvoiceTakesNoPayment()
    {
        var company = await CompanyWithStayAsync("C-104", "Atlas C Avoir SARL");
        var paid = await InvoiceAsync(company, December, IssuedOn);
        var credited = await InvoiceAsync(company, January, IssuedOn);
        await RecordAsync(company, 100m, [new(paid, 100m)]);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            ServiceAsync<Invoicing, CreditNote>(s => s.CreditAsync(SiteId(), paid, "Erreur de loyer", "test-user", CancellationToken.None)));
        Assert.Equal("Billing.CreditPaid", refused.Code);

        await ServiceAsync<Invoicing, CreditNote>(s => s.CreditAsync(SiteId(), credited, "Erreur de loyer", "test-user", CancellationToken.None));
        var share = await Assert.ThrowsAsync<DomainException>(() => RecordAsync(company, 100m, [new(credited, 100m)]));
        Assert.Equal(("BillingPay.ShareCredited", "Shares[0].Amount"), (share.Code, share.Field));
        Assert.Equal(InvoiceState.Credited, (await StateAsync(credited)).State);
    }

    [Fact]
    public async Task Aging_PastAndFutureDays_BucketsFromTheDueDate_PaymentsAndCreditNotesFromTheirDay()
    {
        var late = await CompanyWithStayAsync("C-106", "Atlas C Agee SARL");
        var lateInvoice = await InvoiceAsync(late, December, IssuedOn);
        var cancelled = await CompanyWithStayAsync("C-107", "Atlas C Creditee SARL");
        var cancelledInvoice = await InvoiceAsync(cancelled, December, IssuedOn);
        var total = await TotalAsync(lateInvoice);
        app.Factory.Clock.SetToday(new DateOnly(2027, 4, 10));
        await RecordAsync(late, 500m, [new(lateInvoice, 500m)]);
        await ServiceAsync<Invoicing, CreditNote>(s => s.CreditAsync(SiteId(), cancelledInvoice, "Erreur de loyer", "test-user", CancellationToken.None));
        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);

        (string Day, AgingBucket Bucket, decimal Open)[] expected =
        [
            ("2027-03-01", AgingBucket.NotDue, total),
            ("2027-03-02", AgingBucket.Days1To30, total),
            ("2027-03-31", AgingBucket.Days1To30, total),
            ("2027-04-01", AgingBucket.Days31To60, total),
            ("2027-04-09", AgingBucket.Days31To60, total), // the payment of 04-10 does not count yet
            ("2027-04-10", AgingBucket.Days31To60, total - 500m),
            ("2027-04-30", AgingBucket.Days31To60, total - 500m),
            ("2027-05-01", AgingBucket.Days61To90, total - 500m),
            ("2027-05-30", AgingBucket.Days61To90, total - 500m),
            ("2027-05-31", AgingBucket.Over90, total - 500m),
        ];
        foreach (var (day, bucket, open) in expected)
        {
            var html = await manager.GetStringAsync($"/manage/tanger/billing/aging?on={day}");
            var row = Row(html, $"data-aging-company=\"{late}\"") ?? throw new Xunit.Sdk.XunitException($"{day}: no row for the company");
            Assert.All(Enum.GetValues<AgingBucket>(), b => Assert.True(Cell(row, b) == (b == bucket ? Data(open) : "0.00"), $"{day} {b}: {Cell(row, b)}"));
        }

        var before = await manager.GetStringAsync("/manage/tanger/billing/aging?on=2027-04-09");
        Assert.Equal(Data(total), Cell(Row(before, $"data-aging-company=\"{cancelled}\"")!, AgingBucket.Days31To60));
        var after = await manager.GetStringAsync("/manage/tanger/billing/aging?on=2027-04-10");
        Assert.Null(Row(after, $"data-aging-company=\"{cancelled}\"")); // the credit note counts from its day
        var totals = Row(after, "data-aging-total")!;
        foreach (var bucket in Enum.GetValues<AgingBucket>())
        {
            var sum = Regex.Matches(after, "<tr data-aging-company=\"\\d+\">.*?</tr>", RegexOptions.Singleline).Sum(m => decimal.Parse(Cell(m.Value, bucket), CultureInfo.InvariantCulture));
            Assert.Equal(Data(sum), Cell(totals, bucket));
        }

        using var csv = await manager.GetAsync("/manage/tanger/billing/aging?handler=Export&on=2027-04-10");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Atlas C Agee SARL", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_TwoClicksInAWeekRemindOnce_AgainAfterSevenDays_EachMemberInTheirLanguage_LinkFromThePublicUrl()
    {
        await using var hosted = app.Factory.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", "https://factures.example.ma/portail"));
        var company = await CompanyWithStayAsync("C-108", "Atlas C Relance SARL");
        var invoice = await InvoiceAsync(company, December, IssuedOn);
        var number = await NumberAsync(invoice);
        await MemberAsync(company, Persona.Applicant, "en");
        await MemberAsync(company, Persona.ReviewerTanger, "ar");
        await MemberAsync(company, Persona.OtherCompanyOwner, null);
        var today = new DateOnly(2027, 3, 2); // one day overdue
        app.Factory.Clock.SetToday(today);
        using var manager = await Personas.ClientAsync(hosted, Persona.ManagerTanger);
        const string aging = "/manage/tanger/billing/aging";

        using (var ask = await Personas.PostFormAsync(manager, $"{aging}?handler=Reminders", [], aging))
        {
            var html = await ask.Content.ReadAsStringAsync();
            Assert.NotNull(ResourceText.Tag(html, "confirm-reminders"));
            Assert.Contains($"data-remind-company=\"{company}\"", html, StringComparison.Ordinal);
        }

        await ConfirmAsync(manager);
        await ConfirmAsync(manager); // the same week: skipped
        await using (var db = app.Database.CreateContext())
        {
            var emails = await db.Outbox.Where(m => m.Subject.Contains("Atlas C Relance SARL")).ToListAsync();
            Assert.Equal(3, emails.Count);
            foreach (var (persona, language) in new[] { (Persona.Applicant, "en"), (Persona.ReviewerTanger, "ar"), (Persona.OtherCompanyOwner, "fr") })
            {
                var email = emails.Single(m => m.To == Personas.Email(persona));
                Assert.Equal(ResourceText.Of(app.Factory, "BillingRemind.Subject", language, "Atlas C Relance SARL"), email.Subject);
                Assert.Contains($"https://factures.example.ma/portail/company/{company}/invoices", email.TextBody, StringComparison.Ordinal);
                Assert.Contains(number, email.TextBody, StringComparison.Ordinal);
            }

            Assert.Equal(1, await db.BillingReminders.CountAsync(r => r.CompanyId == company));
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "billing.reminded" && a.EntityId == company.ToString(CultureInfo.InvariantCulture)));
        }

        app.Factory.Clock.SetToday(today.AddDays(6));
        using var sixDaysLater = await Personas.ClientAsync(hosted, Persona.ManagerTanger); // signed in again: the clock moved on
        using (var ask = await Personas.PostFormAsync(sixDaysLater, $"{aging}?handler=Reminders", [], aging))
        {
            var html = await ask.Content.ReadAsStringAsync();
            Assert.Contains($"data-skip-company=\"{company}\" data-next=\"{Display.Iso(today.AddDays(7))}\"", html, StringComparison.Ordinal);
        }

        await ConfirmAsync(sixDaysLater);
        app.Factory.Clock.SetToday(today.AddDays(7));
        using var weekLater = await Personas.ClientAsync(hosted, Persona.ManagerTanger);
        await ConfirmAsync(weekLater);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(6, await db.Outbox.CountAsync(m => m.Subject.Contains("Atlas C Relance SARL")));
            Assert.Equal(2, await db.BillingReminders.CountAsync(r => r.CompanyId == company));
        }
    }

    [Fact]
    public async Task Access_HqCannotPost_AnotherSitesCompanyIs404()
    {
        using var hq = await Personas.ClientAsync(app.Factory, Persona.NetworkAdmin);
        using (var post = await Personas.PostFormAsync(hq, "/manage/tanger/billing/payments/new", new() { ["Input.CompanyId"] = "1", ["Input.Amount"] = "10" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        using (var post = await Personas.PostFormAsync(hq, "/manage/tanger/billing/aging?handler=Reminders", new() { ["confirmed"] = "true" }, "/manage/tanger/billing/payments/new"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        int oujda;
        await using (var db = app.Database.CreateContext())
        {
            oujda = await TestBilling.CompanyAsync(db, "oujda", "Atlas C Oujda SARL");
        }

        using var manager = await Personas.ClientAsync(app.Factory, Persona.ManagerTanger);
        using var response = await manager.GetAsync($"/manage/tanger/billing/companies/{oujda}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task ConfirmAsync(HttpClient manager)
    {
        using var sent = await Personas.PostFormAsync(manager, "/manage/tanger/billing/aging?handler=Reminders", new() { ["confirmed"] = "true" }, "/manage/tanger/billing/aging");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    private static Dictionary<string, string> Form(int company, string amount, long invoice, string share) => new()
    {
        ["ShownCompanyId"] = Id(company),
        ["Input.CompanyId"] = Id(company),
        ["Input.ReceivedOn"] = Display.Iso(IssuedOn),
        ["Input.Method"] = nameof(PaymentMethod.Transfer),
        ["Input.Reference"] = "VIR-C-1",
        ["Input.Amount"] = amount,
        ["Input.Shares[0].InvoiceId"] = invoice.ToString(CultureInfo.InvariantCulture),
        ["Input.Shares[0].Amount"] = share,
    };

    private int SiteId()
    {
        using var db = app.Database.CreateContext();
        return db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).Single();
    }

    /// <summary>A company of Tanger with an office of its own from 2026-12-01 on (a full month's rent each month).</summary>
    private async Task<int> CompanyWithStayAsync(string code, string name)
    {
        await using var db = app.Database.CreateContext();
        var company = await TestBilling.CompanyAsync(db, "tanger", name);
        var office = await TestBilling.SpaceAsync(db, "tanger", code, 3100m);
        await TestBilling.StayAsync(db, office, company, new DateOnly(2026, 12, 1));
        return company;
    }

    /// <summary>Runs the month and issues the company's draft on <paramref name="issuedOn"/>.</summary>
    private async Task<long> InvoiceAsync(int company, BillingMonth month, DateOnly issuedOn)
    {
        app.Factory.Clock.SetToday(issuedOn);
        await TestBilling.RunAsync(app.Factory.Services, "tanger", month);
        await using var db = app.Database.CreateContext();
        var draft = await db.Invoices.Where(i => i.CompanyId == company && i.Year == month.Year && i.Month == month.Month).Select(i => i.Id).SingleAsync();
        Assert.Single(await TestBilling.IssueAsync(app.Factory.Services, "tanger", month, [draft]));
        return draft;
    }

    private async Task<decimal> TotalAsync(long invoice)
    {
        await using var db = app.Database.CreateContext();
        return await db.Invoices.Where(i => i.Id == invoice).Select(i => i.TotalInclVat).SingleAsync();
    }

    private async Task<string> NumberAsync(long invoice)
    {
        await using var db = app.Database.CreateContext();
        return await db.Invoices.Where(i => i.Id == invoice).Select(i => i.Number!).SingleAsync();
    }

    private async Task<(InvoiceState State, decimal Open)> StateAsync(long invoice)
    {
        var today = app.Factory.Clock.Today();
        var day = await ServiceAsync<Receivables, InvoiceOnDay>(r => r.OnDay(null, today).SingleAsync(i => i.InvoiceId == invoice));
        return (InvoiceStates.Of(true, day.Total, day.Credited, day.Paid, day.DueOn, today), day.Open);
    }

    private Task<PaymentRecorded> RecordAsync(int company, decimal amount, IReadOnlyList<PaymentShare> shares) =>
        ServiceAsync<PaymentService, PaymentRecorded>(s => s.RecordAsync(SiteId(), company, app.Factory.Clock.Today(), PaymentMethod.Transfer, "VIR-C", amount, shares,
            "test-user", CancellationToken.None));

    private async Task<T> ServiceAsync<TService, T>(Func<TService, Task<T>> call)
        where TService : notnull
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Adds the persona to the company, reading emails in <paramref name="language"/> (none: French).</summary>
    private async Task MemberAsync(int company, Persona persona, string? language)
    {
        await Personas.EnsureAsync(app.Factory, persona);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(Personas.Email(persona)))!;
        if (language is not null && (await users.GetClaimsAsync(user)).All(c => c.Type != UserLanguage.ClaimType))
        {
            await users.AddClaimAsync(user, new Claim(UserLanguage.ClaimType, language));
        }

        await using var db = app.Database.CreateContext();
        db.CompanyMembers.Add(CompanyMember.Create(company, user.Id, CompanyRole.Member, app.Factory.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Data(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string French(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>The data-value of the element with this id.</summary>
    private static string? Value(string html, string id) =>
        ResourceText.Tag(html, id) is { } tag && DataValue().Match(tag) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The table row carrying <paramref name="marker"/>, or null.</summary>
    private static string? Row(string html, string marker) =>
        Regex.Match(html, $"<tr {Regex.Escape(marker)}[^>]*>.*?</tr>", RegexOptions.Singleline) is { Success: true } m ? m.Value : null;

    private static string Cell(string row, AgingBucket bucket) =>
        Regex.Match(row, $"data-bucket=\"{bucket}\" data-value=\"([^\"]+)\"").Groups[1].Value;

    [GeneratedRegex("data-value=\"([^\"]+)\"")]
    private static partial Regex DataValue();
}
