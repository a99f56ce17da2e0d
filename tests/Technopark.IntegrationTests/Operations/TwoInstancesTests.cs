using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Technopark.Infrastructure.Data;
using Technopark.Infrastructure.Email;
using Technopark.TestSupport;

namespace Technopark.IntegrationTests.Operations;

/// <summary>
/// Two real app processes (<c>dotnet Technopark.Web.dll</c>, as deployed) on one database, on free loopback ports. They run on the
/// wall clock: the checks do not depend on the day. An in-process host of the app (its outbox sender idle) only prepares data.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed partial class TwoInstances : IAsyncLifetime
{
    private readonly List<Process> _processes = [];
    private TestDatabase? _database;
    private TechnoparkFactory? _helper;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>? _quietHelper;

    public Instance A { get; private set; } = null!;

    public Instance B { get; private set; } = null!;

    public TestDatabase Database => _database!;

    /// <summary>The app in this process on the same database, its outbox sender idle (to create accounts, queue emails).</summary>
    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Helper => _quietHelper!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _helper = new TechnoparkFactory(_database.AppConnectionString);
        _quietHelper = _helper.WithWebHostBuilder(b => b.UseSetting("Email:IntervalSeconds", "86400"));
        await Personas.EnsureAsync(_quietHelper, Persona.NetworkAdmin);
        await Personas.EnsureAsync(_quietHelper, Persona.ManagerOujda);
        A = Start("A");
        B = Start("B");
        await Task.WhenAll(A.ReadyAsync(), B.ReadyAsync());
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
        }

        if (_quietHelper is not null)
        {
            await _quietHelper.DisposeAsync();
        }

        if (_helper is not null)
        {
            await _helper.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private Instance Start(string name)
    {
        var (dll, contentRoot) = WebApp();
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = url,
            ["ConnectionStrings__Technopark"] = Database.AppConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Database__SeedDemoData"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Information",
            ["Storage__DocumentsPath"] = Path.Combine(Path.GetTempPath(), "technopark-tests", Guid.NewGuid().ToString("N")),
            ["App__PublicBaseUrl"] = url,
            ["DataProtection__Certificate__Path"] = TestCertificate.Path,
            ["DataProtection__Certificate__Password"] = TestCertificate.Password,
            ["RateLimits__FormPostsPerMinute"] = "100000",
            ["RateLimits__FeedRequestsPerMinute"] = "100000",
            ["Email__Mode"] = "Mailbox",
            ["Email__IntervalSeconds"] = "1",
            ["Email__BatchSize"] = "5", // small batches: the two senders take turns on the queue
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        _processes.Add(process);
        var instance = new Instance(name, url, process);
        process.OutputDataReceived += (_, e) => instance.Log(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>The web app as built next to the tests (src/Technopark.Web/bin/&lt;configuration&gt;/&lt;tfm&gt;), and its project folder.</summary>
    private static (string Dll, string ContentRoot) WebApp()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = bin.Name;
        var configuration = bin.Parent!.Name;
        var repo = bin;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Technopark.sln")))
        {
            repo = repo.Parent;
        }

        var project = Path.Combine(repo?.FullName ?? throw new InvalidOperationException("Technopark.sln not found above the tests."), "src", "Technopark.Web");
        var dll = Path.Combine(project, "bin", configuration, tfm, "Technopark.Web.dll");
        return File.Exists(dll) ? (dll, project) : throw new InvalidOperationException($"Build the app first: {dll} not found.");
    }

    public sealed partial class Instance(string name, string url, Process process)
    {
        private readonly ConcurrentQueue<string> _log = new();

        public string Name => name;

        public Uri Url { get; } = new(url);

        /// <summary>Emails this instance's outbox sender says it delivered ("Delivered {Count} emails").</summary>
        public int Delivered => _log.Select(line => Delivery().Match(line)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        public string LogTail => string.Join('\n', _log.TakeLast(40));

        internal void Log(string? line)
        {
            if (line is not null)
            {
                _log.Enqueue(line);
            }
        }

        internal async Task ReadyAsync()
        {
            using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
            for (var i = 0; i < 240; i++)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Instance {name} exited ({process.ExitCode}):\n{LogTail}");
                }

                try
                {
                    using var response = await client.GetAsync("/health/ready");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException)
                {
                    // busy starting
                }

                await Task.Delay(500);
            }

            throw new TimeoutException($"Instance {name} did not become ready within 2 minutes:\n{LogTail}");
        }

        [GeneratedRegex(@"Delivered (\d+) emails")]
        private static partial Regex Delivery();
    }
}

