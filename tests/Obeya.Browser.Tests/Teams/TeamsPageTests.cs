using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Teams;

public class TeamsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_home_page_lists_the_demo_team_and_leads_to_its_tracks()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page).ToHaveTitleAsync("Teams · Obeya");
        var team = page.GetByRole(AriaRole.Link, new() { Name = "Team Werk" });
        await Expect(team).ToBeVisibleAsync();

        await team.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team Werk", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kwaliteit van het klantgesprek" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Uitdaging:")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task dates_are_dutch_even_in_a_browser_set_to_english()
    {
        var page = await browser.NewPageAsync(locale: "en-US");

        await page.GotoAsync("/");

        // The test clock stands on Monday 23 November 2026, 09:00 in Amsterdam.
        await Expect(page.GetByText("Volgende sessie: dinsdag 24 november om 09:00").First).ToBeVisibleAsync();
    }
}
