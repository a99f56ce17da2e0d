using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
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
