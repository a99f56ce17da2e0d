using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Technopark.IntegrationTests.Identity;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

public class MetricsTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task Metrics_FromLoopback_ShowsRequestDatabaseOutboxAndSignInMetrics()
    {
        await using var factory = From("127.0.0.1");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var known = $"metrics-{Guid.NewGuid():N}@example.ma";
        await app.CreateUserAsync(known);
        foreach (var email in new[] { "nobody@example.ma", known })
        {
            using var refused = await Forms.PostAsync(client, "/Identity/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = "wrong-password-123",
            });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"Identity/Account/Login\"", text, StringComparison.Ordinal);
        Assert.Contains("db_client_operation_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("technopark_outbox_backlog", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"unknown_user\"", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"failed\"", text, StringComparison.Ordinal);
        Assert.Contains("technopark_sign_in_failures_total{", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("203.0.113.7")]
    [InlineData(null)]
    public async Task Metrics_FromElsewhere_Returns404(string? address)
    {
        await using var factory = From(address);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FromAConfiguredNetwork_Returns200()
    {
        await using var factory = From("10.1.2.3", builder => builder.UseSetting("Metrics:AllowedNetworks:0", "10.0.0.0/8"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private WebApplicationFactory<Program> From(string? address, Action<IWebHostBuilder>? configure = null) =>
        app.Factory.WithWebHostBuilder(builder =>
        {
            configure?.Invoke(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddress(address)));
        });

    /// <summary>TestServer has no client address: this sets the one the request seems to come from.</summary>
    private sealed class RemoteAddress(string? address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(builder);
        };
    }
}
