using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Technopark.TestSupport;

/// <summary>
/// The real app (Program) on a test database, in the "Testing" environment. Form posts are not rate
/// limited (nor calendar feeds) unless <paramref name="productionRateLimits"/> (tests sign in many times from one address). The app's
/// <see cref="TimeProvider"/> is <see cref="Clock"/>: a test that depends on "today" sets it instead of reading the wall clock.
/// </summary>
public class TechnoparkFactory(string connectionString, bool demoData = false, bool productionRateLimits = false, string? documentsPath = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Technopark", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", demoData ? "true" : "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Storage:DocumentsPath", DocumentsPath);
        builder.UseSetting("App:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("DataProtection:Certificate:Path", TestCertificate.Path);
        builder.UseSetting("DataProtection:Certificate:Password", TestCertificate.Password);
        if (!productionRateLimits)
        {
            builder.UseSetting("RateLimits:FormPostsPerMinute", "100000");
            builder.UseSetting("RateLimits:FeedRequestsPerMinute", "100000");
        }

        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>The app's clock (also that of the apps derived with <c>WithWebHostBuilder</c>).</summary>
    public TestClock Clock { get; } = new();

    /// <summary>A throwaway folder for the uploaded documents of this app instance.</summary>
    public string DocumentsPath { get; } = documentsPath ?? NewDocumentsPath();

    /// <summary>A new throwaway folder name for uploaded documents.</summary>
    public static string NewDocumentsPath() => Path.Combine(Path.GetTempPath(), "technopark-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The base of the links in the app's emails (App:PublicBaseUrl): the test server's own address.</summary>
    public string PublicBaseUrl { get; private set; } = "http://localhost";

    /// <summary>Serves the app on Kestrel on a free loopback port (for a real browser) and returns its base URL.</summary>
    public string StartKestrel()
    {
        // The port is chosen before the app starts, so that the links in its emails point to it.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        PublicBaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }
}
