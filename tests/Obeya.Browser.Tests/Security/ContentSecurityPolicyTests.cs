using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Security;

/// <summary>
/// The Content-Security-Policy is one the app works under: every screen runs, edits and stays live in Chromium while
/// the browser reports no refusal, neither on the console nor as a securitypolicyviolation event.
/// </summary>
public class ContentSecurityPolicyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task every_screen_works_without_a_single_policy_violation()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var trackId = await api.DemoTrackId();
        var teamId = (await api.Track(trackId)).GetProperty("teamId").GetGuid();
        var page = await browser.NewPageAsync();
        var refusals = await Watch(page);

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Team Werk" }).First).ToBeVisibleAsync();

        await page.GotoAsync($"/teams/{teamId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team Werk", Level = 1 })).ToBeVisibleAsync();

        // The storyboard is live (its circuit's WebSocket and the board hub) and takes an edit.
        await page.GotoAsync($"/tracks/{trackId}");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        var obstacle = $"Niemand belt terug {Guid.NewGuid():N}"[..30];
        await page.GetByLabel("Nieuw obstakel").FillAsync(obstacle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Obstakel toevoegen" }).ClickAsync();
        await Expect(page.GetByText(obstacle)).ToBeVisibleAsync();

        await page.GotoAsync($"/teams/{teamId}/standup");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stand-up Team Werk", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" })).ToBeEnabledAsync();

        await page.GotoAsync($"/teams/{teamId}/audit");
        await Expect(page.GetByRole(AriaRole.Table).GetByText(obstacle)).ToBeVisibleAsync();

        var (_, path) = await api.CreateWallScreen(teamId, trackId);
        await page.GotoAsync(path);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        await Expect(page.GetByText(obstacle)).ToBeVisibleAsync();

        refusals.Should().BeEmpty();
    }

    [Fact]
    public async Task the_watch_itself_sees_an_inline_script_being_refused()
    {
        var page = await browser.NewPageAsync();
        var refusals = await Watch(page);
        await page.GotoAsync("/");

        // Playwright's own script tag is an inline script as far as the page is concerned: the policy must refuse it.
        await page.AddScriptTagAsync(new() { Content = "window.inlineRan = true;" }).ContinueWith(_ => { }, TaskScheduler.Default);

        await Expect(page.Locator("body")).ToBeAttachedAsync();
        (await page.EvaluateAsync<bool>("() => window.inlineRan === true")).Should().BeFalse();
        await WaitFor(() => refusals.Count > 0);
        refusals.Should().Contain(r => r.Contains("script-src", StringComparison.Ordinal));
    }

    /// <summary>Everything the browser says about the policy on this page, across navigations.</summary>
    private static async Task<List<string>> Watch(IPage page)
    {
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            // Chromium words a refusal "Refused to …" or "… violates the following Content Security Policy directive …".
            if (message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                || message.Text.Contains("Permissions-Policy", StringComparison.Ordinal))
            {
                lock (refusals)
                {
                    refusals.Add($"console: {message.Text}");
                }
            }
        };
        await page.ExposeFunctionAsync("obeyaPolicyViolation", (string what) =>
        {
            lock (refusals)
            {
                refusals.Add($"event: {what}");
            }
        });
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.obeyaPolicyViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));");
        return refusals;
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
