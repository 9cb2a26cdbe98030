using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.WallScreens;

/// <summary>The wall screen in the team room: opened by its secret link, live, revocable, and able to ride out a dropped network.</summary>
public sealed class WallScreenTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Gone = "Deze wandschermlink werkt niet (meer)";
    private const string Offline = "Verbinding verbroken";

    private readonly WallApi api = new(browser.BaseUrl);

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
    /// Chromium's offline emulation fails new requests but does not close an open WebSocket (it only goes quiet; see the
    /// next test). Here the hub's WebSocket runs through Playwright's WebSocket routing, which lets the test close it on
    /// both ends as a dropped connection would, while offline mode fails the reconnect attempts and fetches.
    /// The page's own code is untouched: it notices, reconnects and catches up by itself.
    /// </summary>
    [Fact]
    public async Task a_screen_that_lost_its_connection_says_so_and_converges_to_the_stored_board()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        var page = await browser.NewPageAsync();
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteWebSocketAsync("**/hubs/boards**", socket =>
        {
            lock (sockets)
            {
                sockets.Add((socket, socket.ConnectToServer()));
            }
        });
        await page.GotoAsync(path);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        var before = await api.FocusedObstacle(trackId);

        await page.Context.SetOfflineAsync(true);
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (sockets)
        {
            open = [.. sockets];
        }

        foreach (var (toPage, toServer) in open)
        {
            await toServer.CloseAsync(new() { Code = 1001, Reason = "netwerk weg" });
            await toPage.CloseAsync(new() { Code = 1001, Reason = "netwerk weg" });
        }

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(Offline);
        var rephrased = $"Gemist terwijl het scherm offline was ({Guid.NewGuid():N})"[..48];
        await api.RephraseFocusedObstacle(trackId, rephrased);
        await Expect(page.Locator(".wall-focused")).ToHaveTextAsync(before);

        await page.Context.SetOfflineAsync(false);

        await Expect(page.Locator(".wall-focused")).ToHaveTextAsync(rephrased, new() { Timeout = 30_000 });
        await Expect(page.GetByText(Offline)).Not.ToBeVisibleAsync();
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
    }

    /// <summary>
    /// A network that goes silent without closing anything, as a TV's Wi-Fi does: offline emulation alone. Nothing
    /// tells the page; its SignalR client notices when the server's keep-alives stop (its 30 s server timeout).
    /// </summary>
    [Fact]
    public async Task a_screen_whose_network_goes_silent_notices_within_the_keep_alive_timeout_and_converges()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();

        await page.Context.SetOfflineAsync(true);
        var rephrased = $"Gemist in de stilte ({Guid.NewGuid():N})"[..40];
        await api.RephraseFocusedObstacle(trackId, rephrased);

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(Offline, new() { Timeout = 45_000 });
        await page.Context.SetOfflineAsync(false);

        await Expect(page.Locator(".wall-focused")).ToHaveTextAsync(rephrased, new() { Timeout = 30_000 });
        await Expect(page.GetByText(Offline)).Not.ToBeVisibleAsync();
    }

    private static async Task<double> FontSizeOf(ILocator locator) =>
        double.Parse(
            (await locator.EvaluateAsync<string>("e => getComputedStyle(e).fontSize")).Replace("px", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture);

    public void Dispose() => api.Dispose();
}
