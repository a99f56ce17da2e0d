using Xunit;

namespace Technopark.TestSupport;

/// <summary>One test class: its own database and the app running on it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private TechnoparkFactory? _factory;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public TechnoparkFactory Factory => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    protected virtual bool DemoData => false;

    protected virtual bool ProductionRateLimits => false;

    public async Task InitializeAsync()
    {
        if (DemoData)
        {
            var documents = TechnoparkFactory.NewDocumentsPath();
            _database = await TestDatabase.CreateDemoAsync(SeedDemoAsync, documents);
            _factory = new TechnoparkFactory(_database.AppConnectionString, DemoData, ProductionRateLimits, documents);
        }
        else
        {
            _database = await TestDatabase.CreateAsync();
            _factory = new TechnoparkFactory(_database.AppConnectionString, DemoData, ProductionRateLimits);
        }
    }

    /// <summary>Seeds the demo on a database by starting the app on it with the demo seeding on, then stops it.</summary>
    private static async Task SeedDemoAsync(string connectionString, string documentsPath)
    {
        await using var seeding = new TechnoparkFactory(connectionString, demoData: true, documentsPath: documentsPath);
        _ = seeding.Services; // the app seeds before it serves
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The app with the demo spaces, companies and assignments seeded.</summary>
public sealed class DemoAppFixture : AppFixture
{
    protected override bool DemoData => true;
}

/// <summary>The app with the rate limits it has in production.</summary>
public sealed class RateLimitedAppFixture : AppFixture
{
    protected override bool ProductionRateLimits => true;
}
