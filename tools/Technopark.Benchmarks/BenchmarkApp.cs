using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Technopark.TestSupport;

namespace Technopark.Benchmarks;

/// <summary>
/// The real app on a benchmark database, served by Kestrel on a loopback port, with a <see cref="SqlCommandCounter"/>
/// attached to every EF Core context (it counts the commands sent while serving each request path).
/// </summary>
internal sealed class BenchmarkApp : IAsyncDisposable
{
    private readonly CountingFactory _factory;

    private BenchmarkApp(CountingFactory factory, string baseUrl)
    {
        _factory = factory;
        BaseUrl = baseUrl;
    }

    public SqlCommandCounter Counter => _factory.Counter;

    public string BaseUrl { get; }

    public TechnoparkFactory Factory => _factory;

    public static BenchmarkApp Start(string connectionString)
    {
        var factory = new CountingFactory(connectionString, new SqlCommandCounter());
        return new BenchmarkApp(factory, factory.StartKestrel());
    }

    /// <summary>
    /// A cookie-keeping client that does not follow redirects, signed in as <paramref name="persona"/> (created if
    /// missing) through the real sign-in form.
    /// </summary>
    public async Task<HttpClient> SignInAsync(Persona persona)
    {
        await Personas.EnsureAsync(_factory, persona);
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        using var response = await Personas.PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = Personas.Email(persona),
            ["Input.Password"] = Personas.Password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in of {persona} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>The app on the benchmark database, with the round-trip counter registered.</summary>
    private sealed class CountingFactory(string connectionString, SqlCommandCounter counter) : TechnoparkFactory(connectionString)
    {
        public SqlCommandCounter Counter { get; } = counter;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(Counter));
        }
    }
}

/// <summary>Latency figures: nearest-rank percentiles of sorted timings, printed the same way by every benchmark.</summary>
internal static class Timings
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>"p50 … ms | p95 … ms | p99 … ms | max … ms" of sorted timings.</summary>
    public static string Summary(double[] sorted) =>
        $"p50 {Percentile(sorted, 50):0.0} ms | p95 {Percentile(sorted, 95):0.0} ms | p99 {Percentile(sorted, 99):0.0} ms | max {sorted[^1]:0.0} ms";

    /// <summary>Times <paramref name="count"/> calls of <paramref name="action"/> one after the other; returns the sorted timings.</summary>
    public static async Task<double[]> TimeAsync(int count, Func<int, Task> action)
    {
        var timings = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await action(i);
            timings[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(timings);
        return timings;
    }
}
