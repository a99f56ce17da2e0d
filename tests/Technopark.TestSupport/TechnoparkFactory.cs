using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Technopark.TestSupport;

/// <summary>
/// The real app (Program) on a test database, in the "Testing" environment. Form posts are not rate
/// limited unless <paramref name="productionRateLimits"/> (tests sign in many times from one address).
/// </summary>
public class TechnoparkFactory(string connectionString, bool demoData = false, bool productionRateLimits = false) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Technopark", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", demoData ? "true" : "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Storage:DocumentsPath", DocumentsPath);
        builder.UseSetting("DataProtection:Certificate:Path", TestCertificate.Path);
        builder.UseSetting("DataProtection:Certificate:Password", TestCertificate.Password);
        if (!productionRateLimits)
        {
            builder.UseSetting("RateLimits:FormPostsPerMinute", "100000");
        }
    }

    /// <summary>A throwaway folder for the uploaded documents of this app instance.</summary>
    public string DocumentsPath { get; } = Path.Combine(Path.GetTempPath(), "technopark-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Serves the app on Kestrel on a free loopback port (for a real browser) and returns its base URL.</summary>
    public string StartKestrel()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }
}
