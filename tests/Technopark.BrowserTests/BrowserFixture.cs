using Microsoft.Playwright;
using Technopark.TestSupport;

namespace Technopark.BrowserTests;

/// <summary>
/// The app with demo data on a real Kestrel port, and the system's Chromium driven by Playwright
/// (no browser download: /usr/bin/chromium, headless, --no-sandbox as root).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Debian's build of Chromium's headless shell (what Playwright itself runs headless tests with): no browser UI, less work per page.</summary>
    public const string HeadlessShellPath = "/usr/bin/chromium-headless-shell";

    /// <summary>TECHNOPARK_CHROMIUM if set, else the headless shell when installed, else Chromium.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("TECHNOPARK_CHROMIUM") is { Length: > 0 } chosen ? chosen : File.Exists(HeadlessShellPath) ? HeadlessShellPath : ChromiumPath;

    private readonly DemoAppFixture _app = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public DemoAppFixture App => _app;

    public async Task InitializeAsync()
    {
        // Assertions wait for the page like actions do: under a loaded CI machine, 5 s (Playwright's default) was seen to pass.
        Assertions.SetDefaultExpectTimeout(20_000);
        await _app.InitializeAsync();
        BaseUrl = _app.Factory.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync() => await (await NewContextAsync(new() { Locale = "fr-FR" })).NewPageAsync();

    /// <summary>A browser context on the app (its base URL unless given) with the suite's timeouts.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        options.BaseURL ??= BaseUrl;
        var context = await Browser.NewContextAsync(options);
        // Browser classes run side by side, each with its app and Chromium, on a 2-core CI machine: the first page of a
        // class (Razor compilation, JIT, the database's first queries) can take longer than Playwright's 30 s default.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
    }
}
