using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Domain.Sites;
using Technopark.Infrastructure.Data.Seeding;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;
using Technopark.Web.Seeding;
using Company = Technopark.Domain.Companies.Company;
using CompanyDocumentKind = Technopark.Domain.Companies.CompanyDocumentKind;
using CompanyForm = Technopark.Domain.Companies.CompanyForm;

namespace Technopark.IntegrationTests.Companies;

/// <summary>The demo documents and thread of "Bab Bahr Robotics SARL": real PDFs, both sides of the thread, seeded once.</summary>
public class DemoThreadTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Seed_WithoutTheCompanyThenWithIt_SeedsOnceRealPdfsAndBothSides()
    {
        foreach (var email in new[] { "manager.tanger@technopark.ma", "resident@technopark.ma", "cofondatrice@technopark.ma" })
        {
            await UserAsync(email);
        }

        await SeedAsync(); // no company yet: nothing, no error
        await using (var db = app.Database.CreateContext())
        {
            Assert.False(await db.CompanyDocuments.AnyAsync());
            var tanger = await db.Sites.Where(s => s.Slug == "tanger").Select(s => s.Id).SingleAsync();
            db.Companies.Add(Company.Create(tanger, DemoThread.CompanyName, CompanyForm.Startup, Sectors.All.First()));
            await db.SaveChangesAsync();
        }

        await SeedAsync();
        await SeedAsync();

        await using var check = app.Database.CreateContext();
        var id = await check.Companies.Where(c => c.LegalName == DemoThread.CompanyName).Select(c => c.Id).SingleAsync();
        var documents = await check.CompanyDocuments.Where(d => d.CompanyId == id).ToListAsync();
        Assert.Equal([CompanyDocumentKind.HostingAgreement, CompanyDocumentKind.Amendment], documents.OrderBy(d => d.UploadedAt).Select(d => d.Kind));
        foreach (var document in documents)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(app.Factory.DocumentsPath, document.StoredName));
            Assert.Equal(document.Size, bytes.Length);
            AssertValidPdf(bytes);
        }

        var messages = await check.CompanyMessages.Where(m => m.CompanyId == id).OrderBy(m => m.SentAt).ToListAsync();
        Assert.Equal([false, true, false, true], messages.Select(m => m.FromStaff));
    }

    /// <summary>The header, the trailer, and a cross-reference table where startxref says and where each object is where it says.</summary>
    private static void AssertValidPdf(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-1.4", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);
        var startxref = text.LastIndexOf("startxref\n", StringComparison.Ordinal);
        var xref = int.Parse(text[(startxref + 10)..].Split('\n')[0], CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n0 6\n", text[xref..], StringComparison.Ordinal);
        var entries = text[xref..].Split('\n').Skip(3).Take(5).ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            var offset = int.Parse(entries[i][..10], CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i + 1} 0 obj", text[offset..], StringComparison.Ordinal);
        }
    }

    private async Task SeedAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetServices<IDemoSeeder>().OfType<DemoThread>().Single().SeedAsync(CancellationToken.None);
    }

    private async Task UserAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true })).Succeeded);
    }
}
