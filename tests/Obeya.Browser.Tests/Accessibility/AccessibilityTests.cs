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

    [Fact]
    public async Task the_directors_home_and_what_is_blocked()
    {
        var page = await browser.NewPageAsync(signInAs: "pieter@gemeente.example.nl");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Programma's" })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Wat is geblokkeerd en waarom" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wat is geblokkeerd en waarom", Level = 1 })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();
    }
}
