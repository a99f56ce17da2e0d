using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Billing;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;
using UglyToad.PdfPig;

namespace Technopark.BrowserTests;

/// <summary>
/// Billing end to end (issue 15), on the pages' contract: a Tanger manager runs March 2027, sees the resident company's draft,
/// issues every draft after the confirmation, finds the invoice numbered in the site's 2027 series, downloads its PDF (number
/// and total inside), records the payment of its total typed in French (decimal comma) and lands on the company's account;
/// the company's owner then sees the invoice paid. The app's clock is frozen on 2 April 2027.
/// </summary>
[Collection(FrozenClockCollection.Name)]
public partial class BillingJourneyTests(BrowserFixture browser)
{
    private const string Billing = "/manage/tanger/billing";
    private static readonly BillingMonth March = new(2027, 3);
    private static readonly DateOnly Today = new(2027, 4, 2);
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    [Fact]
    public async Task Manager_RunsIssuesAndRecordsThePayment_MemberSeesTheInvoicePaid()
    {
        browser.App.Factory.Clock.SetToday(Today);
        var companyId = (await Personas.CompaniesAsync(browser.App.Factory)).Resident;
        await using (var db = browser.App.Database.CreateContext())
        {
            var space = await TestBilling.SpaceAsync(db, "tanger", "F-101", 6000m, SpaceKind.Office, 4);
            await TestBilling.StayAsync(db, space, companyId, March.First, March.End);
        }

        // The run: the resident company's draft is in the preview with its total (6,000 HT + 20 % VAT).
        var manager = await SignedInAsync(Persona.ManagerTanger);
        await manager.GotoAsync($"{Billing}?month={March}");
        await manager.Locator("#run-submit").ClickAsync();
        var draft = manager.Locator($"[data-draft][data-company=\"{companyId}\"]");
        await Assertions.Expect(draft).ToBeVisibleAsync();
        Assert.Equal("7200.00", await draft.GetAttributeAsync("data-total"));

        // Issue all, confirmed: the invoices list of the month shows it with a number of the site's 2027 series.
        await manager.Locator("#issue-all").ClickAsync();
        await manager.Locator("#confirm-issue").ClickAsync();
        await manager.ArriveAsync($"**{Billing}/invoices?month={March}*");
        long invoiceId;
        await using (var db = browser.App.Database.CreateContext())
        {
            invoiceId = await db.Invoices.AsNoTracking()
                .Where(i => i.CompanyId == companyId && i.Year == March.Year && i.Month == March.Month && i.Status == InvoiceStatus.Issued)
                .Select(i => i.Id).SingleAsync();
        }

        var row = manager.Locator($"[data-invoice=\"{invoiceId}\"][data-number^=\"TNG-2027-\"]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        var number = await row.GetAttributeAsync("data-number");
        await row.GetByRole(AriaRole.Link, new() { Name = number! }).First.ClickAsync();
        await manager.ArriveAsync($"**{Billing}/invoices/{invoiceId}");
        await Assertions.Expect(manager.Locator("#invoice-state")).ToHaveAttributeAsync("data-state", nameof(InvoiceState.Open));

        // The PDF: its text holds the number and the total (spaces aside: PDF text extraction keeps or drops them).
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.Locator("a#invoice-pdf").ClickAsync());
        Assert.Equal($"{number}.pdf", download.SuggestedFilename);
        using (var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(await download.PathAsync())))
        {
            var text = Spaces().Replace(string.Concat(pdf.GetPages().Select(p => p.Text)), string.Empty);
            Assert.Contains(number!, text, StringComparison.Ordinal);
            Assert.Contains(7200m.ToString("0.00", French), text, StringComparison.Ordinal);
        }

        // The payment of the total, typed the French way, received today by transfer; then the company's account.
        await manager.Locator("a#record-payment").ClickAsync();
        await manager.ArriveAsync($"**{Billing}/payments/new?*");
        await manager.Locator("[name='Input.ReceivedOn']").FillAsync(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await ChooseAsync(manager.Locator("[name='Input.Method']"), PaymentMethod.Transfer);
        await manager.Locator("[name='Input.Reference']").FillAsync("VIR F-2027-03");
        await manager.Locator("[name='Input.Amount']").FillAsync("7200,00");
        await manager.Locator("#payment-submit").ClickAsync();
        await manager.ArriveAsync($"**{Billing}/companies/{companyId}*");
        await Assertions.Expect(manager.Locator("#account-balance")).ToHaveAttributeAsync("data-value", "0.00");
        await Assertions.Expect(manager.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();

        // The owner of the company sees the invoice paid among its invoices.
        var owner = await SignedInAsync(Persona.CompanyOwner);
        await owner.GotoAsync($"/company/{companyId}/invoices");
        await Assertions.Expect(owner.Locator($"[data-invoice=\"{invoiceId}\"][data-state=\"{nameof(InvoiceState.Paid)}\"]")).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator($"a[data-pdf=\"{invoiceId}\"]")).ToBeVisibleAsync();
    }

    /// <summary>Picks the method in a select or among radio buttons, whichever the form uses, by its name or its number as value.</summary>
    private static async Task ChooseAsync(ILocator field, PaymentMethod method)
    {
        string[] values = [method.ToString(), ((int)method).ToString(CultureInfo.InvariantCulture)];
        if (await field.First.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            var options = await field.First.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
            await field.First.SelectOptionAsync(values.First(options.Contains));
        }
        else
        {
            var radios = await field.EvaluateAllAsync<string[]>("rs => rs.map(r => r.value)");
            await field.And(field.Page.Locator($"[value='{values.First(radios.Contains)}']")).CheckAsync();
        }
    }

    private async Task<IPage> SignedInAsync(Persona persona)
    {
        await Personas.EnsureAsync(browser.App.Factory, persona);
        var context = await browser.NewContextAsync(new() { Locale = "fr-FR", AcceptDownloads = true });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c%3Dfr%7Cuic%3Dfr", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, Personas.Email(persona), Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        return page;
    }

    [GeneratedRegex(@"\s")]
    private static partial Regex Spaces();
}
