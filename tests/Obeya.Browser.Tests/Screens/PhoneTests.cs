using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Screens;

/// <summary>
/// A phone (390x844): no screen scrolls sideways (WCAG 1.4.10), the top bar folds into a menu that works by
/// keyboard and touch, and signing out works from it.
/// </summary>
public sealed class PhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const int Width = 390;
    private readonly DemoApi api = new(browser.BaseUrl);

    [Fact]
    public async Task no_screen_scrolls_sideways_on_a_phone()
    {
        var screens = await DemoScreens.All(browser);
        var pages = new Dictionary<string, IPage>();
        var wide = new List<string>();
        foreach (var (who, path, name) in screens)
        {
            var key = who ?? "";
            if (!pages.TryGetValue(key, out var page))
            {
                page = await browser.NewPageAsync(signInAs: who);
                await page.SetViewportSizeAsync(Width, 844);
                pages[key] = page;
            }

            // Interactive pages draw their forms once the circuit runs: Sizes measures what the user then sees.
            await page.FollowAsync(path);
            await Sizes.Shot(page, $"phone-{name}");
            var (scrollWidth, _) = await Sizes.Scrolls(page);
            if (scrollWidth > Width)
            {
                // Name the innermost elements that reach past the screen, so a failure says where to look.
                var culprits = await page.EvaluateAsync<string[]>(@"width => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''))", Width);
                wide.Add($"{path}: {scrollWidth} px ({string.Join(", ", culprits)})");
            }
        }

        wide.Should().BeEmpty("no screen scrolls sideways at 390 px");
    }

    [Fact]
    public async Task the_menu_folds_out_by_touch_and_keyboard_and_signing_out_works()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(Width, 844);
        await page.GotoAsync($"/tracks/{await api.DemoTrackId()}");
        // The storyboard says when it runs interactively; the menu is the same on every screen.
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });
        var signOut = menu.GetByRole(AriaRole.Link, new() { Name = "Uitloggen" });
        await Expect(signOut).Not.ToBeVisibleAsync();

        // By keyboard: the menu button is reached with Tab and opened with Enter; Escape-free, Enter folds it up.
        var button = menu.Locator("summary");
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(signOut).ToBeVisibleAsync();
        await Sizes.Shot(page, "phone-menu-open");
        await page.Keyboard.PressAsync("Enter");
        await Expect(signOut).Not.ToBeVisibleAsync();

        // By touch: a tap opens it, the link is in reach, and signing out works.
        await button.ClickAsync();
        await signOut.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inloggen"));
    }

    public void Dispose() => api.Dispose();
}
