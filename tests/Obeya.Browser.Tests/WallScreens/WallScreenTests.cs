using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.WallScreens;

/// <summary>The wall screen in the team room: opened by its secret link, live, revocable, and able to ride out a dropped network.</summary>
public sealed class WallScreenTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Gone = "Deze wandschermlink werkt niet (meer)";
    private const string Offline = "Verbinding verbroken";

    private readonly DemoApi api = new(browser.BaseUrl);

    [Fact]
    public async Task a_wall_screen_link_shows_the_board_in_large_type_and_follows_changes_without_reload()
    {
        var (teamId, trackId, title) = await api.DemoTrack();
        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        var focused = page.Locator(".wall-focused");
        await Expect(focused).ToHaveTextAsync(await api.FocusedObstacle(trackId));
        (await FontSizeOf(focused)).Should().BeGreaterThanOrEqualTo(28, "the obstacle in focus is read from across the room");
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        await page.EvaluateAsync("() => window.notReloaded = true");

        var rephrased = $"Terugmeldingen zonder reden ({Guid.NewGuid():N})"[..40];
        await api.RephraseFocusedObstacle(trackId, rephrased);

        await Expect(focused).ToHaveTextAsync(rephrased);
        (await page.EvaluateAsync<bool>("() => window.notReloaded === true")).Should().BeTrue("the change came without a reload");
    }

    [Fact]
    public async Task a_revoked_link_stops_an_open_screen_and_no_longer_opens()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var (id, path) = await api.CreateWallScreen(teamId, trackId);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();

        await api.Revoke(id);

        await Expect(page.GetByText(Gone)).ToBeVisibleAsync();
        await Expect(page.Locator(".wall-board")).ToHaveCountAsync(0);

        var again = await browser.NewPageAsync();
        var response = await again.GotoAsync(path);
        response!.Status.Should().Be(404);
        await Expect(again.GetByText(Gone)).ToBeVisibleAsync();
    }

    /// <summary>
    /// The connection is cut between browser and server (Chromium's offline emulation leaves open WebSockets alone):
    /// open connections are reset and new ones refused, as with a pulled cable. The page's own code notices,
    /// keeps reconnecting and catches up by itself.
    /// </summary>
    [Fact]
    public async Task a_screen_that_lost_its_connection_says_so_and_converges_to_the_stored_board()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        await using var network = new NetworkCut(browser.BaseUrl);
        var page = await browser.NewPageAsync(baseUrl: network.BaseUrl);
        await page.GotoAsync(path);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        var before = await api.FocusedObstacle(trackId);

        network.Cut();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(Offline);
        var rephrased = $"Gemist terwijl het scherm offline was ({Guid.NewGuid():N})"[..48];
        await api.RephraseFocusedObstacle(trackId, rephrased);
        await Expect(page.Locator(".wall-focused")).ToHaveTextAsync(before);

        network.Restore();

        await Expect(page.Locator(".wall-focused")).ToHaveTextAsync(rephrased, new() { Timeout = 30_000 });
        await Expect(page.GetByText(Offline)).Not.ToBeVisibleAsync();
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
    }

    private static async Task<double> FontSizeOf(ILocator locator) =>
        double.Parse(
            (await locator.EvaluateAsync<string>("e => getComputedStyle(e).fontSize")).Replace("px", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture);

    public void Dispose() => api.Dispose();
}
