using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Accounts;

namespace Obeya.Browser.Tests;

/// <summary>Obeya on a real Kestrel port with the demo team, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// One Chromium for the whole run: every test opens contexts of its own in it, which share nothing, so a
    /// browser per test class would only add its start-up.
    /// </summary>
    private static readonly Lazy<Task<IBrowser>> Chromium = new(LaunchAsync);

    public DemoServer App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Browser = await Chromium.Value;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        // Two cores run the server, its database and Chromium: give a busy screen time before calling it wrong.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium off the closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Task.Run(async () => await browser.DisposeAsync()).Wait(TimeSpan.FromSeconds(5));
            playwright.Dispose();
        };
        return browser;
    }

    public const string EmmyEmail = "emmy@werk.example.nl";

    /// <summary>The demo accounts' passwords (README), and those of accounts a test made with <see cref="NewAccount"/>.</summary>
    private static readonly ConcurrentDictionary<string, string> Passwords =
        new(DemoAccounts.All.ToDictionary(a => a.Email, a => a.Password), StringComparer.OrdinalIgnoreCase);

    public static string PasswordOf(string email) => Passwords[email];

    /// <summary>
    /// A page in a browser context of its own (its own storage and cookies), on the server or at another address of
    /// it, signed in as <paramref name="signInAs"/> (Emmy of Team Werk) or as nobody for null; it opens blank, so the
    /// test goes where its person would go. It starts with the cookies a sign-in through the login form left, as a
    /// browser that stayed signed in does: each person signs in once per server (the form over HTTP, seconds of
    /// Chromium saved), and the tests of the login page itself use <see cref="SignInThroughTheForm"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "nl-NL", string? baseUrl = null, string? signInAs = EmmyEmail)
    {
        var site = baseUrl ?? BaseUrl;
        // Reduced motion, as a person can ask their system for: the screens then draw no ripples or slides, frames
        // Chromium would otherwise paint for nothing a test looks at.
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site, Locale = locale, ReducedMotion = ReducedMotion.Reduce });
        ContextsOfThisTest.Enqueue(context);
        if (signInAs is not null)
        {
            var cookies = await signedIn.GetOrAdd($"{signInAs} {site}", _ => new(() => DemoApi.SignInCookies(site, signInAs, PasswordOf(signInAs)))).Value;
            await context.AddCookiesAsync(cookies.Select(cookie => new Cookie
            {
                Name = cookie.Name, Value = cookie.Value, Url = site, HttpOnly = cookie.HttpOnly, Secure = cookie.Secure,
                SameSite = SameSiteAttribute.Lax,
            }));
        }

        return await context.NewPageAsync();
    }

    /// <summary>Signs <paramref name="email"/> in through the login page, as a person does, and lands on the home page.</summary>
    public static async Task SignInThroughTheForm(IPage page, string email)
    {
        await page.GotoAsync("/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(PasswordOf(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Teams · Obeya");
    }

    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<System.Net.Cookie>>>> signedIn = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An account a test needs beyond the demo's, made in the store as the beheerder's API would.</summary>
    public async Task<string> NewAccount(string name, string email, params GlobalRole[] roles)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(name, email, ObeyaApp.Password, roles, "Beheerder", CancellationToken.None);
        Passwords[email] = ObeyaApp.Password;
        return email;
    }

    /// <summary>
    /// The contexts the running test opened; <see cref="ClosePagesAfterEachTestAttribute"/> closes them when it ends.
    /// Each test keeps its own list (it flows with the test's async calls), so no test can close another's pages.
    /// </summary>
    private static readonly AsyncLocal<ConcurrentQueue<IBrowserContext>> OpenContexts = new();

    private static ConcurrentQueue<IBrowserContext> ContextsOfThisTest => OpenContexts.Value
        ?? throw new InvalidOperationException("Pages are opened by a test, after ClosePagesAfterEachTest started it.");

    public static void StartTest() => OpenContexts.Value = new ConcurrentQueue<IBrowserContext>();

    /// <summary>
    /// Closes what the test that just ended opened. A page left open keeps its Blazor circuit alive: the server would
    /// go on rendering it for every later change, and Chromium go on running it, for the rest of the class.
    /// </summary>
    public static async Task CloseOpenContextsAsync()
    {
        while (OpenContexts.Value?.TryDequeue(out var context) == true)
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public sealed class DemoServer : ObeyaApp
    {
        protected override bool SeedsDemo => true;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Accounts are read again every two seconds (production: five minutes), so a test sees a role change land.
            builder.UseSetting("Obeya:SignIn:RecheckSeconds", "2");
        }
    }
}
