using System.Text.Json;
using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.WallScreens;

/// <summary>
/// The wall screen on a TV at 1080p and 720p: every panel shows all it holds (nothing cut off), what does not fit is
/// paged in the rotation, and every open obstacle and step is on some page; text readable from three metres.
/// </summary>
public sealed class WallLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Panels = ".wall-panel";
    private const string BodyText = ".wall-panel p, .wall-panel li, .wall-panel figcaption, .wall-panel h2";

    private readonly DemoApi api = new(browser.BaseUrl);

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task a_full_board_is_paged_so_that_every_open_obstacle_and_step_is_shown_and_nothing_is_cut_off(int width, int height)
    {
        var (teamId, trackId, obstacles, steps) = await FullBoard();
        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        var page = await Open(path, width, height);

        var pages = int.Parse((await page.Locator(".wall-board").GetAttributeAsync("data-pages"))!, System.Globalization.CultureInfo.InvariantCulture);
        pages.Should().BeGreaterThan(1, "twenty obstacles and sixteen steps do not fit on one screen");
        var seenObstacles = new HashSet<string>();
        var seenSteps = new HashSet<string>();
        for (var shown = 0; shown < pages; shown++)
        {
            await Expect(page.Locator(".wall-board")).ToHaveAttributeAsync("data-page", $"{shown}");
            (await Sizes.CutOff(page, Panels)).Should().BeEmpty($"page {shown + 1} of {pages} at {width}x{height} cuts nothing off");
            (await Sizes.Scrolls(page)).Should().Be((width, height), "the TV shows one screen, without scrolling");
            if (width == 1920)
            {
                (await Sizes.SmallerThan(page, BodyText, 24)).Should().BeEmpty("body text is at least 24 px at 1080p");
            }

            await Sizes.Shot(page, $"wall-full-{width}-page{shown + 1}");
            seenObstacles.UnionWith(await VisibleTexts(page, ".wall-obstacles .wall-focused, .wall-open-obstacles li"));
            seenSteps.UnionWith(await VisibleTexts(page, ".wall-steps .wall-step-text"));
            await page.Keyboard.PressAsync("PageDown");
        }

        // The rotation comes round to the first page again.
        await Expect(page.Locator(".wall-board")).ToHaveAttributeAsync("data-page", "0");
        seenObstacles.Should().BeEquivalentTo(obstacles);
        seenSteps.Should().BeEquivalentTo(steps);
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task the_demo_board_shows_all_five_panels_and_its_steps_on_one_screen(int width, int height)
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        var page = await Open(path, width, height);
        await Sizes.Shot(page, $"wall-demo-{width}");

        await Expect(page.Locator(Panels)).ToHaveCountAsync(6);
        (await Sizes.CutOff(page, Panels)).Should().BeEmpty();
        await Expect(page.Locator(".wall-board")).ToHaveAttributeAsync("data-pages", "1");
        var track = await api.Track(trackId);
        foreach (var step in OpenSteps(track))
        {
            await Expect(page.Locator(".wall-steps").GetByText(step)).ToBeVisibleAsync();
        }

        foreach (var experiment in track.GetProperty("experiments").EnumerateArray())
        {
            await Expect(page.Locator(".wall-experiment").GetByText(experiment.GetProperty("step").GetString()!)).ToBeVisibleAsync();
            if (experiment.GetProperty("learned").GetString() is { Length: > 0 } learned)
            {
                await Expect(page.Locator(".wall-experiment").GetByText(learned)).ToBeVisibleAsync();
            }
        }

        // One metric, one target: the target condition's, named "doel", on the wall as on the storyboard.
        var target = track.GetProperty("targetConditions")[0].GetProperty("metricTargets")[0].GetProperty("target").GetDecimal();
        await Expect(page.Locator(".wall-metric figcaption")).ToContainTextAsync($"doel {target:0.##}");
        if (width == 1920)
        {
            (await Sizes.SmallerThan(page, BodyText, 24)).Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task the_obeya_wall_uses_the_full_width_and_cuts_nothing_off(int width, int height)
    {
        var (teamId, _, _) = await api.DemoTrack();
        var programme = (await api.Get("/api/v1/programmes"))[0].GetProperty("id").GetGuid();
        var screen = await api.Post($"/api/v1/teams/{teamId}/wall-screens", new { name = "Obeya-ruimte", programmeIds = new[] { programme } });
        var page = await Open(screen.GetProperty("path").GetString()!, width, height);
        await Sizes.Shot(page, $"wall-obeya-{width}");

        var panels = page.Locator(Panels);
        await Expect(panels).ToHaveCountAsync(3);
        // The wall lays its panels out into pages once it has measured them; on a wide screen all three share one.
        await Expect(panels.Last).ToBeVisibleAsync();
        // The last panel reaches the right edge: the transition goals share the whole width. Read in the page until it
        // holds: a live change may have the wall lay its pages out again (the panel hidden a moment), which a single
        // read of the box between two layouts would take for a panel that is not there.
        await page.WaitForFunctionAsync(
            "([selector, right]) => { const last = [...document.querySelectorAll(selector)].pop(); const box = last && last.getBoundingClientRect(); return !!box && box.width > 0 && box.right > right; }",
            new object[] { Panels, width - 40 },
            new() { Timeout = 10_000 });
        (await Sizes.CutOff(page, Panels)).Should().BeEmpty();
        if (width == 1920)
        {
            (await Sizes.SmallerThan(page, BodyText, 24)).Should().BeEmpty();
        }
    }

    private async Task<IPage> Open(string path, int width, int height)
    {
        var page = await browser.NewPageAsync(signInAs: null);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(path);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        await Expect(page.Locator(".wall-board[data-pages]")).ToBeAttachedAsync();
        return page;
    }

    private static async Task<IReadOnlyList<string>> VisibleTexts(IPage page, string selector) =>
        await page.EvaluateAsync<string[]>("s => [...document.querySelectorAll(s)].filter(e => e.checkVisibility()).map(e => e.textContent.trim())", selector);

    private static IEnumerable<string> OpenSteps(JsonElement track) => track.GetProperty("smallSteps").EnumerateArray()
        .Where(s => s.GetProperty("state").GetString() == "open").Select(s => s.GetProperty("text").GetString()!);

    /// <summary>A new track of Team Werk as a busy team has it: far more open obstacles and steps than one screen holds.</summary>
    private async Task<(Guid TeamId, Guid TrackId, IReadOnlyList<string> Obstacles, IReadOnlyList<string> Steps)> FullBoard()
    {
        var (teamId, _, _) = await api.DemoTrack();
        var trackId = Guid.NewGuid();
        await api.Post($"/api/v1/teams/{teamId}/tracks", new
        {
            id = trackId,
            title = "Een vol bord",
            challenge = "Binnen een jaar krijgt elke inwoner binnen vijf werkdagen antwoord op een vraag over zijn uitkering",
        });
        var member = (await api.Get($"/api/v1/teams/{teamId}")).GetProperty("members")[0].GetProperty("id").GetGuid();
        var obstacles = new List<string>();
        for (var i = 1; i <= 20; i++)
        {
            var text = $"Obstakel {i}: de verwijzing naar het re-integratiebedrijf komt terug zonder een reden die we kunnen lezen";
            await api.Change(trackId, HttpMethod.Post, "/obstacles", new { id = Guid.NewGuid(), text });
            obstacles.Add(text);
        }

        var steps = new List<string>();
        for (var i = 1; i <= 16; i++)
        {
            var text = $"Stap {i}: de terugmeldingen van deze week zonder reden turven en bespreken";
            await api.Change(trackId, HttpMethod.Post, "/steps", new { id = Guid.NewGuid(), text, ownerId = member, due = "2026-11-26" });
            steps.Add(text);
        }

        return (teamId, trackId, obstacles, steps);
    }

    public void Dispose() => api.Dispose();
}
