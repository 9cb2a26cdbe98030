using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Tracks;

/// <summary>The storyboard's wall view (?wand=1) on the team's own screen: the whole board on one 1080p screen, big text, big targets, still editable.</summary>
public sealed class StoryboardWallViewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Panels = ".wall-view .panel";

    private readonly DemoApi api = new(browser.BaseUrl);

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task the_five_panels_and_the_steps_fit_one_screen_with_every_open_obstacle_and_step(int width, int height)
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByLabel("Nieuw obstakel")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Wandweergave" }).ClickAsync();
        await Expect(page.Locator(".wall-view")).ToBeVisibleAsync();
        // The forms fold behind their summaries, so the board itself fits.
        await Expect(page.GetByText("Nieuw obstakel toevoegen")).ToBeVisibleAsync();
        await Sizes.Shot(page, $"storyboard-wall-{width}");

        await Expect(page.Locator(Panels)).ToHaveCountAsync(6);
        (await Sizes.CutOff(page, Panels)).Should().BeEmpty($"no panel is cut off at {width}x{height}");
        var board = (await page.Locator(".wall-view").BoundingBoxAsync())!;
        (board.Y + board.Height).Should().BeLessThanOrEqualTo(height, "the board fits the screen");
        (board.X + board.Width).Should().BeLessThanOrEqualTo(width);
        (await Sizes.Scrolls(page)).Width.Should().Be(width, "nothing sticks out sideways");
        var track = await api.Track(trackId);
        foreach (var obstacle in track.GetProperty("obstacles").EnumerateArray().Where(o => o.GetProperty("state").GetString() == "open"))
        {
            await Expect(page.Locator("section[aria-labelledby=obstacles-title]").GetByText(obstacle.GetProperty("text").GetString()!).First).ToBeInViewportAsync();
        }

        foreach (var step in track.GetProperty("smallSteps").EnumerateArray().Where(s => s.GetProperty("state").GetString() == "open"))
        {
            await Expect(page.Locator("section[aria-labelledby=steps-title]").GetByText(step.GetProperty("text").GetString()!, new() { Exact = true })).ToBeInViewportAsync();
        }

        (await Sizes.ShorterThan(page, ".wall-view .rz-button, .wall-view summary, .wall-view select, .wall-view input[type=checkbox]", 24)).Should().BeEmpty();
        (await Sizes.ShorterThan(page, ".wall-view .rz-button, .wall-view summary", 44)).Should().BeEmpty("buttons are hit by a finger on a touch screen");
        if (width == 1920)
        {
            (await Sizes.SmallerThan(page, ".wall-view .panel p, .wall-view .panel li, .wall-view .panel td, .wall-view .panel .rz-button", 24))
                .Should().BeEmpty("body text is at least 24 px at 1080p");
        }

        // Back to the laptop's layout, which stays as it was.
        await page.GetByRole(AriaRole.Link, new() { Name = "Gewone weergave" }).ClickAsync();
        await Expect(page.Locator(".wall-view")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task the_forms_work_in_the_wall_view()
    {
        var trackId = await api.DemoTrackId();
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync($"/tracks/{trackId}?wand=1");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByText("Nieuw obstakel toevoegen").ClickAsync();

        var obstacle = $"Verwijzingen liggen een week stil {Guid.NewGuid():N}"[..44];
        await page.GetByLabel("Nieuw obstakel").FillAsync(obstacle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();

        await Expect(page.Locator(".wall-view").GetByText(obstacle)).ToBeVisibleAsync();
        (await api.Track(trackId)).GetProperty("obstacles").EnumerateArray().Select(o => o.GetProperty("text").GetString()).Should().Contain(obstacle);
    }

    public void Dispose() => api.Dispose();
}
