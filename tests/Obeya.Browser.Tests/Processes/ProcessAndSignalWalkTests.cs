using Microsoft.Playwright;
using Obeya.Browser.Tests.Accessibility;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Processes;

/// <summary>
/// What the boards improve and what citizens tell us, as Team Werk walks it on the demo: a member maps a value stream
/// with the keyboard alone, links the team's track to one of its steps and sees the coverage in the catalogue and the
/// Obeya room; then imports the KCC's tallies, reads a theme's chart and forecast, and puts the theme on the team's
/// board, where it appears live.
/// </summary>
public sealed class ProcessAndSignalWalkTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Process = "Intake werkzoekende";

    /// <summary>Types into the focused field what it should hold, whatever it held.</summary>
    private static async Task Fill(IPage page, string text)
    {
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    [Fact]
    public async Task a_member_maps_a_value_stream_by_keyboard_links_the_track_to_a_step_and_sees_the_coverage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/processen");
        // Once the catalogue runs in its circuit: a click on the prerendered page while Blazor draws it again is lost.
        await page.ReadyAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = Process }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Process, Level = 1 })).ToBeVisibleAsync();
        await page.ReadyAsync();
        await Expect(page.GetByText("Dit proces is nog niet in kaart gebracht.")).ToBeVisibleAsync();

        // From here on only keys: the button is reached with Tab, every field and button after it too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe kaart tekenen" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#map-name")).ToBeFocusedAsync();
        await Expect(page.Locator("#map-name")).ToHaveValueAsync("Zo gaat het nu");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Fill(page, "25");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stap toevoegen" })).ToBeFocusedAsync();
        (string Name, string Who, string Wait, string Work, string Right)[] steps =
        [
            ("Aanmelding", "KCC", "0", "15", "80"),
            ("Intakegesprek", "Klantmanager", "2880", "60", "90"),
            ("Plan van aanpak", "Klantmanager", "1440", "45", "100"),
        ];
        for (var i = 0; i < steps.Length; i++)
        {
            var (name, who, wait, work, right) = steps[i];
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator($"#step-name-{i}")).ToBeFocusedAsync();
            await Fill(page, name);
            foreach (var value in new[] { who, wait, work, right })
            {
                await page.Keyboard.PressAsync("Tab");
                await Fill(page, value);
            }

            // On past the rework choice and the row's buttons (the disabled ones are skipped) to "Stap toevoegen".
            var addStep = page.GetByRole(AriaRole.Button, new() { Name = "Stap toevoegen" });
            for (var tabs = 0; tabs < 6 && !await addStep.EvaluateAsync<bool>("b => b === document.activeElement"); tabs++)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            await Expect(addStep).ToBeFocusedAsync();
        }

        // The intake sends a tenth back to the application: chosen with the arrow keys in its row's list.
        var rework = page.GetByLabel("Stap 2: herstelwerk terug naar");
        await rework.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(rework.Locator("option:checked")).ToHaveTextAsync("1. Aanmelding");
        // The plan goes before the intake and back again, by its buttons.
        await page.GetByRole(AriaRole.Button, new() { Name = "'Plan van aanpak' een plaats omhoog" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("Stap 2: naam")).ToHaveValueAsync("Plan van aanpak");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("Stap 3: naam")).ToHaveValueAsync("Plan van aanpak");

        var preview = page.Locator(".map-preview");
        await Expect(preview).ToHaveTextAsync("Met deze stappen: doorlooptijd 3,1 dagen, werktijd 2 uur, stroomefficiëntie 2,7 %, goed in één keer 72 %.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kaart opslaan" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var map = page.GetByRole(AriaRole.Article, new() { Name = "Zo gaat het nu huidige situatie" });
        await Expect(map.GetByRole(AriaRole.Status)).ToHaveTextAsync("Doorlooptijd 3,1 dagen, werktijd 2 uur, stroomefficiëntie 2,7 %, goed in één keer 72 %.");
        await Expect(map.Locator("svg.vsm title")).ToContainTextAsync("3 stappen, doorlooptijd 3,1 dagen");
        await Expect(map.Locator("svg.vsm .vsm-step")).ToHaveCountAsync(3);
        await Expect(map.Locator("svg.vsm .vsm-rework")).ToHaveCountAsync(1);
        (await Axe.Violations(page)).Should().BeEmpty();

        // The team's track works on the intake.
        await page.GetByLabel("Verbetertraject", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Team Werk: Kwaliteit van het klantgesprek" });
        await page.GetByLabel("Aan de stap").SelectOptionAsync(new SelectOptionValue { Label = "Intakegesprek" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppelen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Kwaliteit van het klantgesprek" }))
            .ToContainTextAsync("(lopend; aan de stap 'Intakegesprek')");

        await page.GetByRole(AriaRole.Link, new() { Name = "Processen", Exact = true }).First.ClickAsync();
        await page.ReadyAsync();
        await page.GetByLabel("Alleen met een lopend verbetertraject").CheckAsync();
        var rows = page.Locator("table.catalogue tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = Process })).ToContainTextAsync("ja (1 lopend(e) traject(en))");

        await page.GetByRole(AriaRole.Link, new() { Name = "Obeya-ruimte" }).ClickAsync();
        var coverage = page.GetByRole(AriaRole.Region, new() { Name = "Processen en verbetering" });
        await Expect(coverage.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 van de 20 processen hebben een lopend verbetertraject; 4 zijn in kaart gebracht.");
        // Team Werk: five processes, two mapped, two with its running track.
        await Expect(coverage.GetByRole(AriaRole.Row).Filter(new() { HasText = "Team Werk" }).Locator("th, td")).ToHaveTextAsync(["Team Werk", "5", "2", "2"]);
    }

    [Fact]
    public async Task tallies_with_one_bad_row_are_refused_then_imported_and_the_theme_goes_on_the_board_live()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var board = await browser.NewPageAsync();
        await board.GotoAsync($"/tracks/{trackId}");
        await board.ReadyAsync();

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Klantsignalen" }).ClickAsync();
        await page.ReadyAsync();
        var pasted = page.GetByLabel("Of plak de tellingen hier");
        await pasted.FillAsync("Datum;Kanaal;Thema;Aantal\n21-11-2026;telefoon;Verlengen rijbewijs;40\n22-11-2026;fax;Verlengen rijbewijs;3\n2026-11-21;balie;verlengen rijbewijs;7\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();
        var preview = page.Locator(".import-preview");
        await Expect(preview.GetByRole(AriaRole.Status)).ToContainTextAsync("3 regels over 1 thema's, samen 47 signalen");
        await Expect(preview.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1)).ToHaveTextAsync("3Kanaal 'fax' kennen we niet: gebruik telefoon, balie, e-mail, web, brief of wijkteam.");
        await Expect(preview.GetByRole(AriaRole.Button, new() { Name = "Importeren: 2 regels" })).ToHaveCountAsync(0);
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.GetByLabel("CSV-bestand kiezen").SetInputFilesAsync(new FilePayload
        {
            Name = "kcc-export.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("Datum;Kanaal;Thema;Aantal\r\n21-11-2026;telefoon;Verlengen rijbewijs;40\r\n22-11-2026;e-mail;Verlengen rijbewijs;3\r\n2026-11-21;balie;verlengen rijbewijs;7\r\n"),
        });
        await Expect(preview.GetByRole(AriaRole.Status)).ToContainTextAsync("0 niet te lezen");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Importeren: 3 regels" }).ClickAsync();
        // A weekend the KCC's export had no counts for yet: three new days.
        await Expect(page.GetByText("3 nieuwe dagen, 0 gewijzigd.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Verlengen rijbewijs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verlengen rijbewijs", Level = 1 })).ToBeVisibleAsync();
        await page.ReadyAsync();
        var chart = page.Locator("figure.signal-chart");
        // The renewal wave of a year ago shows ahead: the forecast names its busiest week.
        await Expect(chart.Locator(".forecast-peak")).ToContainTextAsync("Verwacht de drukste week:");
        await Expect(chart.Locator(".rz-chart")).ToBeVisibleAsync();
        await chart.GetByText("Weken en verwachting als tabel").ClickAsync();
        await Expect(chart.Locator("tr.forecast")).ToHaveCountAsync(13);
        (await Axe.Violations(page)).Should().BeEmpty();

        await page.GetByLabel("Bord (verbetertraject)").SelectOptionAsync(new SelectOptionValue { Label = "Team Werk: Kwaliteit van het klantgesprek" });
        await page.GetByLabel("Het obstakel").FillAsync("Inwoners bellen over het verlengen van hun rijbewijs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Als obstakel op het bord zetten" }).ClickAsync();
        await Expect(page.Locator("ul.promotions li")).ToContainTextAsync("Inwoners bellen over het verlengen van hun rijbewijs — staat nog open");

        // On the team's board, open all along: the obstacle is there without a reload, saying where it came from.
        var obstacle = board.Locator("li.obstacle").Filter(new() { HasText = "Inwoners bellen over het verlengen van hun rijbewijs" });
        await Expect(obstacle.Locator("a.badge.origin")).ToContainTextAsync("klantsignalen over 'Verlengen rijbewijs'");
    }
}
