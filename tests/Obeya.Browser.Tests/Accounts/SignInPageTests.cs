using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Accounts;

/// <summary>The Dutch login page with the demo accounts the README names. Seven sign-ins in all: under the limit of ten a minute.</summary>
public class SignInPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>The sign-in refusal as a Dutch screen shows it.</summary>
    private const string WrongCredentials =
        "E-mailadres of wachtwoord klopt niet. Na vijf verkeerde pogingen kun je een kwartier niet inloggen; een beheerder kan dat eerder opheffen.";

    private static async Task SignIn(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        // Each attempt waits for its answer, so no click lands on a page that is still loading.
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/inloggen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task emmy_signs_in_lands_on_the_teams_and_signs_out_again()
    {
        var page = await browser.NewPageAsync(signInAs: null);
        await page.GotoAsync("/inloggen");
        await Expect(page).ToHaveTitleAsync("Inloggen · Obeya");

        await SignIn(page, "emmy@werk.example.nl", "Emmy-Werk-2026");

        await Expect(page).ToHaveTitleAsync("Teams · Obeya");
        var topBar = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        await Expect(topBar).ToContainTextAsync("Ingelogd als Emmy");
        await topBar.GetByRole(AriaRole.Link, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(page.GetByText("Je bent ingelogd als Emmy")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Je bent uitgelogd.");
        await page.GotoAsync("/wachtwoord");
        await Expect(page).ToHaveTitleAsync("Inloggen · Obeya");
        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("Inloggen · Obeya");
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_and_the_page_says_so_as_it_says_everything()
    {
        var page = await browser.NewPageAsync(signInAs: null);
        await page.GotoAsync("/inloggen");

        await SignIn(page, "pieter@gemeente.example.nl", "verkeerd-wachtwoord");
        var refusal = page.GetByRole(AriaRole.Alert);
        await Expect(refusal).ToHaveTextAsync(WrongCredentials);
        for (var i = 0; i < 4; i++)
        {
            await SignIn(page, "pieter@gemeente.example.nl", "verkeerd-wachtwoord");
        }

        // Locked: the right password is refused too, in the words an unknown address gets, and the page says what to do.
        await SignIn(page, "pieter@gemeente.example.nl", "Pieter-Obeya-2026");
        await Expect(refusal).ToHaveTextAsync(WrongCredentials);
        await Expect(refusal).ToContainTextAsync("een beheerder kan dat eerder opheffen");
        await SignIn(page, "niemand@gemeente.example.nl", "Pieter-Obeya-2026");
        await Expect(refusal).ToHaveTextAsync(WrongCredentials);
        await Expect(page).ToHaveTitleAsync("Inloggen · Obeya");
    }
}
