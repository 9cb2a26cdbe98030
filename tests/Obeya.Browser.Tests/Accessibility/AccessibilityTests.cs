using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Accessibility;

/// <summary>Dutch public bodies are held to WCAG 2.1 AA: axe-core finds nothing serious or critical on the live screens.</summary>
public class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly DemoApi api = new(browser.BaseUrl);

    [Fact]
    public async Task the_check_itself_finds_a_button_without_a_name()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => document.body.appendChild(document.createElement('button'))");

        (await Axe.SeriousViolations(page)).Should().ContainMatch("button-name (critical)*");
    }

    [Fact]
    public async Task the_storyboard_with_its_editing_controls()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" })).ToBeVisibleAsync();

        (await Axe.SeriousViolations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_stand_up_during_a_session_with_a_coach()
    {
        var trackId = await api.DemoTrackId();
        var teamId = (await api.Track(trackId)).GetProperty("teamId").GetGuid();
        // The coach: only a coach gets the coaching fields.
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.GotoAsync($"/teams/{teamId}/standup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();
        await page.GetByLabel("Coach die de vragen stelt").SelectOptionAsync(new SelectOptionValue { Label = "Marieke" });
        await Expect(page.GetByLabel("Antwoord op vraag 5")).ToBeVisibleAsync();

        (await Axe.SeriousViolations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_wall_screen()
    {
        var trackId = await api.DemoTrackId();
        var teamId = (await api.Track(trackId)).GetProperty("teamId").GetGuid();
        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();

        (await Axe.SeriousViolations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_storyboard_wall_view_with_its_forms_folded_out()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync($"/tracks/{trackId}?wand=1");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByText("Nieuw obstakel toevoegen").ClickAsync();
        await page.GetByText("Nieuwe stap afspreken").ClickAsync();

        (await Axe.SeriousViolations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_obeya_wall_screen_and_a_phone_with_its_menu_open()
    {
        var trackId = await api.DemoTrackId();
        var teamId = (await api.Track(trackId)).GetProperty("teamId").GetGuid();
        var programme = (await api.Get("/api/v1/programmes"))[0].GetProperty("id").GetGuid();
        var screen = await api.Post($"/api/v1/teams/{teamId}/wall-screens", new { name = "Obeya-ruimte", programmeIds = new[] { programme } });
        var wall = await browser.NewPageAsync(signInAs: null);
        await wall.GotoAsync(screen.GetProperty("path").GetString()!);
        await Expect(wall.Locator("body.wall-live")).ToBeAttachedAsync();
        (await Axe.SeriousViolations(wall)).Should().BeEmpty();

        var phone = await browser.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync($"/tracks/{trackId}");
        await Expect(phone.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await phone.Locator("nav.topbar summary").ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Uitloggen" })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(phone)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_home_and_team_pages()
    {
        var trackId = await api.DemoTrackId();
        var teamId = (await api.Track(trackId)).GetProperty("teamId").GetGuid();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        (await Axe.SeriousViolations(page)).Should().BeEmpty();

        await page.GotoAsync($"/teams/{teamId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team Werk", Level = 1 })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();
    }
}
