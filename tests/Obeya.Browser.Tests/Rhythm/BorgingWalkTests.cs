using Microsoft.Playwright;
using Obeya.Browser.Tests.Accessibility;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Rhythm;

/// <summary>
/// Borging as each role walks it on the demo (the test clock: Monday 23 November 2026): a member imports a metric's
/// measurements and sees the forecast move; the team cancels a session and subscribes its calendar; the director reads
/// every team's rhythm, worst first.
/// </summary>
public sealed class BorgingWalkTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly DemoApi api = new(browser.BaseUrl);

    private const string Metric = "% klanten binnen 3 maanden teruggemeld door re-integratiebedrijf";

    [Fact]
    public async Task a_dutch_csv_with_one_bad_row_names_that_row_and_once_fixed_the_run_chart_has_its_points_and_a_forecast()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        var forecast = page.Locator("p.forecast");
        // Eight weekly measurements up to today; the target condition is due on 28 December, its target 50 %.
        await Expect(forecast).ToContainTextAsync("op 28 december 2026; doel 50 %");
        await Expect(forecast).ToContainTextAsync("over de laatste 8 metingen");

        await page.ReadyAsync();
        await page.GetByText($"Metingen importeren: {Metric}").ClickAsync();
        var pasted = page.GetByLabel("Of plak de metingen hier (uit Excel of een CSV-bestand)");
        await pasted.FillAsync("Datum;Waarde;Notitie\n04-11-2026;37,5;\n11-11-2026;vijfenveertig;\n18-11-2026;42;na het overleg\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld bekijken" }).ClickAsync();

        var preview = page.Locator(".import-preview");
        await Expect(preview.GetByRole(AriaRole.Status)).ToContainTextAsync("Gelezen als: puntkomma, decimale komma, datums dd-mm-jjjj, met kopregel.");
        await Expect(preview.GetByRole(AriaRole.Status)).ToContainTextAsync("3 regels: 2 nieuw, 0 gecorrigeerd, 0 overgeslagen, 1 niet te lezen.");
        var errors = preview.GetByRole(AriaRole.Table);
        await Expect(errors.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(errors.GetByRole(AriaRole.Row).Nth(1)).ToHaveTextAsync("3'vijfenveertig' is geen getal. Dit bestand gebruikt een decimale komma, zoals 41,5.");
        await Expect(preview.GetByRole(AriaRole.Button, new() { Name = "Importeren: 2 metingen" })).ToHaveCountAsync(0);
        (await Axe.Violations(page)).Should().BeEmpty();

        // Fixed, and chosen as a file: read, previewed again, then stored as one change.
        await page.GetByLabel("CSV-bestand kiezen").SetInputFilesAsync(new FilePayload
        {
            Name = "metingen.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("Datum;Waarde;Notitie\r\n04-11-2026;37,5;\r\n11-11-2026;40;\r\n18-11-2026;42;na het overleg\r\n"),
        });
        await Expect(preview.GetByRole(AriaRole.Status)).ToContainTextAsync("3 regels: 3 nieuw, 0 gecorrigeerd, 0 overgeslagen, 0 niet te lezen.");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Importeren: 3 metingen" }).ClickAsync();
        await Expect(page.GetByText("3 nieuw, 0 gecorrigeerd.")).ToBeVisibleAsync();
        await Expect(page.Locator($"figcaption").Filter(new() { HasText = Metric })).ToBeFocusedAsync();

        await Expect(forecast).ToContainTextAsync("over de laatste 11 metingen");
        await page.GetByText("Metingen als tabel").ClickAsync();
        var table = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "na het overleg" });
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "18 november 2026" })).ToContainTextAsync("42 %");
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(12);
        (await api.Track(trackId)).GetProperty("metrics")[0].GetProperty("measurements").GetArrayLength().Should().Be(11);
    }

    [Fact]
    public async Task the_team_cancels_a_session_sees_it_in_its_habit_calendar_and_subscribes_its_calendar()
    {
        var (teamId, _, _) = await api.DemoTrack();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/teams/{teamId}");
        await page.ReadyAsync();

        var cancel = page.GetByRole(AriaRole.Region, new() { Name = "Sessies afzeggen" });
        await cancel.GetByLabel("Van").FillAsync("2026-11-26");
        await cancel.GetByLabel("Reden (bijvoorbeeld kerstvakantie)").FillAsync("Teamuitje");
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Afzeggen" }).ClickAsync();
        await Expect(cancel.GetByRole(AriaRole.Listitem)).ToHaveTextAsync("26 november 2026: Teamuitje Toch houden");
        var calendar = page.GetByRole(AriaRole.Table, new() { Name = "Sessies van de laatste twaalf weken" });
        await Expect(calendar.GetByText("26 november 2026: afgezegd: Teamuitje")).ToHaveCountAsync(1);

        var feeds = page.GetByRole(AriaRole.Region, new() { Name = "Stand-ups in je agenda" });
        await feeds.GetByRole(AriaRole.Button, new() { Name = "Agenda-link maken" }).ClickAsync();
        var link = feeds.GetByLabel("Nieuwe agenda-link");
        await Expect(link).ToBeFocusedAsync();
        var url = await link.InputValueAsync();
        var ics = await page.APIRequest.GetAsync(url);
        ics.Status.Should().Be(200);
        var exceptions = (await ics.TextAsync()).Split("\r\n").Single(line => line.StartsWith("EXDATE;TZID=Europe/Amsterdam:", StringComparison.Ordinal));
        exceptions.Split(':')[1].Split(',').Should().Contain("20261126T090000", "the day it cancelled drops out, beside the demo's study day");
        (await Axe.Violations(page)).Should().BeEmpty();

        await feeds.GetByRole(AriaRole.Button, new() { Name = "Intrekken: agenda-link van 23 november 2026" }).ClickAsync();
        await Expect(feeds.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(0);
        (await page.APIRequest.GetAsync(url)).Status.Should().Be(404);

        await cancel.GetByRole(AriaRole.Button, new() { Name = "Toch houden: Teamuitje" }).ClickAsync();
        await Expect(calendar.GetByText("26 november 2026: komt nog")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task the_director_reads_every_teams_rhythm_worst_first_at_each_size()
    {
        var page = await browser.NewPageAsync(signInAs: "pieter@gemeente.example.nl");
        await page.GotoAsync("/obeya");
        await page.GetByRole(AriaRole.Link, new() { Name = "Transformatie naar publieke dienstverlener" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ritme van de teams" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ritme van de teams", Level = 1 })).ToBeVisibleAsync();

        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(rows.Nth(1)).ToContainTextAsync("Team Werk");
        await Expect(rows.Nth(1)).ToContainTextAsync("hapert");
        await Expect(rows.Nth(1)).ToContainTextAsync("Coach niet gezien sinds 18 dagen");
        foreach (var i in new[] { 2, 3, 4 })
        {
            await Expect(rows.Nth(i)).ToContainTextAsync("houdt");
        }

        foreach (var (width, height) in new[] { (1920, 1080), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            (await Axe.Violations(page)).Should().BeEmpty();
        }

        await rows.Nth(1).GetByRole(AriaRole.Link, new() { Name = "Team Werk" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Borging: houdt het ritme?" })).ToBeVisibleAsync();
    }

    public void Dispose() => api.Dispose();
}
