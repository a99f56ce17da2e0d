using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Technopark.Domain.Billing;
using Technopark.Domain.Spaces;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// The billing pages (issue 15) are axe clean (no serious or critical violation) in French, in Arabic (right to left) and on a
/// phone (the page never scrolls sideways): the run with drafts, the invoices list, an invoice, a payment form showing a field
/// error, the payments, a company's account, the aged receivables, the site's summary, HQ's billing and a company's invoices.
/// One set of data for the three (a company with an office from March 2027: March issued on 2 April, April drafted; pages seen
/// on 15 June, March overdue); per language one context for the manager and one for the network admin.
/// </summary>
[Collection(FrozenClockCollection.Name)]
public class BillingPagesTests(BrowserFixture browser)
{
    private const string Billing = "/manage/tanger/billing";
    private const string On = "2027-06-15";
    private static readonly BillingMonth March = new(2027, 3);
    private static readonly SemaphoreSlim Arranged = new(1, 1);
    private static (BrowserFixture App, int CompanyId, long InvoiceId)? _data;

    [Theory]
    [InlineData("ar", 1280, 900)] // Arabic, right to left, on a desktop
    [InlineData("fr", 390, 844)] // French on a phone (the French desktop layout adds nothing axe sees, and CI time is counted)
    public async Task BillingPages_AreAxeClean_InFrenchArabicAndOnAPhone(string language, int width, int height)
    {
        var (companyId, invoiceId) = await ArrangeAsync();
        var manager = await SignedInAsync(Persona.ManagerTanger, language, width, height);
        string[] managerPages =
        [
            $"{Billing}?month={March.Next}",
            $"{Billing}/invoices?month={March}",
            $"{Billing}/invoices/{invoiceId}",
            $"{Billing}/payments",
            $"{Billing}/companies/{companyId}",
            $"{Billing}/aging?on={On}",
            $"{Billing}/summary?on={On}",
            $"/company/{companyId}/invoices",
        ];
        foreach (var path in managerPages)
        {
            await Accessibility.CheckPageAsync(manager, path, language, width);
        }

        // The payment form with a field error: an amount that is not one.
        await Accessibility.CheckPageAsync(manager, $"{Billing}/payments/new?companyId={companyId}&invoiceId={invoiceId}", language, width);
        await manager.Locator("[name='Input.Amount']").FillAsync("douze");
        await manager.Locator("#payment-submit").ClickAsync();
        await Assertions.Expect(manager.Locator("[data-valmsg-for='Input.Amount']").First).Not.ToBeEmptyAsync();
        await Accessibility.AssertCleanAsync(manager, width);

        var admin = await SignedInAsync(Persona.NetworkAdmin, language, width, height);
        await Accessibility.CheckPageAsync(admin, $"/hq/billing?on={On}", language, width);
        await manager.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    /// <summary>Once per class: the company, its office from March 2027, March run and issued on 2 April, April run; then the clock on 15 June.</summary>
    private async Task<(int CompanyId, long InvoiceId)> ArrangeAsync()
    {
        await Arranged.WaitAsync();
        try
        {
            if (_data is { } data && data.App == browser)
            {
                return (data.CompanyId, data.InvoiceId);
            }

            var clock = browser.App.Factory.Clock;
            clock.SetToday(new DateOnly(2027, 4, 2));
            int companyId;
            await using (var db = browser.App.Database.CreateContext())
            {
                companyId = await TestBilling.CompanyAsync(db, "tanger", "Atlas F SARL");
                var office = await TestBilling.SpaceAsync(db, "tanger", "F-201", 4800m, SpaceKind.Office, 3);
                await TestBilling.StayAsync(db, office, companyId, March.First);
                var coworking = await TestBilling.SpaceAsync(db, "tanger", "F-CW1", 950m, SpaceKind.Coworking, 20);
                await TestBilling.StayAsync(db, coworking, companyId, March.First.AddDays(9), seats: 2);
            }

            await TestBilling.RunAsync(browser.App.Factory.Services, "tanger", March);
            await TestBilling.IssueAsync(browser.App.Factory.Services, "tanger", March);
            await TestBilling.RunAsync(browser.App.Factory.Services, "tanger", March.Next);
            clock.SetToday(DateOnly.ParseExact(On, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await using (var db = browser.App.Database.CreateContext())
            {
                var invoiceId = await db.Invoices.AsNoTracking()
                    .Where(i => i.CompanyId == companyId && i.Year == March.Year && i.Month == March.Month && i.Status == InvoiceStatus.Issued)
                    .Select(i => i.Id).SingleAsync();
                _data = (browser, companyId, invoiceId);
                return (companyId, invoiceId);
            }
        }
        finally
        {
            Arranged.Release();
        }
    }

    private async Task<IPage> SignedInAsync(Persona persona, string language, int width, int height)
    {
        await Personas.EnsureAsync(browser.App.Factory, persona);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 640 });
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c%3D{language}%7Cuic%3D{language}", Url = browser.BaseUrl }]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignIn.LoginPath);
        await SignIn.SubmitAsync(page, Personas.Email(persona), Personas.Password);
        await page.ArriveAsync(url => !url.Contains(SignIn.LoginPath, StringComparison.Ordinal));
        return page;
    }
}
