using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Infrastructure;
using Technopark.Infrastructure.Data;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

public class DataProtectionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Purpose = "Technopark.Tests.DataProtection";

    [Fact]
    public async Task Keys_StoredInTheDatabase_AreEncryptedWithTheCertificate()
    {
        var protector = app.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        Assert.Equal("secret", protector.Unprotect(protector.Protect("secret")));

        await using var db = app.Database.CreateContext();
        var keys = await db.Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().AsNoTracking().ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("<encryptedSecret", key.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", key.Xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void CreateSelfSigned_AtAGivenTime_ValidFromTheDayBeforeForTenYears()
    {
        var clock = new TestClock();
        var now = new DateTimeOffset(2026, 3, 20, 9, 30, 0, TimeSpan.Zero);
        clock.Set(now);
        var path = Path.Combine(Path.GetTempPath(), "technopark-tests", $"dated-{Guid.NewGuid():N}", "dataprotection.pfx");
        try
        {
            Technopark.Web.Operations.DataProtectionSetup.CreateSelfSigned(path, "dated", clock);

            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, "dated");
            Assert.Equal(now.AddDays(-1).UtcDateTime, certificate.NotBefore.ToUniversalTime());
            Assert.Equal(now.AddYears(10).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void CreateIfMissing_NoCertificateYet_MakesOneOwnerOnlyAndUsesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "technopark-tests", $"made-{Guid.NewGuid():N}", "dataprotection.pfx");
        try
        {
            using var factory = app.Factory.WithWebHostBuilder(builder => builder
                .UseSetting("DataProtection:Certificate:Path", path)
                .UseSetting("DataProtection:Certificate:Password", "made-here")
                .UseSetting("DataProtection:Certificate:CreateIfMissing", "true"));
            var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

            Assert.Equal("secret", protector.Unprotect(protector.Protect("secret")));
            Assert.True(File.Exists(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, "made-here");
            Assert.True(certificate.HasPrivateKey);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Production_WithoutCertificate_RefusesToStart()
    {
        using var factory = app.Factory.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("DataProtection:Certificate:Path", ""));

        var refused = Assert.Throws<InvalidOperationException>(() => factory.Services);

        Assert.Contains("DataProtection__Certificate__Path", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_ReadWithoutTheCertificate_CannotUnprotect()
    {
        var protector = app.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        var cookieLike = protector.Protect("user=hq@technopark.ma");

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<TechnoparkDbContext>(options => options.UseTechnoparkDatabase(app.Database.ConnectionString));
        services.AddDataProtection().SetApplicationName("Technopark").PersistKeysToDbContext<TechnoparkDbContext>()
            .DisableAutomaticKeyGeneration(); // a thief reads; it does not write keys of its own
        await using var thief = services.BuildServiceProvider();
        var stolen = thief.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

        Assert.ThrowsAny<CryptographicException>(() => stolen.Unprotect(cookieLike));
    }
}
