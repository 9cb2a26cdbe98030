using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Browser.Tests.Screens;
using Obeya.Testing;
using Obeya.Web.Live;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.WallScreens;

/// <summary>
/// A wall screen in Chromium, on a TV, behind nginx in front of two nodes (issue 14): what is changed through either
/// node shows on it, and when its node stops it comes back through the other by itself and shows what changed meanwhile.
/// </summary>
public sealed class WallOnTwoNodesTests(BrowserFixture browser, TwoNodesBehindNginx nodes)
    : IClassFixture<BrowserFixture>, IClassFixture<TwoNodesBehindNginx>
{
    [Fact]
    public async Task the_wall_screen_comes_back_through_the_other_node_when_its_node_stops_and_shows_what_changed_meanwhile()
    {
        var (emmy, track, screen) = await nodes.WallScreenAsync("Team Gang", "Klantgesprek");
        using var _ = emmy;

        var page = await browser.NewPageAsync(baseUrl: nodes.Nginx.BaseAddress.ToString(), signInAs: null);
        await page.SetViewportSizeAsync(1920, 1080);
        await page.GotoAsync(screen.GetProperty("path").GetString()!);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        var version = 1L;
        await Rename("Klantgesprek, eerste ronde");
        await Expect(page.Locator(".wall-track")).ToHaveTextAsync("Klantgesprek, eerste ronde");
        await Sizes.Shot(page, "wall-two-nodes-before");

        var holder = new[] { nodes.A, nodes.B }.Single(n => n.Services.GetRequiredService<WallConnections>().Count > 0);
        await holder.DisposeAsync();
        // Written through nginx, which now sends everything to the node that is left, while the screen reconnects.
        await Rename("Klantgesprek, na het stoppen van een server");

        await Expect(page.Locator(".wall-track")).ToHaveTextAsync("Klantgesprek, na het stoppen van een server");
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        await Sizes.Shot(page, "wall-two-nodes-after");

        async Task Rename(string title)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tracks/{track}/title") { Content = JsonContent.Create(new { title }) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            var answer = await emmy.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            version = long.Parse(answer.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
