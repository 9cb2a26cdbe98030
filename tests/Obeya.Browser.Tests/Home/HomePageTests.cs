using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Home;

public class HomePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
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
        await Expect(page.GetByText("Uitdaging:").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task dates_are_dutch_even_in_a_browser_set_to_english()
    {
        var page = await browser.NewPageAsync(locale: "en-US");

        await page.GotoAsync("/");

        // The test clock stands on Monday 23 November 2026, 09:00 in Amsterdam.
        await Expect(page.GetByText("Volgende sessie: dinsdag 24 november om 09:00").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task my_teams_and_the_boards_changed_since_i_last_looked()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var mine = page.GetByRole(AriaRole.Region, new() { Name = "Mijn teams" });
        var board = mine.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Kwaliteit van het klantgesprek" }).Last;
        await Expect(board).ToContainTextAsync("nog niet bekeken");

        await board.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        // The board notes what it showed in the browser's storage just after it rendered: leave once it has.
        await page.WaitForFunctionAsync("() => localStorage.getItem('obeya-seen') !== null");
        await page.GotoAsync("/");
        await Expect(page.GetByText("Mijn teams")).ToBeVisibleAsync();
        await Expect(board).Not.ToContainTextAsync("nog niet bekeken");
        await Expect(board).Not.ToContainTextAsync("gewijzigd");

        await api.Change(trackId, HttpMethod.Put, "/challenge", new { challenge = "Over een jaar helpt elk gesprek" });
        await page.ReloadAsync();

        await Expect(board).ToContainTextAsync("gewijzigd sinds je laatste bezoek");
    }
}