public sealed class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private TwoInstances.Instance A => instances.A;

    private TwoInstances.Instance B => instances.B;

    [Fact]
    public async Task SignInOnA_IsValidOnB_AndAFormLoadedFromAPostsToB()
    {
        var cookies = new CookieContainer(); // cookies are per host, not per port: the browser of a user behind a load balancer
        using var onA = Client(A, cookies);
        using var onB = Client(B, cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/hq")).StatusCode); // not signed in yet

        // The login form comes from A; it is posted to B (antiforgery token and cookie made by A).
        var token = Personas.Token(await onA.GetStringAsync("/Identity/Account/Login"));
        using var signIn = await onB.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Personas.Email(Persona.NetworkAdmin),
            ["Input.Password"] = Personas.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The sign-in cookie B issued is valid on A, and on B.
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/hq")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/hq")).StatusCode);

        // And the other way round: signed in on A, valid on B.
        var other = new CookieContainer();
        using var otherOnA = Client(A, other);
        using var otherOnB = Client(B, other);
        await SignInAsync(otherOnA, Persona.NetworkAdmin);
        Assert.Equal(HttpStatusCode.OK, (await otherOnB.GetAsync("/api/v1/occupancy?on=2026-01-15")).StatusCode);
    }

    [Fact]
    public async Task SignOutOnA_EndsTheSessionOnB_WithinASecond()
    {
        var cookies = new CookieContainer();
        using var onA = Client(A, cookies);
        await SignInAsync(onA, Persona.ManagerOujda);

        var copy = cookies.GetCookieHeader(B.Url); // a copy of the cookie, kept by someone else
        using var copyOnB = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = B.Url };
        copyOnB.DefaultRequestHeaders.Add("Cookie", copy);
        Assert.Equal(HttpStatusCode.OK, (await copyOnB.GetAsync("/Identity/Account/Manage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copyOnB.GetAsync("/Identity/Account/Manage")).StatusCode); // remembered as valid on B

        using (var signOut = await Personas.PostFormAsync(onA, "/Identity/Account/Logout", new()))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        // Within a second B has heard of the new stamp (notification at commit) and checks the session again: it is over.
        var status = await Eventually.AnswerAsync(async () => (await copyOnB.GetAsync("/Identity/Account/Manage")).StatusCode, s => s != HttpStatusCode.OK, TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Fact]
    public async Task Outbox_BothSendersRunning_EachEmailSentExactlyOnce()
    {
        await Eventually.UntilAsync(async () => await PendingAsync() == 0, TimeSpan.FromSeconds(60));
        var before = A.Delivered + B.Delivered;
        await using (var scope = instances.Helper.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            for (var i = 0; i < 50; i++)
            {
                outbox.Enqueue($"resident{i}@example.ma", $"Message {i}", $"<p>{i}</p>", $"{i}");
            }

            await scope.ServiceProvider.GetRequiredService<TechnoparkDbContext>().SaveChangesAsync();
        }

        await Eventually.UntilAsync(async () => await PendingAsync() == 0, TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(() => A.Delivered + B.Delivered - before >= 50, TimeSpan.FromSeconds(10)); // the log lines follow

        Assert.Equal(50, A.Delivered + B.Delivered - before);
        await using var db = instances.Database.CreateContext();
        Assert.Equal(50, await db.Outbox.CountAsync(m => m.To.StartsWith("resident") && m.SentAt != null && m.Attempts == 1));
    }

    [Fact]
    public async Task HqOnB_ShowsAChangeMadeOnA_AtOnce()
    {
        var cookies = new CookieContainer();
        using var onA = Client(A, cookies);
        using var onB = Client(B, cookies);
        await SignInAsync(onA, Persona.NetworkAdmin);

        const string Hq = "/hq?on=2026-01-15";
        Assert.DoesNotContain("Technopark Instance A", await onB.GetStringAsync(Hq), StringComparison.Ordinal);
        Assert.DoesNotContain("Technopark Instance A", await onB.GetStringAsync(Hq), StringComparison.Ordinal); // now cached on B

        using var created = await Personas.PostFormAsync(onA, "/hq/sites/new", new()
        {
            ["Input.Slug"] = "instance-a",
            ["Input.Name"] = "Technopark Instance A",
            ["Input.NameEn"] = "Technopark Instance A",
            ["Input.NameAr"] = "تكنوبارك",
            ["Input.City"] = "Safi",
            ["Input.Region"] = "Marrakech-Safi",
            ["Input.Status"] = "Planned",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // Within a second B has heard of it (notification at commit) and leaves its cached figures behind.
        var page = await Eventually.AnswerAsync(() => onB.GetStringAsync(Hq), p => p.Contains("Technopark Instance A", StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        Assert.Contains("Technopark Instance A", page, StringComparison.Ordinal);
    }

    private static HttpClient Client(TwoInstances.Instance instance, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = instance.Url };

    /// <summary>Signs <paramref name="persona"/> in through the instance <paramref name="client"/> talks to.</summary>
    private static async Task SignInAsync(HttpClient client, Persona persona)
    {
        using var signIn = await Personas.PostFormAsync(client, "/Identity/Account/Login", new()
        {
            ["Input.Email"] = Personas.Email(persona),
            ["Input.Password"] = Personas.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    private async Task<int> PendingAsync()
    {
        await using var db = instances.Database.CreateContext();
        return await db.Outbox.CountAsync(m => m.SentAt == null);
    }
}
