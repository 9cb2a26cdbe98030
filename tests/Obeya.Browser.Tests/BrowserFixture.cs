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
    /// it, signed in through the login page as <paramref name="signInAs"/> (Emmy of Team Werk), or as nobody for null.
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "nl-NL", string? baseUrl = null, string? signInAs = EmmyEmail)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl ?? BaseUrl, Locale = locale });
        var page = await context.NewPageAsync();
        if (signInAs is not null)
        {
            await page.GotoAsync("/inloggen");
            await page.GetByLabel("E-mailadres").FillAsync(signInAs);
            await page.GetByLabel("Wachtwoord").FillAsync(PasswordOf(signInAs));
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
            await Assertions.Expect(page).ToHaveTitleAsync("Teams · Obeya");
        }

        return page;
    }

    /// <summary>An account a test needs beyond the demo's, made in the store as the beheerder's API would.</summary>
    public async Task<string> NewAccount(string name, string email, params GlobalRole[] roles)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(name, email, ObeyaApp.Password, roles, "Beheerder", CancellationToken.None);
        Passwords[email] = ObeyaApp.Password;
        return email;
    }

    public async Task DisposeAsync()
    {
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
