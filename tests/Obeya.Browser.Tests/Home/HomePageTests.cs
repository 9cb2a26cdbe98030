using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
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

    [Fact]
    public async Task a_members_home_shows_her_steps_from_two_teams_nearest_first_and_one_is_marked_done_there()
    {
        using var emmy = new DemoApi(browser.BaseUrl);
        using var beheer = new DemoApi(browser.BaseUrl, "beheer@gemeente.example.nl");
        var (teamId, trackId, _) = await emmy.DemoTrack();
        var emmyInWerk = (await emmy.Get($"/api/v1/teams/{teamId}")).GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == "Emmy").GetProperty("id").GetGuid();
        // Emmy is in a second team too, with a board of its own.
        var inkomen = (await beheer.Post("/api/v1/teams", new { name = "Team Inkomen" })).GetProperty("id").GetGuid();
        var emmyInInkomen = Guid.NewGuid();
        await beheer.Post($"/api/v1/teams/{inkomen}/members", new { id = emmyInInkomen, name = "Emmy", email = BrowserFixture.EmmyEmail });
        var aanvragen = (await emmy.Post($"/api/v1/teams/{inkomen}/tracks", new { title = "Aanvragen sneller", challenge = "Binnen een week een besluit" })).GetProperty("id").GetGuid();
        // The test clock stands on Monday 23 November 2026: Tuesday is the next session, Thursday the one after.
        await emmy.Change(aanvragen, HttpMethod.Post, "/steps", new { text = "Formulier inkorten", ownerId = emmyInInkomen, due = "2026-11-26" });
        await emmy.Change(trackId, HttpMethod.Post, "/steps", new { text = "Klantbeeld bij drie dossiers", ownerId = emmyInWerk, due = "2026-11-24" });

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var mine = page.GetByRole(AriaRole.List, new() { Name = "Mijn stappen" });
        await Expect(mine.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(mine.GetByRole(AriaRole.Listitem).Nth(0)).ToContainTextAsync("Uiterlijk 24 november 2026: Klantbeeld bij drie dossiers (Kwaliteit van het klantgesprek, Team Werk)");
        await Expect(mine.GetByRole(AriaRole.Listitem).Nth(1)).ToContainTextAsync("Uiterlijk 26 november 2026: Formulier inkorten (Aanvragen sneller, Team Inkomen)");

        await page.ReadyAsync();
        await mine.GetByRole(AriaRole.Button, new() { Name = "Klaar: Formulier inkorten" }).ClickAsync();
        await Expect(mine.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(mine.GetByRole(AriaRole.Button, new() { Name = "Klaar: Klantbeeld bij drie dossiers" })).ToBeFocusedAsync();
        var board = await emmy.Track(aanvragen);
        board.GetProperty("smallSteps")[0].GetProperty("state").GetString().Should().Be("done");

        // Each step leads to its board.
        await mine.GetByRole(AriaRole.Link, new() { Name = "Kwaliteit van het klantgesprek" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kwaliteit van het klantgesprek", Level = 1 })).ToBeVisibleAsync();
    }
}
