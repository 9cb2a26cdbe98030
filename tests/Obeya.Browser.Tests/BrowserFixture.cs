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
    private IPlaywright? playwright;

    public DemoServer App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        // Two cores run the server, its database and Chromium: give a busy screen time before calling it wrong.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium off the closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public const string EmmyEmail = "emmy@werk.example.nl";

    /// <summary>The demo accounts' passwords (README), and those of accounts a test made with <see cref="NewAccount"/>.</summary>
    private static readonly ConcurrentDictionary<string, string> Passwords =
        new(DemoAccounts.All.ToDictionary(a => a.Email, a => a.Password), StringComparer.OrdinalIgnoreCase);

    public static string PasswordOf(string email) => Passwords[email];

    /// <summary>
    /// A page in a browser context of its own (its own storage and cookies), on the server or at another address of
    /// it, signed in as <paramref name="signInAs"/> (Emmy of Team Werk) or as nobody for null; it opens blank, so the
    /// test goes where its person would go. Each person signs in through the login page once per server; later pages start with the cookies
    /// that sign-in left, as a browser that stayed signed in does (a sign-in takes seconds on two cores, and most tests
    /// are about what comes after).
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "nl-NL", string? baseUrl = null, string? signInAs = EmmyEmail)
    {
        var state = signInAs is null ? null : await signedIn.GetOrAdd($"{signInAs} {baseUrl}", _ => SignInOnceAsync(signInAs, baseUrl)).Value;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl, Locale = locale, StorageState = state,
        });
        OpenContexts.Enqueue(context);
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

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> signedIn = new(StringComparer.OrdinalIgnoreCase);

    private Lazy<Task<string>> SignInOnceAsync(string email, string? baseUrl) => new(async () =>
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl ?? BaseUrl });
        var page = await context.NewPageAsync();
        await SignInThroughTheForm(page, email);
        return await context.StorageStateAsync();
    });

    /// <summary>An account a test needs beyond the demo's, made in the store as the beheerder's API would.</summary>
    public async Task<string> NewAccount(string name, string email, params GlobalRole[] roles)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(name, email, ObeyaApp.Password, roles, "Beheerder", CancellationToken.None);
        Passwords[email] = ObeyaApp.Password;
        return email;
    }

    /// <summary>Every context a test opened; <see cref="ClosePagesAfterEachTestAttribute"/> closes them when it ends.</summary>
    private static readonly ConcurrentQueue<IBrowserContext> OpenContexts = new();

    /// <summary>
    /// Closes what the test that just ended opened. A page left open keeps its Blazor circuit alive: the server would
    /// go on rendering it for every later change, and Chromium go on running it, for the rest of the class.
    /// </summary>
    public static async Task CloseOpenContextsAsync()
    {
        while (OpenContexts.TryDequeue(out var context))
        {
            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await CloseOpenContextsAsync();
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

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
