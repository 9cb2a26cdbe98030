using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Obeya.Browser.Tests.Screens;

/// <summary>
/// What the layout tests measure on a page: panels that cut off their content, text sizes, shots to look at. Each
/// measures once the screen is ready (<see cref="Links.ReadyAsync"/>: in its circuit, still, its fonts in), as a
/// person looking at it sees it.
/// </summary>
internal static class Sizes
{
    /// <summary>The panels matched by <paramref name="selector"/> whose content is taller than the panel (cut off or scrolled).</summary>
    public static async Task<IReadOnlyList<string>> CutOff(IPage page, string selector)
    {
        await page.ReadyAsync();
        return await page.EvaluateAsync<string[]>(
            """
            selector => [...document.querySelectorAll(selector)]
                .filter(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e.querySelector('h2')?.textContent?.trim()}: ${e.scrollHeight} > ${e.clientHeight}`)
            """, selector);
    }

    /// <summary>Visible text elements under <paramref name="selector"/> set smaller than <paramref name="pixels"/>.</summary>
    public static async Task<IReadOnlyList<string>> SmallerThan(IPage page, string selector, double pixels)
    {
        await page.ReadyAsync();
        return await page.EvaluateAsync<string[]>(
            """
            ([selector, pixels]) => [...document.querySelectorAll(selector)]
                .filter(e => e.checkVisibility() && e.textContent.trim().length > 0)
                .map(e => [e, parseFloat(getComputedStyle(e).fontSize)])
                .filter(([, size]) => size < pixels)
                .map(([e, size]) => `${size}px: ${e.textContent.trim().slice(0, 40)}`)
            """, new object[] { selector, pixels });
    }

    /// <summary>Visible elements under <paramref name="selector"/> shorter than <paramref name="pixels"/> (touch targets).</summary>
    public static async Task<IReadOnlyList<string>> ShorterThan(IPage page, string selector, double pixels)
    {
        await page.ReadyAsync();
        return await page.EvaluateAsync<string[]>(
            """
            ([selector, pixels]) => [...document.querySelectorAll(selector)]
                .filter(e => e.checkVisibility())
                .filter(e => e.getBoundingClientRect().height < pixels)
                .map(e => `${e.getBoundingClientRect().height}px: ${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}`)
            """, new object[] { selector, pixels });
    }

    public static async Task<double> FontSize(ILocator locator) =>
        double.Parse((await locator.EvaluateAsync<string>("e => getComputedStyle(e).fontSize")).Replace("px", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture);

    /// <summary>
    /// How far the page scrolls, as (width, height) of the viewport plus whatever scrolls beyond it: the document's
    /// own, or Radzen's body, which is the scroll container of every signed-in screen.
    /// </summary>
    public static async Task<(int Width, int Height)> Scrolls(IPage page)
    {
        await page.ReadyAsync();
        var size = await page.EvaluateAsync<JsonElement>(
            """
            () => {
                const scrollers = [document.scrollingElement, document.querySelector(".rz-body")].filter(Boolean);
                const beyond = side => Math.max(0, ...scrollers.map(e => side ? e.scrollHeight - e.clientHeight : e.scrollWidth - e.clientWidth));
                return [Math.max(document.scrollingElement.scrollWidth, innerWidth + beyond(false)), innerHeight + beyond(true)];
            }
            """);
        return (size[0].GetInt32(), size[1].GetInt32());
    }

    /// <summary>
    /// A screenshot for a person to look at (/tmp/wall-shots), when <c>OBEYA_SHOTS=1</c> asks for them (README); never
    /// compared by the test. Off by default: a shot of a wall-sized screen costs Chromium most of a second.
    /// </summary>
    public static async Task Shot(IPage page, string name, bool fullPage = false, string folder = "/tmp/wall-shots")
    {
        if (!Shooting)
        {
            return;
        }

        await page.ReadyAsync();
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = fullPage });
    }

    /// <summary>Whether this run takes screenshots for a person to look at (<c>OBEYA_SHOTS=1</c>).</summary>
    public static bool Shooting => Environment.GetEnvironmentVariable("OBEYA_SHOTS") == "1";
}
