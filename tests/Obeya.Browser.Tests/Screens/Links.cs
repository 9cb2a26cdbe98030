using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Screens;

/// <summary>Moving between screens as a person does once a screen is open: following a link, not typing an address.</summary>
internal static class Links
{
    /// <summary>The screens Blazor's router draws in a circuit (the rest are pages of their own).</summary>
    private static readonly string[] RouterScreens = ["/", "/teams", "/tracks", "/obeya", "/beheer"];

    /// <summary>
    /// Goes to <paramref name="path"/> the way a followed link does: when a screen already runs in its circuit,
    /// Blazor's router draws the next one in the same circuit (a page load costs Chromium four times as much); else,
    /// or for another query on the same screen, or for a page outside the router (sign-in, account, wall screen, an
    /// unknown address), the page is loaded. Returns once the new screen's heading is there.
    /// </summary>
    public static async Task FollowAsync(this IPage page, string path)
    {
        var inCircuit = RouterScreens.Any(screen => path == screen || path.StartsWith(screen + "/", StringComparison.Ordinal) || path.StartsWith(screen + "?", StringComparison.Ordinal))
            && await page.EvaluateAsync<bool>(
            """
            path => {
                if (!window.Blazor || !document.querySelector('main#main[data-interactive]')) return false;
                if (new URL(path, location.href).pathname === location.pathname) return false;
                document.querySelectorAll('h1').forEach(h => h.setAttribute('data-left', ''));
                Blazor.navigateTo(path);
                return true;
            }
            """, path);
        if (!inCircuit)
        {
            await page.GotoAsync(path);
        }

        await Expect(page.Locator("h1:not([data-left])").First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Waits until the screen runs in its circuit (a router screen; the not-found page and pages of their own have
    /// none), has stopped changing and has its web fonts: what is printed, measured or read then is what a person sees
    /// once the screen has loaded. Started as a circuit, a screen draws itself again, parts that load on their own can
    /// be briefly empty, and text in the fallback font wraps differently.
    /// </summary>
    public static async Task ReadyAsync(this IPage page)
    {
        if (await page.Locator("body[data-circuit=server] main#main").CountAsync() > 0)
        {
            await Expect(page.Locator("main#main[data-interactive]")).ToBeAttachedAsync();
        }

        await page.QuietAsync();
        await page.EvaluateAsync("async () => { await document.fonts.ready; await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }");
    }

    /// <summary>
    /// Waits until the screen has stopped changing for a moment: its parts that load on their own (a panel, a list)
    /// are then drawn, as a person looking at it sees it.
    /// </summary>
    private static async Task QuietAsync(this IPage page) =>
        await page.EvaluateAsync(
            """
            () => new Promise(done => {
                let timer;
                const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, 300); });
                function finish() { observer.disconnect(); done(); }
                observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
                timer = setTimeout(finish, 300);
            })
            """);
}
