using System.Net;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Security;

public class RateLimitTests(RateLimitedAppFixture app) : IClassFixture<RateLimitedAppFixture>
{
    [Fact]
    public async Task SignIn_TooManyPostsFromOneAddress_Gets429WithRetryAfterAndAFriendlyPage()
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var form = new Dictionary<string, string> { ["Input.Email"] = "x@test.technopark.ma", ["Input.Password"] = "wrong-password" };

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 11; i++)
        {
            last?.Dispose();
            last = await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(form));
            statuses.Add(last.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(int.Parse(Assert.Single(last.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Trop de tentatives", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        last.Dispose();

        using var page = await client.GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // reading the page is never limited
    }
}
