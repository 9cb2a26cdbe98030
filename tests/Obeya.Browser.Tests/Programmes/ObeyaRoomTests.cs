using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Programmes;

/// <summary>
/// The programme director's Obeya room on the demo programme, while Team Werk works on its board: what the team
/// does shows on the strategic wall and the tactical board at once, without a reload.
/// </summary>
public class ObeyaRoomTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Director = "pieter@gemeente.example.nl";
    private const string Tactical = "Klant in regie over het eigen plan";

    private async Task<(IPage Wall, IPage Tactics)> OpenTheRoom()
    {
        var wall = await browser.NewPageAsync(signInAs: Director);
        await wall.GotoAsync("/");
        await wall.GetByRole(AriaRole.Link, new() { Name = "Obeya-ruimte" }).ClickAsync();
        await wall.GetByRole(AriaRole.Link, new() { Name = "Transformatie naar publieke dienstverlener" }).ClickAsync();
        await Expect(wall.GetByRole(AriaRole.Heading, new() { Name = "Transformatie naar publieke dienstverlener: strategisch", Level = 1 })).ToBeVisibleAsync();
        await Expect(wall.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();

        var tactics = await browser.NewPageAsync(signInAs: Director);
        await tactics.GotoAsync(wall.Url);
        await tactics.GetByRole(AriaRole.Link, new() { Name = "Inwoners ervaren één overheid" }).First.ClickAsync();
        await Expect(tactics.GetByRole(AriaRole.Heading, new() { Name = "Tactisch: Inwoners ervaren één overheid", Level = 1 })).ToBeVisibleAsync();
        await Expect(tactics.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        return (wall, tactics);
    }

    [Fact]
    public async Task an_obstacle_the_team_escalates_and_rephrases_shows_on_the_strategic_wall_and_the_tactical_board_at_once()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var (wall, tactics) = await OpenTheRoom();
        var goalOnWall = wall.GetByRole(AriaRole.List, new() { Name = "Tactische doelen van Inwoners ervaren één overheid" }).GetByText($"{Tactical}:");
        // Team Werk's coach last came 18 days ago: its rhythm slips, so the goal its board serves is at risk.
        await Expect(goalOnWall).ToHaveTextAsync($"{Tactical}: Risico");
        var section = tactics.GetByRole(AriaRole.Region, new() { Name = Tactical });
        await Expect(section.Locator(".focused-obstacle").First).ToHaveTextAsync("Terugmeldingen van het re-integratiebedrijf komen zonder reden");

        // Team Werk rewords the obstacle in focus through the API: the tactical board's KATA summary follows.
        await api.RephraseFocusedObstacle(trackId, "Terugmeldingen komen zonder reden terug");
        await Expect(section.Locator(".focused-obstacle").First).ToHaveTextAsync("Terugmeldingen komen zonder reden terug");

        // Emmy escalates another obstacle from the team's storyboard.
        var board = await browser.NewPageAsync();
        await board.GotoAsync($"/tracks/{trackId}");
        await board.GetByRole(AriaRole.Button, new() { Name = "Obstakel opschalen…" }).ClickAsync();
        await board.GetByLabel("Op te schalen obstakel").SelectOptionAsync(new SelectOptionValue { Label = "Er is geen vaste tijd in de agenda om verwijzingen te bespreken" });
        await board.GetByLabel("Naar doel").SelectOptionAsync(new SelectOptionValue { Label = $"Transformatie naar publieke dienstverlener: {Tactical} (tactisch)" });
        await board.GetByLabel("Eigenaar in de Obeya").FillAsync("Anna Jansen");
        await board.GetByLabel("Verwacht opgelost op").FillAsync("2026-12-07");
        await board.GetByRole(AriaRole.Button, new() { Name = "Opschalen", Exact = true }).ClickAsync();
        await Expect(board.GetByText($"opgeschaald naar '{Tactical}'")).ToBeVisibleAsync();

        await Expect(goalOnWall).ToHaveTextAsync($"{Tactical}: Geblokkeerd");
        await Expect(section.GetByText("Traject 'Kwaliteit van het klantgesprek' is geblokkeerd")).ToBeVisibleAsync();
        await Expect(section.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kwaliteit van het klantgesprek" })).ToContainTextAsync("Geblokkeerd");

        // The impediment board lists it with where it came from.
        await tactics.GetByRole(AriaRole.Link, new() { Name = "Belemmeringen" }).ClickAsync();
        var row = tactics.GetByRole(AriaRole.Row).Filter(new() { HasText = "Er is geen vaste tijd in de agenda om verwijzingen te bespreken" });
        await Expect(row).ToContainTextAsync("Opgeschaald van Kwaliteit van het klantgesprek");
        await Expect(row).ToContainTextAsync("Anna Jansen");
    }

    [Fact]
    public async Task the_impediments_and_the_dependency_map_lead_to_the_boards_behind_them()
    {
        // AccessibilityTests checks each of these views against WCAG 2.1 AA (the_obeya_room_in_its_four_views_for_a_programme_director).
        var (_, tactics) = await OpenTheRoom();

        await tactics.GetByRole(AriaRole.Link, new() { Name = "Belemmeringen" }).ClickAsync();
        await Expect(tactics.GetByRole(AriaRole.Heading, new() { Name = "Belemmeringen", Level = 1 })).ToBeVisibleAsync();
        await Expect(tactics.GetByRole(AriaRole.Row).Filter(new() { HasText = "Het budgetbeheer heeft een wachtlijst van zes weken" }))
            .ToContainTextAsync("Opgeschaald van Eerste gesprek binnen twee weken");

        await tactics.GetByRole(AriaRole.Link, new() { Name = "Afhankelijkheden" }).ClickAsync();
        await Expect(tactics.GetByRole(AriaRole.Group, new() { Name = "Afhankelijkheden van Transformatie naar publieke dienstverlener" })).ToBeVisibleAsync();
        // "Dashboard klantbeleving" needs the blocked schuldhulp goal: that arrow is drawn as blocked.
        await Expect(tactics.Locator("path.blocked-path").First).ToBeAttachedAsync();
        await tactics.GetByRole(AriaRole.Link, new() { Name = "Werkfit in zes weken: Risico" }).ClickAsync();
        await Expect(tactics.GetByRole(AriaRole.Heading, new() { Name = "Werkfit in zes weken", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task a_programme_director_steers_from_the_views_and_a_teamlid_only_looks()
    {
        var (wall, tactics) = await OpenTheRoom();
        await tactics.GetByRole(AriaRole.Link, new() { Name = "Tactisch: Sturen op maatschappelijke waarde" }).ClickAsync();
        var dashboard = tactics.GetByRole(AriaRole.Region, new() { Name = "Dashboard klantbeleving" });
        await Expect(dashboard.Locator(".status").First).ToHaveTextAsync("Risico");

        // Set against the roll-up, with a reason: shown, with who and why.
        await dashboard.GetByText("Sturen op 'Dashboard klantbeleving'").ClickAsync();
        await dashboard.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Op koers" });
        await dashboard.GetByLabel("Reden").FillAsync("Het dashboard draait al in de pilot");
        await dashboard.GetByRole(AriaRole.Button, new() { Name = "Status bijstellen" }).ClickAsync();
        await Expect(dashboard.Locator(".status").First).ToHaveTextAsync("Op koers");
        await Expect(dashboard).ToContainTextAsync("bijgesteld door Pieter de Vries: Het dashboard draait al in de pilot");

        // A new tactical goal, and an impediment resolved.
        var newGoal = tactics.GetByRole(AriaRole.Region, new() { Name = "Nieuw tactisch doel" });
        await newGoal.GetByLabel("Resultaat").FillAsync("Wachttijden openbaar");
        await newGoal.GetByLabel("Eigenaar").FillAsync("Bram de Boer");
        await newGoal.GetByLabel("Uiterlijk").FillAsync("2027-06-30");
        await newGoal.GetByRole(AriaRole.Button, new() { Name = "Tactisch doel toevoegen" }).ClickAsync();
        await Expect(tactics.GetByRole(AriaRole.Heading, new() { Name = "Wachttijden openbaar", Level = 2 })).ToBeVisibleAsync();

        await tactics.GetByRole(AriaRole.Link, new() { Name = "Belemmeringen" }).ClickAsync();
        const string costs = "Geen afspraak met de financiële administratie over kosten per traject";
        await tactics.GetByLabel($"Hoe opgelost: '{costs}'").FillAsync("Afspraak gemaakt met de controller");
        await tactics.GetByRole(AriaRole.Button, new() { Name = $"'{costs}' is opgelost" }).ClickAsync();
        await Expect(tactics.GetByRole(AriaRole.Listitem).Filter(new() { HasText = costs })).ToContainTextAsync("Afspraak gemaakt met de controller");
        await Expect(wall.GetByText("Kosten per traject in beeld: Op koers")).ToBeVisibleAsync();

        // Emmy of Team Werk reads the room but has no levers.
        var teamlid = await browser.NewPageAsync();
        await teamlid.GotoAsync(tactics.Url);
        await Expect(teamlid.GetByRole(AriaRole.Heading, new() { Name = "Belemmeringen", Level = 1 })).ToBeVisibleAsync();
        await Expect(teamlid.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(teamlid.GetByRole(AriaRole.Button, new() { Name = "Opgelost" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task a_wall_screen_in_the_obeya_room_follows_an_escalation_on_a_team_board()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (teamId, _, _) = await api.DemoTrack();
        var programme = (await api.Get("/api/v1/programmes"))[0].GetProperty("id").GetGuid();
        var screen = await api.Post($"/api/v1/teams/{teamId}/wall-screens", new { name = "Obeya-ruimte", programmeIds = new[] { programme } });
        var wall = await browser.NewPageAsync(signInAs: null);
        await wall.GotoAsync(screen.GetProperty("path").GetString()!);
        await Expect(wall.Locator("body.wall-live")).ToBeAttachedAsync();
        var goal = wall.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Leren van elke casus:" });
        await Expect(goal).ToHaveTextAsync("Leren van elke casus: Risico");

        // Team Werk's second track serves that goal; Emmy escalates its obstacle to it through the API.
        var tracks = await api.Get($"/api/v1/teams/{teamId}/tracks");
        var outflow = tracks.EnumerateArray().Single(t => t.GetProperty("title").GetString() == "Leren van elke uitstroom");
        var track = await api.Get($"/api/v1/tracks/{outflow.GetProperty("id").GetGuid()}");
        var goals = (await api.Get($"/api/v1/programmes/{programme}")).GetProperty("programme").GetProperty("tacticalGoals");
        var learning = goals.EnumerateArray().Single(g => g.GetProperty("result").GetString() == "Leren van elke casus").GetProperty("id").GetGuid();
        await api.Post($"/api/v1/tracks/{track.GetProperty("id").GetGuid()}/obstacles/{track.GetProperty("focusedObstacleId").GetGuid()}/escalation",
            new { programmeId = programme, goalId = learning, owner = "Anna Jansen", expectedBy = "2026-12-14" }, ifMatch: $"\"{track.GetProperty("version").GetInt64()}\"");

        await Expect(goal).ToHaveTextAsync("Leren van elke casus: Geblokkeerd");
    }
}
