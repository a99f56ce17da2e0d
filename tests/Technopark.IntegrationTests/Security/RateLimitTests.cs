using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

public class RateLimitTests(RateLimitedAppFixture app) : IClassFixture<RateLimitedAppFixture>
{
    [Fact]
    public async Task SignIn_TooManyPostsFromOneAddress_Gets429WithRetryAfterAndAFriendlyPage()
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var form = new Dictionary<string, string> { ["Input.Email"] = "x@test.technopark.ma", ["Input.Password"] = "wrong-password" };

        // The window is fixed (10 posts a minute): should it turn during the loop, the refusal comes
        // ten posts later, never sooner than the 11th and never later than the 21st.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 21 && refused is null; i++)
        {
            var response = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(form));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(10));
        Assert.NotNull(refused);
        Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(ResourceText.Of(app.Factory, "Status.429.Title"), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        refused.Dispose();

        using var page = await client.GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // reading the page is never limited
    }

    /// <summary>The anonymous calendar feeds (a token in the URL): 60 requests a minute per address, room and company feeds together.</summary>
    [Fact]
    public async Task Feeds_TooManyRequestsFromOneAddress_Get429()
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        string[] urls = ["/sites/tanger/rooms/1/feed/guess-0123456789abcdef0123456789.ics", "/company/1/feed/guess-0123456789abcdef0123456789.ics"];

        // A fixed window: should it turn during the loop, the refusal comes 60 requests later, never sooner than the 61st.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 121 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await client.GetAsync(urls[i % 2]);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(60), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("/Identity/Account/Login", "/Identity/Account/Login/")]
    [InlineData("/Identity/Account/Login", "/identity/account/login/")]
    [InlineData("/Identity/Account/ForgotPassword", "/Identity/Account/ForgotPassword/")]
    public async Task SignIn_AfterA429_TheSamePageByAnotherSpellingIsRefusedToo(string path, string spelling)
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });

        Assert.True(await PostUntilRefusedAsync(client, path));
        using var other = await client.PostAsync(spelling, new FormUrlEncodedContent(Form));

        // Before: a new partition for the other spelling, the post processed (400 for its missing token).
        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    [Fact]
    public async Task Register_ForwardedForFromAnUntrustedPeer_IsIgnored()
    {
        using var factory = BehindProxy(app.Factory);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerHeader, "10.0.0.9");

        // Each post claims another client address: an untrusted peer cannot spread its posts over partitions.
        var refused = false;
        for (var i = 0; i < 21 && !refused; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Register") { Content = new FormUrlEncodedContent(Form) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await client.SendAsync(request);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(refused);
    }

    [Fact]
    public async Task Register_ForwardedForFromTheConfiguredProxy_IsThePartition()
    {
        using var factory = BehindProxy(app.Factory);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerHeader, "10.0.0.1");

        var refused = false;
        for (var i = 0; i < 21 && !refused; i++)
        {
            using var response = await client.SendAsync(Forwarded("198.51.100.7"));
            refused = response.StatusCode == HttpStatusCode.TooManyRequests;
        }

        using var other = await client.SendAsync(Forwarded("198.51.100.8"));

        Assert.True(refused);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode); // another client behind the proxy: its own window
    }

    private static HttpRequestMessage Forwarded(string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Register") { Content = new FormUrlEncodedContent(Form) };
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }

    private const string PeerHeader = "X-Test-Peer";

    private static readonly Dictionary<string, string> Form = new() { ["Input.Email"] = "x@test.technopark.ma", ["Input.Password"] = "wrong-password" };

    /// <summary>Posts until a 429 (at most 21 posts: a fixed window of 10 may turn once meanwhile).</summary>
    private static async Task<bool> PostUntilRefusedAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 21; i++)
        {
            using var response = await client.PostAsync(path, new FormUrlEncodedContent(Form));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The app behind a reverse proxy at 10.0.0.1 (ForwardedHeaders:KnownProxies); the test server's peer address comes from a test header.</summary>
    private static WebApplicationFactory<Program> BehindProxy(WebApplicationFactory<Program> factory) => factory.WithWebHostBuilder(b => b
        .UseSetting("ForwardedHeaders:KnownProxies:0", "10.0.0.1")
        .ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new PeerFromHeader())));

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
