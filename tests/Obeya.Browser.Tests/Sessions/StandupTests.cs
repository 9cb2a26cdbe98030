using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Sessions;

/// <summary>The Tuesday stand-up of Team Werk, held at the screen: attendance, the five questions, a coach, the board.</summary>
public class StandupTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task a_stand_up_records_attendance_the_coaching_conversation_and_what_was_agreed()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var teamId = (await api.Track(trackId)).GetProperty("teamId").GetGuid();
        // Marieke, the team's coach, leads it: only a coach records the coaching conversation.
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.GotoAsync($"/teams/{teamId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Naar de stand-up (sessie)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stand-up Team Werk", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();

        // The timebox of the team's cadence, and the board's own answers beside the questions.
        await Expect(page.GetByRole(AriaRole.Timer)).ToHaveTextAsync("Nog 30:00");
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 3")).ToContainTextAsync("Terugmeldingen van het re-integratiebedrijf komen zonder reden");
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 1")).ToContainTextAsync("besproken klantbeeld");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Emmy" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Sander" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Marieke (coach)" }).CheckAsync();
        await page.GetByLabel("Coach die de vragen stelt").SelectOptionAsync(new SelectOptionValue { Label = "Marieke" });
        await page.GetByLabel("Antwoord op vraag 1").FillAsync("Verwijzen met een besproken klantbeeld, 50% teruggemeld");
        await page.GetByLabel("Antwoord op vraag 3").FillAsync("Terugmeldingen zonder reden");

        // What is agreed goes straight onto the board.
        await page.GetByLabel("Nieuwe stap").FillAsync("Contactpersoon Noord bellen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stap afspreken" }).ClickAsync();
        await Expect(page.GetByText("Dat kan niet")).ToBeVisibleAsync(); // a step has one owner
        await Tracks.StepForm.Agree(page, "Contactpersoon Noord bellen", "Sander");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sessie afsluiten" }).ClickAsync();

        await Expect(page.GetByText("Sessie afgesloten om")).ToContainTextAsync("3 aanwezigen; coachingsgesprek met Marieke vastgelegd");
        var sessions = await api.Get($"/api/v1/teams/{teamId}/sessions");
        var held = sessions[0];
        held.GetProperty("isOpen").GetBoolean().Should().BeFalse();
        held.GetProperty("attendance").EnumerateArray().Where(a => a.GetProperty("present").GetBoolean())
            .Select(a => a.GetProperty("name").GetString()).Should().BeEquivalentTo("Emmy", "Sander", "Marieke");
        var coaching = held.GetProperty("coaching");
        coaching.GetProperty("coachName").GetString().Should().Be("Marieke");
        coaching.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("question").GetInt32()).Should().Equal(1, 3);
        var steps = (await api.Track(trackId)).GetProperty("smallSteps").EnumerateArray().Select(s => s.GetProperty("text").GetString());
        steps.Should().Contain("Contactpersoon Noord bellen");
    }
}
