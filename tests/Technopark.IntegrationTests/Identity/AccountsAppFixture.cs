using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Infrastructure.Identity;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Identity;

/// <summary>
/// The app on its own database, with the form-post rate limit raised: these tests post many forms
/// from the one test client address, and the rate limit is not what they check. The background
/// outbox sender waits an hour, so tests that deliver the outbox do it when they choose.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class AccountsAppFixture : IAsyncLifetime
{
    public const string Password = "Une phrase de passe assez longue";

    private readonly AppFixture _app = new();
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public TestDatabase Database => _app.Database;

    /// <summary>The app's clock (the derived factory shares it with the app it was built from).</summary>
    public TestClock Clock => _app.Factory.Clock;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _factory = _app.Factory.WithWebHostBuilder(builder => builder
            .UseSetting("RateLimits:FormPostsPerMinute", "10000")
            .UseSetting("Email:IntervalSeconds", "3600")); // the tests run the outbox sender themselves
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    /// <summary>A confirmed account with <see cref="Password"/>.</summary>
    public async Task<ApplicationUser> CreateUserAsync(string email, bool confirmed = true)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = confirmed };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public HttpClient CreateClient(string? culture = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (culture is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        }

        return client;
    }
}
