using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Programmes;

/// <summary>
/// The programme director on the demo (Pieter de Vries, in no team): the home shows the programmes and what changed,
/// the tactical board names teams and what blocks them, the chips say why, and one list says what is blocked and why.
/// The demo has a past, so its storyboard as it stood on 1 November shows the measurements of October only.
/// </summary>
public class DirectorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Director = "pieter@gemeente.example.nl";
    private const string Programme = "Transformatie naar publieke dienstverlener";

    private async Task<IPage> StrategicWall()
    {
        var page = await browser.NewPageAsync(signInAs: Director);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = Programme }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{Programme}: strategisch", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task the_tactical_board_names_each_tracks_team_and_the_escalated_obstacle_that_blocks_it()
    {
        var page = await StrategicWall();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Obeya-borden" }).GetByRole(AriaRole.Link, new() { Name = "Tactisch: Inwoners ervaren één overheid" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tactisch: Inwoners ervaren één overheid", Level = 1 })).ToBeVisibleAsync();

        var blocked = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Eerste gesprek binnen twee weken" });
        await Expect(blocked.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Team Schulden");
        await Expect(blocked).ToContainTextAsync(
            "Geblokkeerd door opgeschaald obstakel 'Het budgetbeheer heeft een wachtlijst van zes weken', sinds 20 november 2026 (3 dagen)");
        var healthy = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kwaliteit van het klantgesprek" });
        await Expect(healthy.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Team Werk");
        await Expect(healthy).Not.ToContainTextAsync("Geblokkeerd door");
    }

    [Fact]
    public async Task the_strategic_walls_chips_say_why_in_words()
    {
        var page = await StrategicWall();
        var chips = page.GetByRole(AriaRole.List, new() { Name = "Tactische doelen van Sturen op maatschappelijke waarde" });

        var dashboard = chips.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Dashboard klantbeleving" });
        await Expect(dashboard).ToContainTextAsync("Dashboard klantbeleving: Risico");
        await Expect(dashboard.GetByText("Hangt af van 'Schuldhulp binnen twee weken gestart', dat geblokkeerd is")).ToBeVisibleAsync();
        await Expect(chips.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Kosten per traject in beeld" }))
            .ToContainTextAsync("Belemmering 'Geen afspraak met de financiële administratie over kosten per traject' staat open");
        // A team whose rhythm slips puts the goal its boards serve at risk, saying which team's and why.
        var slipping = page.GetByRole(AriaRole.List, new() { Name = "Tactische doelen van Inwoners ervaren één overheid" })
            .GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Klant in regie over het eigen plan" });
        await Expect(slipping).ToContainTextAsync("'Kwaliteit van het klantgesprek': het ritme van het team hapert: Coach niet gezien sinds 18 dagen");
        // On track needs no reason.
        var onTrack = page.GetByRole(AriaRole.List, new() { Name = "Tactische doelen van Inwoners ervaren één overheid" })
            .GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Eén loket voor werk en inkomen" });
        await Expect(onTrack).ToHaveTextAsync("Eén loket voor werk en inkomen: Op koers");
    }

    [Fact]
    public async Task what_is_blocked_and_why_lists_cause_team_owner_and_age_oldest_first()
    {
        var page = await StrategicWall();
        await page.GetByRole(AriaRole.Link, new() { Name = "Wat is geblokkeerd", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wat is geblokkeerd en waarom", Level = 1 })).ToBeVisibleAsync();

        var rows = page.Locator("table.blocked-list tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(0)).ToContainTextAsync("Kosten per traject in beeld");
        await Expect(rows.Nth(0)).ToContainTextAsync("Belemmering 'Geen afspraak met de financiële administratie over kosten per traject'");
        await Expect(rows.Nth(0)).ToContainTextAsync("21 dagen");
        await Expect(rows.Nth(2)).ToContainTextAsync("Heeft 'Schuldhulp binnen twee weken gestart' nodig, dat geblokkeerd is");
        var track = rows.Nth(3);
        await Expect(track).ToContainTextAsync("Eerste gesprek binnen twee weken");
        await Expect(track).ToContainTextAsync("Opgeschaald obstakel 'Het budgetbeheer heeft een wachtlijst van zes weken'");
        await Expect(track).ToContainTextAsync("Team Schulden");
        await Expect(track).ToContainTextAsync("Chantal Visser");
        await Expect(track).ToContainTextAsync("3 dagen");

        await track.GetByRole(AriaRole.Link, new() { Name = "Eerste gesprek binnen twee weken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eerste gesprek binnen twee weken", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_demo_storyboard_on_1_november_shows_the_octobers_measurements_only()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("figure.metric tbody tr")).ToHaveCountAsync(8);

        await page.GotoAsync($"/tracks/{trackId}?asOf=2026-11-01");
        await Expect(page.GetByText("Je kijkt naar het bord zoals het stond op 1 november 2026")).ToBeVisibleAsync();
        await Expect(page.Locator("figure.metric tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("figure.metric figcaption")).ToContainTextAsync("op 26 oktober 2026");
        await Expect(page.GetByText("Contactpersoon bij Re-integratie Noord vragen en op het bord zetten")).ToHaveCountAsync(0);
    }

    /// <summary>Not an assertion of looks: saves the director's screens at TV, laptop and phone size for a person to look at.</summary>
    [Fact]
    public async Task the_directors_screens_at_three_sizes()
    {
        var page = await StrategicWall();
        var wall = page.Url;
        var programmeId = wall.Split('/')[^1];
        var goal = await page.GetByRole(AriaRole.Link, new() { Name = "Inwoners ervaren één overheid" }).First.GetAttributeAsync("href");
        (string Name, string Path)[] screens = [("home", "/"), ("wall", $"/obeya/{programmeId}"), ("tactical", goal!), ("blocked", $"/obeya/{programmeId}/geblokkeerd")];
        var wide = new List<string>();
        foreach (var (width, height) in new[] { (1920, 1080), (1280, 720), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var (name, path) in screens)
            {
                await page.FollowAsync(path);
                await Sizes.Shot(page, $"{name}-{width}x{height}", fullPage: true, folder: "/tmp/director-shots");
                if ((await Sizes.Scrolls(page)).Width > width)
                {
                    wide.Add($"{name} at {width}x{height}");
                }
            }
        }

        wide.Should().BeEmpty("no director's screen scrolls sideways at any of the three sizes");
    }
}

/// <summary>The director's home, on a server of its own: it changes the demo programme, which the other tests read as seeded.</summary>
public class DirectorHomeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Director = "pieter@gemeente.example.nl";
    private const string Programme = "Transformatie naar publieke dienstverlener";

    [Fact]
    public async Task a_director_in_no_team_sees_the_programmes_and_what_changed_since_the_last_visit()
    {
        var page = await browser.NewPageAsync(signInAs: Director);
        await page.GotoAsync("/");
        var programmes = page.GetByRole(AriaRole.Region, new() { Name = "Programma's" });
        var card = programmes.GetByRole(AriaRole.Listitem).Filter(new() { HasText = Programme }).First;
        await Expect(card).ToContainTextAsync("nog niet bekeken");
        await Expect(card).ToContainTextAsync("0 op koers · 3 risico · 0 geblokkeerd · 0 bereikt");
        await Expect(page.GetByText("Je staat nog in geen enkel team")).ToHaveCountAsync(0);

        await card.GetByRole(AriaRole.Link, new() { Name = Programme }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        // The view notes what it showed in the browser's storage just after it rendered: leave once it has.
        await page.WaitForFunctionAsync("() => localStorage.getItem('obeya-seen-room') !== null");
        await page.GotoAsync("/");
        await Expect(card).ToContainTextAsync("Niets veranderd sinds je laatste bezoek");

        // The director raises an impediment in the room, and Team Werk changes its board below it.
        using var director = new DemoApi(browser.BaseUrl, Director);
        var programme = (await director.Get("/api/v1/programmes"))[0];
        var goalId = programme.GetProperty("tacticalGoals")[0].GetProperty("id").GetGuid();
        await director.Post($"/api/v1/programmes/{programme.GetProperty("id").GetGuid()}/impediments",
            new { goalId, text = "Geen ruimte in de planning van de klantmanagers", owner = "Anna Jansen", expectedBy = "2026-12-14" });
        using var team = new DemoApi(browser.BaseUrl);
        await team.Change(await team.DemoTrackId(), HttpMethod.Put, "/challenge", new { challenge = "Over een jaar helpt elk gesprek" });
        await page.ReloadAsync();

        await Expect(card).ToContainTextAsync("gewijzigd sinds je laatste bezoek");
        var changes = card.GetByRole(AriaRole.List, new() { Name = $"Wat veranderde in {Programme}" });
        await Expect(changes).ToContainTextAsync(
            "23 november 2026: Pieter de Vries benoemde de belemmering 'Geen ruimte in de planning van de klantmanagers' bij 'Klant in regie over het eigen plan'");
        await Expect(changes).ToContainTextAsync("Dit verbetertraject is veranderd: Kwaliteit van het klantgesprek (Team Werk)");
    }
}
