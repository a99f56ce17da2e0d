using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>
/// Where a request reads (<see cref="ReadOnlyDb"/>). The "replica" here is the primary's own database under another connection
/// string (not a standby, so never behind): what is checked is which context a read gets. A real standby: <see cref="ReadReplicaTests"/>.
/// </summary>
public sealed class ReadRoutingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private WebApplicationFactory<Program> WithReplica(string connectionString) =>
        app.Factory.WithWebHostBuilder(b => b.UseSetting($"ConnectionStrings:{ReadReplica.ConnectionStringName}", connectionString));

    [Fact]
    public async Task ContextAsync_GetRequest_ReadsTheReplicaUntilThePrimarySaves()
    {
        using var factory = WithReplica(app.Database.AppConnectionString);
        await using var scope = factory.Services.CreateAsyncScope();
        Request(scope, HttpMethods.Get);
        var primary = scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>();
        var reads = scope.ServiceProvider.GetRequiredService<ReadOnlyDb>();

        var before = await reads.ContextAsync(default);
        Assert.NotSame(primary, before);
        Assert.True(reads.OnReplica);

        primary.Outbox.Add(OutboxMessage.Create("someone@example.ma", "s", "<p>b</p>", "b", app.Factory.Clock.GetUtcNow()));
        await primary.SaveChangesAsync();

        Assert.Same(primary, await reads.ContextAsync(default));
        Assert.False(reads.OnReplica);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task ContextAsync_RequestThatWrites_ReadsThePrimary(string method)
    {
        using var factory = WithReplica(app.Database.AppConnectionString);
        await using var scope = factory.Services.CreateAsyncScope();
        Request(scope, method);

        Assert.Same(scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>(),
            await scope.ServiceProvider.GetRequiredService<ReadOnlyDb>().ContextAsync(default));
    }

    [Fact]
    public async Task ContextAsync_NoReplicaConfigured_ReadsThePrimary()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        Request(scope, HttpMethods.Get);

        Assert.Same(scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>(),
            await scope.ServiceProvider.GetRequiredService<ReadOnlyDb>().ContextAsync(default));
    }

    [Fact]
    public async Task UnreachableReplica_PagesServedFromThePrimary_ReadyDegradedUntilTheRetry()
    {
        var closedPort = new Npgsql.NpgsqlConnectionStringBuilder(app.Database.AppConnectionString) { Port = ClosedPort() }.ConnectionString;
        using var factory = WithReplica(closedPort);
        var replica = factory.Services.GetRequiredService<ReadReplica>();
        var clock = app.Factory.Clock;
        clock.Set(clock.GetUtcNow());
        try
        {
            using var client = factory.CreateClient();
            (await client.GetAsync("/api/v1/sites")).EnsureSuccessStatusCode();
            (await client.GetAsync("/")).EnsureSuccessStatusCode();

            Assert.False(replica.ShouldTry());
            Assert.NotNull(replica.Down().Since);
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("Degraded", json.RootElement.GetProperty("status").GetString());
            var entry = json.RootElement.GetProperty("entries").GetProperty("read-replica");
            Assert.Equal("Degraded", entry.GetProperty("status").GetString());
            Assert.Contains("primary", entry.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", json.RootElement.GetProperty("entries").GetProperty("database").GetProperty("status").GetString());

            clock.Set(clock.GetUtcNow() + ReadReplica.RetryDelay);
            Assert.True(replica.ShouldTry());
        }
        finally
        {
            clock.Reset();
        }
    }

    private static void Request(AsyncServiceScope scope, string method) =>
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { Request = { Method = method } };

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
