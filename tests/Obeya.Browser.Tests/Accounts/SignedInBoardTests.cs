using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Accounts;

/// <summary>
/// Who is signed in decides what a screen shows and offers: a screen acts as that person, another team's boards stay
/// closed even by URL, a programme director reads without changing, and nobody signed in is sent to the login page.
/// </summary>
public class SignedInBoardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_storyboard_acts_as_whoever_signed_in()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");

        await page.GotoAsync($"/tracks/{trackId}");

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })).ToContainTextAsync("Ingelogd als Marieke");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Nieuw obstakel").FillAsync("Het overleg met Noord staat niet in de agenda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();
        await Expect(page.GetByText("Het overleg met Noord staat niet in de agenda")).ToBeVisibleAsync();

        var history = await api.Get($"/api/v1/tracks/{trackId}/history");
        history.ToString().Should().Contain("Marieke voegde obstakel 'Het overleg met Noord staat niet in de agenda' toe");
    }

    [Fact]
    public async Task a_teamlid_of_team_werk_cannot_reach_another_teams_board_by_its_url()
    {
        // Team Zorg, set up by a beheerder, with a board Emmy (of Team Werk) is not meant to see.
        using var beheerder = new DemoApi(browser.BaseUrl, "beheer@gemeente.example.nl");
        var teamId = (await beheerder.Post("/api/v1/teams", new { name = "Team Zorg" })).GetProperty("id").GetGuid();
        var email = await browser.NewAccount("Noor", $"noor-{Obeya.Testing.Unique.Letters()}@zorg.example.nl");
        await beheerder.Post($"/api/v1/teams/{teamId}/members", new { name = "Noor", email });
        using var noor = new DemoApi(browser.BaseUrl, email);
        var trackId = (await noor.Post($"/api/v1/teams/{teamId}/tracks", new { title = "Wachttijd wijkteam", challenge = "Binnen een week een gesprek" }))
            .GetProperty("id").GetGuid();

        var page = await browser.NewPageAsync();
        foreach (var path in new[] { $"/tracks/{trackId}", $"/teams/{teamId}", $"/teams/{teamId}/standup", $"/teams/{teamId}/audit" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Je hebt geen toegang tot de borden van Team Zorg");
            await Expect(page.GetByText("Wachttijd wijkteam")).ToHaveCountAsync(0);
            await Expect(page.GetByText("Binnen een week een gesprek")).ToHaveCountAsync(0);
        }

        // The home page names the team, without a way in.
        await page.GotoAsync("/");
        var others = page.GetByRole(AriaRole.Region, new() { Name = "Andere teams" });
        await Expect(others).ToContainTextAsync("Team Zorg");
        await Expect(others.GetByRole(AriaRole.Link, new() { Name = "Team Zorg" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Wachttijd wijkteam" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_programme_director_reads_every_board_but_changes_none()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync(signInAs: "pieter@gemeente.example.nl");

        await page.GotoAsync($"/tracks/{trackId}");

        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Je kunt dit bord bekijken; wijzigen doen de teamleden en coaches van Team Werk.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Obstakels" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nieuw obstakel")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task nobody_signed_in_is_sent_to_the_login_page_and_back_after()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync(signInAs: null);

        await page.GotoAsync($"/tracks/{trackId}");

        await Expect(page).ToHaveTitleAsync("Inloggen · Obeya");
        await page.GetByLabel("E-mailadres").FillAsync(BrowserFixture.EmmyEmail);
        await page.GetByLabel("Wachtwoord").FillAsync(BrowserFixture.PasswordOf(BrowserFixture.EmmyEmail));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        page.Url.Should().EndWith($"/tracks/{trackId}");
    }
}
