using AccountabilityTracker.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AccountabilityTracker.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real port on 127.0.0.1) and Debian's Chromium driven by Playwright.
/// Shared by every browser test in the collection; each test opens its own browser context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright cannot download a browser on this network.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TrackerAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Kestrel serves plain HTTP on loopback here, so cookies cannot be Secure-only in these tests.
        App.Settings["Security:CookieSecurePolicy"] = "SameAsRequest";
        App.Settings["Security:HttpsRedirection"] = "false";
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run 'apt-get install -y chromium' (see .ci/run).");
        }

        await App.EnsureTestUsersAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    /// <summary>
    /// A fresh browser context (no cookies) with a phone-sized or desktop viewport. <paramref name="bypassCsp"/> lets a test
    /// inject axe-core into the page; never use it where the test checks the page's own behaviour under its CSP.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in through the real sign-in form as a user of <paramref name="role"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string role, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var page = await NewPageAsync(width, height, bypassCsp);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(TestUsers.EmailFor(role));
        await page.GetByLabel("Password").FillAsync(TrackerAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
