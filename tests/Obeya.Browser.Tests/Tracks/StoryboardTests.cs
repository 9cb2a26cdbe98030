using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Tracks;

/// <summary>The storyboard of the demo track, open in several browsers at once, as at a stand-up.</summary>
public class StoryboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly DemoApi api = new(browser.BaseUrl);

    [Fact]
    public async Task a_change_on_one_screen_appears_on_another_without_reload()
    {
        var trackId = await api.DemoTrackId();
        var wall = await OpenLive(trackId);
        var desk = await OpenLive(trackId);
        await UntilEditable(desk);

        var obstacle = $"Niemand weet wie de klant belt {Guid.NewGuid():N}"[..40];
        await desk.GetByLabel("Nieuw obstakel").FillAsync(obstacle);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();

        await Expect(wall.GetByText(obstacle)).ToBeVisibleAsync();
        await Expect(desk.GetByText(obstacle)).ToBeVisibleAsync();

        // The experiment still runs against the obstacle in focus: the board says so, in Dutch, and changes nothing.
        var focusIt = desk.GetByRole(AriaRole.Button, new() { Name = $"Zet '{obstacle}' in focus" });
        await focusIt.FocusAsync();
        await desk.Keyboard.PressAsync("Enter");
        await Expect(desk.GetByText("loopt nog tegen dit obstakel. Leg eerst de uitkomst vast.")).ToBeVisibleAsync();

        await desk.GetByLabel("Wat gebeurde er werkelijk?").FillAsync("Noord gaf voor 9 van de 10 de reden");
        await desk.GetByLabel("Wat hebben we geleerd?").FillAsync("Een vaste contactpersoon werkt");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Uitkomst vastleggen" }).ClickAsync();
        await Expect(wall.GetByText("Noord gaf voor 9 van de 10 de reden")).ToBeVisibleAsync();

        // Now it may: put in focus from the keyboard, the other screen shows it as the one in focus.
        await focusIt.FocusAsync();
        await desk.Keyboard.PressAsync("Enter");
        await Expect(wall.Locator(".focused")).ToContainTextAsync(obstacle);
    }

    [Fact]
    public async Task an_obstacle_and_a_step_are_changed_in_place()
    {
        var trackId = await api.DemoTrackId();
        var page = await OpenLive(trackId);
        await UntilEditable(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzig 'Het klantbeeld wordt niet voor het gesprek gelezen'" }).ClickAsync();
        await page.GetByLabel("Obstakel", new() { Exact = true }).FillAsync("Het klantbeeld is voor het gesprek niet gelezen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(page.GetByText("Het klantbeeld is voor het gesprek niet gelezen")).ToBeVisibleAsync();

        var step = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Terugmeldingen van deze week zonder reden turven" });
        await step.GetByRole(AriaRole.Button, new() { Name = "Wijzig eigenaar of datum" }).ClickAsync();
        await step.GetByLabel("Eigenaar", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Joost" });
        await step.GetByLabel("Klaar op", new() { Exact = true }).FillAsync("2026-11-26");
        await step.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        await Expect(step).ToContainTextAsync("Joost");
        await Expect(step).ToContainTextAsync("26 november 2026");
        var stored = (await api.Track(trackId)).GetProperty("smallSteps").EnumerateArray()
            .Single(s => s.GetProperty("text").GetString() == "Terugmeldingen van deze week zonder reden turven");
        stored.GetProperty("ownerName").GetString().Should().Be("Joost");
        stored.GetProperty("due").GetString().Should().Be("2026-11-26");
    }

    [Fact]
    public async Task a_change_from_the_api_reaches_an_open_screen()
    {
        var trackId = await api.DemoTrackId();
        var page = await OpenLive(trackId);

        var challenge = "Over een jaar helpt elk gesprek de klant verder";
        await api.Change(trackId, HttpMethod.Put, "/challenge", new { challenge });

        await Expect(page.Locator(".challenge")).ToHaveTextAsync(challenge);
    }

    [Fact]
    public async Task a_screen_that_lost_its_connection_converges_to_the_stored_board()
    {
        var trackId = await api.DemoTrackId();
        await using var network = new NetworkCut(browser.BaseUrl);
        var page = await OpenLive(trackId, network.BaseUrl);

        network.Cut();
        await Expect(page.GetByText("Verbinding verbroken")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var obstacle = $"Offline gemist {Guid.NewGuid():N}"[..30];
        await api.Change(trackId, HttpMethod.Post, "/obstacles", new { id = Guid.NewGuid(), text = obstacle });
        network.Restore();

        await Expect(page.GetByText(obstacle)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("Verbinding verbroken")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_board_as_it_was_is_read_only()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/tracks/{trackId}?asOf=2026-11-23");

        await Expect(page.GetByText("Je kijkt naar het bord zoals het stond op")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" })).ToHaveCountAsync(0);
    }

    /// <summary>Opens the storyboard and waits until the page runs interactively and has joined the live channel.</summary>
    private async Task<IPage> OpenLive(Guid trackId, string? baseUrl = null)
    {
        var page = await browser.NewPageAsync(baseUrl: baseUrl);
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Signed in as Emmy of Team Werk: the forms appear once the page runs interactively.</summary>
    private static async Task UntilEditable(IPage page)
    {
        await Expect(page.GetByLabel("Nieuw obstakel")).ToBeVisibleAsync();
    }
}
