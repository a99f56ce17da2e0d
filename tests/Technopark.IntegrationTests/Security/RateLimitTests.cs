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
        Assert.Contains("Trop de tentatives", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        refused.Dispose();

        using var page = await client.GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // reading the page is never limited
    }
}
