using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Accounts;

/// <summary>Signed in, a screen acts as that person: no "Ik ben" to pick, and the history names who signed in.</summary>
public class SignedInBoardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task the_storyboard_acts_as_whoever_signed_in()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync("marieke@werk.example.nl");
        await page.GetByLabel("Wachtwoord").FillAsync("Marieke-Coach-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync("Teams · Obeya");

        await page.GotoAsync($"/tracks/{trackId}");

        await Expect(page.GetByText("Je werkt als Marieke")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Wie ben jij?")).ToHaveCountAsync(0);
        await page.GetByLabel("Nieuw obstakel").FillAsync("Het overleg met Noord staat niet in de agenda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();
        await Expect(page.GetByText("Het overleg met Noord staat niet in de agenda")).ToBeVisibleAsync();

        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}/history");
        history.ToString().Should().Contain("Marieke voegde obstakel 'Het overleg met Noord staat niet in de agenda' toe");
    }
}
