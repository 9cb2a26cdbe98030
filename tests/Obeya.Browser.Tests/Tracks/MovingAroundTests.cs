using Microsoft.Playwright;
using Obeya.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Tracks;

/// <summary>
/// A member goes back and forth between the storyboard, the team page and the stand-up in one circuit, as at the
/// wall during a session: every time the board is there with its forms, never "Geen toegang".
/// </summary>
public class MovingAroundTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task storyboard_team_page_storyboard_stand_up_storyboard_in_one_circuit_always_shows_the_board_with_its_forms()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (_, trackId, title) = await api.DemoTrack();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        await TheBoardWithItsForms(page, title);
        // A mark in the page itself: a full page load (a new circuit) would wipe it.
        await page.EvaluateAsync("() => window.obeyaSameCircuit = true");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Kruimelpad" }).GetByRole(AriaRole.Link, new() { Name = "Team Werk" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team Werk", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await TheBoardWithItsForms(page, title);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Kruimelpad" }).GetByRole(AriaRole.Link, new() { Name = "Team Werk" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Naar de stand-up (sessie)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stand-up Team Werk", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" })).ToBeEnabledAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Kruimelpad" }).GetByRole(AriaRole.Link, new() { Name = "Team Werk" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await TheBoardWithItsForms(page, title);
        (await page.EvaluateAsync<bool>("() => window.obeyaSameCircuit === true")).Should().BeTrue("all of it happened in one circuit");

        // And the board is live: a change from elsewhere appears here.
        var obstacle = $"Gezien na het rondlopen {Guid.NewGuid():N}"[..36];
        await api.Change(trackId, HttpMethod.Post, "/obstacles", new { text = obstacle });
        await Expect(page.GetByText(obstacle)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task an_open_board_follows_a_role_taken_away_without_a_reload()
    {
        var email = $"directeur-{Guid.NewGuid():N}"[..18] + "@gemeente.example.nl";
        await browser.NewAccount("Dirk Directeur", email, GlobalRole.ProgrammeDirector);
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync(signInAs: email);
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByText("Je kunt dit bord bekijken")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();

        using var beheerder = new DemoApi(browser.BaseUrl, "beheer@gemeente.example.nl");
        var accounts = await beheerder.Get("/api/v1/accounts");
        var dirk = accounts.EnumerateArray().Single(a => a.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        (await beheerder.Http.PutAsync($"/api/v1/accounts/{dirk}/roles",
            System.Net.Http.Json.JsonContent.Create(new { roles = Array.Empty<string>() }))).EnsureSuccessStatusCode();

        // Within the recheck interval the open screen asks again: no more board.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByText("Kwaliteit van het klantgesprek")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task what_a_screen_stores_with_an_e_mail_address_or_phone_number_says_so()
    {
        var trackId = await new DemoApi(browser.BaseUrl).DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByLabel("Nieuw obstakel")).ToBeVisibleAsync();

        await page.GetByLabel("Nieuw obstakel").FillAsync("Bel bij vragen 06-12345678 of mail info@re-integratie.example.nl");
        await page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();

        var notice = page.GetByRole(AriaRole.Alert).Or(page.Locator(".rz-notification")).Filter(new() { HasText = "Opgeslagen, maar let op" });
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("e-mailadres");
        await Expect(notice).ToContainTextAsync("telefoonnummer");
    }

    private static async Task TheBoardWithItsForms(IPage page, string title)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Nieuw obstakel")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Geen toegang")).ToHaveCountAsync(0);
    }
}
