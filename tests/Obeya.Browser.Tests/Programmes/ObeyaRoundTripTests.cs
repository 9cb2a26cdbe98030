using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Programmes;

/// <summary>
/// The Obeya round trip as the people in it do it on their screens: Emmy escalates an obstacle from her team's
/// storyboard, Pieter resolves it on the impediment board, and Emmy goes on working on that same open board.
/// </summary>
public class ObeyaRoundTripTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Obstacle = "Er is geen vaste tijd in de agenda om verwijzingen te bespreken";
    private const string Goal = "Klant in regie over het eigen plan";

    [Fact]
    public async Task the_team_keeps_working_on_its_board_after_the_obeya_resolved_what_it_escalated()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var board = await browser.NewPageAsync();
        await board.GotoAsync($"/tracks/{trackId}");
        await Expect(board.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();

        await board.GetByRole(AriaRole.Button, new() { Name = "Obstakel opschalen…" }).ClickAsync();
        await board.GetByLabel("Op te schalen obstakel").SelectOptionAsync(new SelectOptionValue { Label = Obstacle });
        await board.GetByLabel("Naar doel").SelectOptionAsync(new SelectOptionValue { Label = $"Transformatie naar publieke dienstverlener: {Goal} (tactisch)" });
        await board.GetByLabel("Eigenaar in de Obeya").FillAsync("Anna Jansen");
        await board.GetByLabel("Verwacht opgelost op").FillAsync("2026-12-07");
        await board.GetByRole(AriaRole.Button, new() { Name = "Opschalen", Exact = true }).ClickAsync();
        await Expect(board.GetByText($"opgeschaald naar '{Goal}'")).ToBeVisibleAsync();

        // Pieter, in the Obeya room, resolves it on the impediment board.
        var room = await browser.NewPageAsync(signInAs: "pieter@gemeente.example.nl");
        await room.GotoAsync("/obeya");
        await room.GetByRole(AriaRole.Link, new() { Name = "Transformatie naar publieke dienstverlener" }).ClickAsync();
        await room.GetByRole(AriaRole.Link, new() { Name = "Belemmeringen" }).ClickAsync();
        await Expect(room.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await room.GetByLabel($"Hoe opgelost: '{Obstacle}'").FillAsync("Elke dinsdag een half uur vrijgehouden");
        await room.GetByRole(AriaRole.Button, new() { Name = $"'{Obstacle}' is opgelost" }).ClickAsync();
        await Expect(room.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Obstacle })).ToContainTextAsync("Elke dinsdag een half uur vrijgehouden");

        // Emmy's open board heard it, and takes three changes in a row.
        await Expect(board.GetByText("Obeya: Elke dinsdag een half uur vrijgehouden")).ToBeVisibleAsync();
        await board.GetByLabel("Nieuw obstakel").FillAsync("Verwijzingen liggen een week op de stapel");
        await board.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();
        await Expect(board.GetByText("Verwijzingen liggen een week op de stapel")).ToBeVisibleAsync();

        await board.GetByRole(AriaRole.Button, new() { Name = $"Wijzig '{Obstacle}'" }).ClickAsync();
        await board.GetByLabel("Obstakel", new() { Exact = true }).FillAsync("Geen vaste tijd om verwijzingen te bespreken");
        await board.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(board.GetByText("Geen vaste tijd om verwijzingen te bespreken")).ToBeVisibleAsync();

        await board.GetByRole(AriaRole.Button, new() { Name = "'Verwijzingen liggen een week op de stapel' vervalt" }).ClickAsync();
        await Expect(board.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Verwijzingen liggen een week op de stapel" })).ToContainTextAsync("vervallen");

        await Expect(board.GetByText("Het bord is gewijzigd")).ToHaveCountAsync(0);
        var stored = await api.Track(trackId);
        stored.GetProperty("obstacles").EnumerateArray().Select(o => o.GetProperty("text").GetString())
            .Should().Contain(["Geen vaste tijd om verwijzingen te bespreken", "Verwijzingen liggen een week op de stapel"]);
        var history = await api.Get($"/api/v1/tracks/{trackId}/history");
        stored.GetProperty("version").GetInt64().Should().Be(history.GetArrayLength(), "the board's version is the number of its events");
    }
}
