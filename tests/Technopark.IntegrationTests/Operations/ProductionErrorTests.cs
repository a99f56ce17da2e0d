using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using Serilog.Events;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>The run command's production-like settings: a database outage shows the friendly page, never a stack trace.</summary>
public partial class ProductionErrorTests
{
    [Fact]
    public async Task DatabaseOutage_ProductionSettings_ShowsFriendlyPageWithCorrelationIdAndNoDetails()
    {
        var database = await TestDatabase.CreateAsync();
        var logs = new CollectingSink();
        await using var factory = new TechnoparkFactory(database.AppConnectionString).WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            .UseSetting("Email:Mode", "Mailbox")
            .UseSetting("Hsts:Enabled", "false")
            .ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(logs)));
        using var client = factory.CreateClient();
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await database.DisposeAsync(); // the outage: the database is gone
        using var response = await client.GetAsync("/sites/tanger");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var correlationId = CorrelationId().Match(html).Groups[1].Value;
        Assert.NotEmpty(correlationId);
        Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(database.AppConnectionString).Host!, html, StringComparison.Ordinal);

        // The id the user quotes finds the request's log line (structured, with its status) and the exception.
        var withId = logs.Events.Where(e => e.Properties.TryGetValue("CorrelationId", out var id) && id.ToString() == $"\"{correlationId}\"").ToList();
        Assert.Contains(withId, e => e.Exception is NpgsqlException || e.Exception?.InnerException is NpgsqlException);
        var line = Assert.Single(withId, e => e.Properties.ContainsKey("StatusCode")
            && e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/sites/tanger\"");
        Assert.Equal("500", line.Properties["StatusCode"].ToString());
    }

    [GeneratedRegex("<code id=\"correlation-id\">([0-9a-zA-Z:-]{8,})</code>")]
    private static partial Regex CorrelationId();

    private sealed class CollectingSink : ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
    }
}
