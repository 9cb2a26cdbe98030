using System.Text.Json;
using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Sessions;

/// <summary>
/// The stand-up as issue 11 wants it: over all the team's tracks, the coach's answers kept as typed, the session
/// history, the wall view on the team's touch screen, the agreements on A4, and a keyboard that never loses focus.
/// </summary>
public class StandupWallTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SecondTrack = "Klantbestand beter in beeld";
    private const string Shots = "/tmp/standup-shots";

    private async Task<(Guid TeamId, Guid TrackId)> TeamWerk(DemoApi api)
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var tracks = await api.Get($"/api/v1/teams/{teamId}/tracks");
        if (tracks.EnumerateArray().All(t => t.GetProperty("title").GetString() != SecondTrack))
        {
            await api.Post($"/api/v1/teams/{teamId}/tracks", new { title = SecondTrack, challenge = "Elke klant is binnen een maand gesproken" });
        }

        return (teamId, trackId);
    }

    [Fact]
    public async Task a_stand_up_over_two_tracks_keeps_the_coachs_answers_through_a_reload_and_the_history_shows_them()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (teamId, _) = await TeamWerk(api);
        await StandupSessions.EndOpen(api, teamId);
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.GotoAsync($"/teams/{teamId}/standup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Timer)).ToContainTextAsync("Nog");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Emmy" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Marieke (coach)" }).CheckAsync();
        await page.GetByLabel("Coach die de vragen stelt").SelectOptionAsync(new SelectOptionValue { Label = "Marieke" });
        // Question 5 knows this session runs now: what was learned is seen in the next one.
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 5")).ToContainTextAsync("Deze sessie loopt sinds");
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 5")).ToContainTextAsync("In de volgende sessie");

        string[] answers =
        [
            "Verwijzen met een besproken klantbeeld",
            "Vier van de tien; we leerden dat bellen helpt",
            "Terugmeldingen zonder reden",
            "Een vaste contactpersoon per bedrijf",
            "Donderdag in de sessie",
        ];
        for (var i = 0; i < 4; i++)
        {
            await page.GetByLabel($"Antwoord op vraag {i + 1}").FillAsync(answers[i]);
        }

        // Typing, then the browser goes away: what was typed is saved once typing pauses.
        await page.GetByLabel("Antwoord op vraag 5").PressSequentiallyAsync(answers[4]);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Antwoord op vraag 5 opgeslagen" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        for (var i = 0; i < 5; i++)
        {
            await Expect(page.GetByLabel($"Antwoord op vraag {i + 1}")).ToHaveValueAsync(answers[i]);
        }

        // Walk the second track: its board answers, an obstacle added and put in focus, a step agreed on it.
        await page.GetByRole(AriaRole.Button, new() { Name = SecondTrack }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = SecondTrack })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 1")).ToContainTextAsync("Er is nu geen doeltoestand.");
        await page.GetByLabel("Nieuw obstakel").FillAsync("Adressen kloppen niet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zet 'Adressen kloppen niet' in focus" }).ClickAsync();
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 3")).ToContainTextAsync("In focus Adressen kloppen niet");
        await Tracks.StepForm.Agree(page, "Lijst zonder contact maken", "Emmy");

        // And back to the first, where a step is agreed too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Kwaliteit van het klantgesprek" }).ClickAsync();
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 1")).ToContainTextAsync("besproken klantbeeld");
        await Tracks.StepForm.Agree(page, "Contactpersoon Noord bellen", "Sander");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sessie afsluiten" }).ClickAsync();
        await Expect(page.GetByText("Sessie afgesloten om")).ToContainTextAsync("coachingsgesprek met Marieke vastgelegd");

        await page.GotoAsync($"/teams/{teamId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Eerdere sessies (afspraken en coachingsgesprekken)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessies van Team Werk", Level = 1 })).ToBeVisibleAsync();
        var newest = page.Locator(".session-history > li").Filter(new() { HasText = answers[0] });
        await Expect(newest).ToContainTextAsync("Aanwezig: Emmy, Marieke");
        await Expect(newest).ToContainTextAsync("Coach: Marieke");
        foreach (var answer in answers)
        {
            await Expect(newest).ToContainTextAsync(answer);
        }

        await Expect(newest.GetByRole(AriaRole.Cell, new() { Name = "Lijst zonder contact maken" })).ToBeVisibleAsync();
        await Expect(newest.GetByRole(AriaRole.Cell, new() { Name = "Contactpersoon Noord bellen" })).ToBeVisibleAsync();

        var history = (await api.Get($"/api/v1/teams/{teamId}/sessions/history")).EnumerateArray()
            .Single(h => h.GetProperty("answers").EnumerateArray().Any(a => a.GetProperty("answer").GetString() == answers[0]));
        history.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("answer").GetString()).Should().Equal(answers);
        // The demo's clock stands still, so the demo's own steps share the session's moment: look for these two.
        history.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("text").GetString(), s.GetProperty("trackTitle").GetString()))
            .Should().Contain(("Lijst zonder contact maken", SecondTrack)).And.Contain(("Contactpersoon Noord bellen", "Kwaliteit van het klantgesprek"));
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task the_wall_view_holds_the_whole_session_on_the_screen_large_enough_to_read_and_touch(int width, int height)
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (teamId, trackId) = await TeamWerk(api);
        await StandupSessions.Start(api, teamId, trackId);
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"/teams/{teamId}/standup?wand=1");
        await page.GetByLabel("Coach die de vragen stelt").SelectOptionAsync(new SelectOptionValue { Label = "Marieke" });
        await Expect(page.GetByLabel("Antwoord op vraag 1")).ToBeVisibleAsync();
        // One question open at a time: the coach opens the next as she asks it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Wat is de huidige toestand nu?" }).ClickAsync();
        await Expect(page.GetByLabel("Antwoord op vraag 2")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Wat het bord zegt bij vraag 2")).ToContainTextAsync("Laatste stap");
        await Sizes.Shot(page, $"wall-{width}x{height}", folder: Shots);

        var end = await page.GetByRole(AriaRole.Button, new() { Name = "Sessie afsluiten" }).BoundingBoxAsync();
        end!.Y.Should().BeGreaterThanOrEqualTo(0);
        (end.Y + end.Height).Should().BeLessThanOrEqualTo(height, "'Sessie afsluiten' is reachable without scrolling");

        var layout = await page.EvaluateAsync<JsonElement>("""
            () => {
              const wall = document.querySelector('.standup-wall');
              const panels = [...document.querySelectorAll('.standup-wall .standup > *')].map(p => ({
                name: p.getAttribute('aria-labelledby') || p.className,
                fits: p.scrollHeight <= p.clientHeight + 1,
                scrolls: ['auto', 'scroll'].includes(getComputedStyle(p).overflowY),
                bottom: p.getBoundingClientRect().bottom }));
              const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.visually-hidden, .sr-only');
              const texts = [...wall.querySelectorAll('.standup p, .standup li, .standup label, .standup td, .standup th, .standup button, .standup h3, .standup span, .standup textarea, .standup select')]
                .filter(visible).filter(el => el.innerText?.trim() || el.matches('textarea, select'))
                .map(el => ({ what: el.tagName + ' ' + (el.innerText || '').trim().slice(0, 40), size: parseFloat(getComputedStyle(el).fontSize) }));
              // A checkbox is hit through its label, which is the target.
              const targets = [...wall.querySelectorAll('button, input, select, textarea, a')].filter(visible)
                .map(el => { const r = (el.matches('input[type=checkbox]') && el.closest('label') || el).getBoundingClientRect(); return { what: el.tagName + ' ' + (el.innerText || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40), w: r.width, h: r.height }; });
              return { wallBottom: wall.getBoundingClientRect().bottom, innerHeight, pageScroll: document.scrollingElement.scrollHeight, panels, texts, targets };
            }
            """);
        var wallBottom = layout.GetProperty("wallBottom").GetDouble();
        wallBottom.Should().BeLessThanOrEqualTo(height, "the main flow fits the screen without scrolling the page");
        foreach (var panel in layout.GetProperty("panels").EnumerateArray())
        {
            var fits = panel.GetProperty("fits").GetBoolean();
            var scrolls = panel.GetProperty("scrolls").GetBoolean();
            (fits || (width < 1920 && scrolls)).Should().BeTrue($"panel {panel.GetProperty("name").GetString()} shows all its content at {width}x{height}, or scrolls inside at a smaller screen");
            panel.GetProperty("bottom").GetDouble().Should().BeLessThanOrEqualTo(height + 1);
        }

        if (width == 1920)
        {
            layout.GetProperty("texts").EnumerateArray().Where(t => t.GetProperty("size").GetDouble() < 24)
                .Select(t => $"{t.GetProperty("what").GetString()}: {t.GetProperty("size").GetDouble()} px").Should().BeEmpty("body text is at least 24 px at 1080p");
        }

        layout.GetProperty("targets").EnumerateArray().Where(t => t.GetProperty("h").GetDouble() < 44 || t.GetProperty("w").GetDouble() < 44)
            .Select(t => $"{t.GetProperty("what").GetString()}: {t.GetProperty("w").GetDouble():0}x{t.GetProperty("h").GetDouble():0}").Should().BeEmpty("touch targets are at least 44 px");
    }

    [Fact]
    public async Task a_sessions_agreements_print_on_a4_with_every_step_and_no_buttons()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (teamId, trackId) = await TeamWerk(api);
        var (sessionId, version) = await StandupSessions.Start(api, teamId, trackId);
        var emmy = await StandupSessions.PersonId(api, teamId, "Emmy");
        var marieke = await StandupSessions.PersonId(api, teamId, "Marieke");
        (_, version) = await StandupSessions.Send(api, sessionId, version, "/attendance", new { personId = emmy, present = true });
        using var coach = new DemoApi(browser.BaseUrl, "marieke@werk.example.nl");
        (_, version) = await StandupSessions.Send(coach, sessionId, version, "/coaching/answers", new { coachId = marieke, question = 4, answer = "Een vaste contactpersoon per bedrijf" });
        var due = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string[] steps = ["Contactpersoon Zuid bellen", "Formulier terugmelding aanpassen"];
        foreach (var step in steps)
        {
            await api.Change(trackId, HttpMethod.Post, "/steps", new { text = step, ownerId = emmy, due });
        }

        await StandupSessions.Send(api, sessionId, version, "/end", new { });

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/teams/{teamId}/sessies/{sessionId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Afdrukken" })).ToBeVisibleAsync();
        await page.ReadyAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4" });
        await File.WriteAllBytesAsync($"{Directory.CreateDirectory(Shots).FullName}/agreements.pdf", pdf);

        using var document = PdfDocument.Open(pdf);
        // NFKC: the PDF's font sets "ij" as one ligature glyph.
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))).Normalize(System.Text.NormalizationForm.FormKC);
        // A step's text wraps inside its cell, so its words are read from the table's first column, top to bottom.
        var page1 = document.GetPage(1);
        var words = page1.GetWords().ToList();
        var owner = words.First(w => w.Text == "Eigenaar");
        var column = string.Join(" ", words
            .Where(w => w.BoundingBox.Top < owner.BoundingBox.Bottom && w.BoundingBox.Right <= owner.BoundingBox.Left)
            .OrderByDescending(w => Math.Round(w.BoundingBox.Bottom)).ThenBy(w => w.BoundingBox.Left).Select(w => w.Text)).Normalize(System.Text.NormalizationForm.FormKC);
        foreach (var step in steps)
        {
            column.Should().Contain(step);
        }

        text.Should().Contain("Emmy").And.Contain("Een vaste contactpersoon per bedrijf").And.Contain("Marieke");
        text.Should().NotContain("Afdrukken").And.NotContain("Uitloggen").And.NotContain("Naar de inhoud").And.NotContain("Teams ›");
    }

    [Fact]
    public async Task after_every_action_of_the_stand_up_focus_is_on_what_it_made_never_on_the_page_body()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (teamId, _) = await TeamWerk(api);
        await StandupSessions.EndOpen(api, teamId);

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/teams/{teamId}/standup");
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" });
        // The button is there in the page as sent; a key press reaches it only once the screen runs in its circuit.
        await Expect(page.Locator("main[data-interactive]")).ToBeAttachedAsync();
        await start.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aanwezig" })).ToBeFocusedAsync();

        // From the heading, Tab reaches the first person; Space marks them and focus stays there.
        await page.Keyboard.PressAsync("Tab");
        var emmy = page.GetByRole(AriaRole.Checkbox, new() { Name = "Emmy" });
        await Expect(emmy).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(emmy).ToBeCheckedAsync();
        await Expect(emmy).ToBeFocusedAsync();

        // Switching the track keeps focus on the switch.
        var second = page.GetByRole(AriaRole.Button, new() { Name = SecondTrack });
        await second.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(second).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(second).ToBeFocusedAsync();

        // An obstacle added from the keyboard: focus stays in the form, never on the body.
        var obstacle = page.GetByLabel("Nieuw obstakel");
        await obstacle.FocusAsync();
        await page.Keyboard.TypeAsync("Postcodes ontbreken");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".obstacles").GetByText("Postcodes ontbreken")).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.activeElement !== document.body && document.activeElement !== null")).Should().BeTrue();

        var end = page.GetByRole(AriaRole.Button, new() { Name = "Sessie afsluiten" });
        await end.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Sessie afgesloten om")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    [InlineData(390, 844)]
    public async Task the_stand_up_and_the_session_history_read_on_a_tv_a_laptop_and_a_phone(int width, int height)
    {
        using var api = new DemoApi(browser.BaseUrl);
        var (teamId, trackId) = await TeamWerk(api);
        var (sessionId, version) = await StandupSessions.Start(api, teamId, trackId);
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"/teams/{teamId}/standup");
        await Expect(page.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await Sizes.Shot(page, $"standup-{width}x{height}", fullPage: true, folder: Shots);

        (_, version) = await StandupSessions.Send(api, sessionId, version, "/attendance",
            new { personId = await StandupSessions.PersonId(api, teamId, "Emmy"), present = true });
        await StandupSessions.Send(api, sessionId, version, "/end", new { });
        foreach (var (name, path) in new[] { ("history", $"/teams/{teamId}/sessies"), ("agreements", $"/teams/{teamId}/sessies/{sessionId}") })
        {
            await page.FollowAsync(path);
            await Expect(page.Locator(".session-record").First).ToBeVisibleAsync();
            await Sizes.Shot(page, $"{name}-{width}x{height}", fullPage: true, folder: Shots);
            (await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, $"{name} does not scroll sideways");
        }
    }
}
