using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Accessibility;

/// <summary>Dutch public bodies are held to WCAG 2.1 AA: axe-core finds no violation, of any impact, on any screen.</summary>
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

        (await Axe.Violations(page)).Should().BeEmpty();
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

        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_stand_ups_wall_view_the_session_history_and_a_sessions_agreements()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var (sessionId, version) = await Sessions.StandupSessions.Start(api, teamId, trackId);
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync($"/teams/{teamId}/standup?wand=1");
        await page.GetByLabel("Coach die de vragen stelt").SelectOptionAsync(new SelectOptionValue { Label = "Marieke" });
        await Expect(page.GetByLabel("Antwoord op vraag 1")).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();

        var emmy = await Sessions.StandupSessions.PersonId(api, teamId, "Emmy");
        (_, version) = await Sessions.StandupSessions.Send(api, sessionId, version, "/attendance", new { personId = emmy, present = true });
        await Sessions.StandupSessions.Send(api, sessionId, version, "/end", new { });
        await page.FollowAsync($"/teams/{teamId}/sessies");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessies van Team Werk" })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();

        await page.FollowAsync($"/teams/{teamId}/sessies/{sessionId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afdrukken" })).ToBeVisibleAsync();
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

        (await Axe.Violations(page)).Should().BeEmpty();
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
        await Expect(page).ToHaveTitleAsync("Teams · Obeya");
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.FollowAsync($"/teams/{teamId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team Werk", Level = 1 })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        // The browser asks for reduced motion (BrowserFixture): Radzen's buttons then ripple and fade in no time.
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.rz-button')).transitionDuration"))
            .Split(',').Should().OnlyContain(duration => duration.Trim() == "1e-05s");
    }

    [Fact]
    public async Task the_storyboard_as_it_was_and_the_audit_page()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/tracks/{trackId}?asOf=2026-11-23");
        await Expect(page.GetByText("Je kijkt naar het bord zoals het stond op")).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.FollowAsync($"/teams/{teamId}/audit");
        await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_process_catalogue_searched_and_filtered()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/processen");
        await page.ReadyAsync();
        await page.GetByLabel("Zoeken in naam, klant, vraag en team").FillAsync("invordering");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 processen; 1 in kaart gebracht, 0 met een lopend verbetertraject.");
        await page.GetByLabel("Zoeken in naam, klant, vraag en team").FillAsync("");
        await page.GetByLabel("Alleen met een lopend verbetertraject").CheckAsync();
        await Expect(page.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(["Terugmelding door het re-integratiebedrijf"]);

        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task a_process_with_its_map_editor_open_and_a_theme_with_its_recorded_signals()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/processen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Terugmelding door het re-integratiebedrijf" }).ClickAsync();
        await page.ReadyAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kaart wijzigen" }).ClickAsync();
        await Expect(page.GetByLabel("Stap 4: naam")).ToHaveValueAsync("Terugmelding verwerken");
        await page.GetByText("De kaart als tabel").ClickAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.GotoAsync("/klantsignalen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Terugmelding zonder reden" }).ClickAsync();
        await page.ReadyAsync();
        await Expect(page.GetByText("Klant begrijpt niet waarom zijn traject stopt")).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task beheer_with_its_forms()
    {
        var page = await browser.NewPageAsync(signInAs: "beheer@gemeente.example.nl");
        await page.GotoAsync("/beheer");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Account maken" })).ToBeVisibleAsync();

        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_obeya_room_in_its_four_views_for_a_programme_director()
    {
        var page = await browser.NewPageAsync(signInAs: "pieter@gemeente.example.nl");
        await page.GotoAsync("/obeya");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Transformatie naar publieke dienstverlener" })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Transformatie naar publieke dienstverlener" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Inwoners ervaren één overheid" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tactisch: Inwoners ervaren één overheid", Level = 1 })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Belemmeringen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Belemmeringen", Level = 1 })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Afhankelijkheden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Afhankelijkheden als lijst" })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_account_pages_and_the_not_found_page()
    {
        var anonymous = await browser.NewPageAsync(signInAs: null);
        await anonymous.GotoAsync("/inloggen");
        await Expect(anonymous.GetByRole(AriaRole.Button, new() { Name = "Inloggen" })).ToBeVisibleAsync();
        (await Axe.Violations(anonymous)).Should().BeEmpty();

        await anonymous.GotoAsync("/dit-adres-bestaat-niet");
        await Expect(anonymous.GetByRole(AriaRole.Heading, new() { Name = "Niet gevonden", Level = 1 })).ToBeVisibleAsync();
        (await Axe.Violations(anonymous)).Should().BeEmpty();

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/wachtwoord");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_team_page_with_a_confirmation_open()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        await api.CreateWallScreen(teamId, trackId);
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.GotoAsync($"/teams/{teamId}");
        // The start form is drawn once the page runs; before that a key press reaches only the prerendered button.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verbetertraject starten" })).ToBeVisibleAsync();
        var revoke = page.GetByRole(AriaRole.Button, new() { Name = "Intrekken: wandscherm" }).First;
        await revoke.FocusAsync();
        await revoke.PressAsync("Enter");

        var dialog = page.GetByRole(AriaRole.Alertdialog);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" })).ToBeFocusedAsync();
        (await Axe.Violations(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_team_page_with_its_forms_and_the_obeya_list_with_its_levers()
    {
        var trackId = await api.DemoTrackId();
        var teamId = (await api.Track(trackId)).GetProperty("teamId").GetGuid();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/teams/{teamId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verbetertraject starten" })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();

        var beheerder = await browser.NewPageAsync(signInAs: "beheer@gemeente.example.nl");
        await beheerder.GotoAsync($"/teams/{teamId}");
        await Expect(beheerder.GetByRole(AriaRole.Button, new() { Name = "Ritme opslaan" })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(beheerder)).Should().BeEmpty();

        var director = await browser.NewPageAsync(signInAs: "pieter@gemeente.example.nl");
        await director.GotoAsync("/obeya");
        await Expect(director.GetByRole(AriaRole.Button, new() { Name = "Programma starten" })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(director)).Should().BeEmpty();
    }

    [Fact]
    public async Task the_directors_home_and_what_is_blocked()
    {
        var page = await browser.NewPageAsync(signInAs: "pieter@gemeente.example.nl");
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Programma's" })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Wat is geblokkeerd en waarom" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wat is geblokkeerd en waarom", Level = 1 })).ToBeVisibleAsync();
        (await Axe.SeriousViolations(page)).Should().BeEmpty();
    }
}
