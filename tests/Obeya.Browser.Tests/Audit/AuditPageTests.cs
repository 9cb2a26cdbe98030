using System.Text;
using Microsoft.Playwright;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Audit;

/// <summary>The demo team's audit page: reached from the team page, filtered from the keyboard, downloaded as CSV.</summary>
public class AuditPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task who_did_what_is_filtered_from_the_keyboard_and_downloaded_with_the_same_filters()
    {
        using var api = new DemoApi(browser.BaseUrl);
        var teamId = (await api.Track(await api.DemoTrackId())).GetProperty("teamId").GetGuid();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/teams/{teamId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Wie deed wat (auditlog)" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wie deed wat: Team Werk", Level = 1 })).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        // Counted once the page runs in its circuit, which draws the table again.
        await page.ReadyAsync();
        await Expect(rows.First).ToBeVisibleAsync();
        var all = await rows.CountAsync();
        // Newest first, a page at a time: the caption counts what is shown, and says when there is more.
        await Expect(page.Locator("caption")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{all} regels(, er zijn oudere)?$"));
        (await Accessibility.Axe.SeriousViolations(page)).Should().BeEmpty();

        // Until the page is interactive a choice is not heard, so it is made again until the table answers.
        var who = page.GetByRole(AriaRole.Combobox, new() { Name = "Wie", Exact = true });
        var someone = (await who.Locator("option").Nth(1).TextContentAsync())!;
        await Until(page, async () =>
        {
            await who.FocusAsync();
            await who.SelectOptionAsync(new SelectOptionValue { Label = someone });
        }, async () => (await rows.Locator("td:nth-child(2)").AllTextContentsAsync()) is { Count: > 0 } shown && shown.All(cell => cell == someone));
        foreach (var cell in await rows.Locator("td:nth-child(2)").AllTextContentsAsync())
        {
            cell.Should().Be(someone);
        }

        var link = page.GetByRole(AriaRole.Link, new() { Name = "CSV downloaden" });
        (await link.GetAttributeAsync("href")).Should().Contain($"who={Uri.EscapeDataString(someone)}");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        download.SuggestedFilename.Should().EndWith(".csv");
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        // The download holds every line of the filter, the page its newest page of them.
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        lines.Should().OnlyContain(line => line.Split(';')[1] == someone);
        if ((await page.Locator("caption").TextContentAsync())!.Contains("oudere", StringComparison.Ordinal))
        {
            lines.Length.Should().BeGreaterThan(await rows.CountAsync());
        }
        else
        {
            lines.Should().HaveCount(await rows.CountAsync());
        }

        var from = page.GetByRole(AriaRole.Textbox, new() { Name = "Van", Exact = true });
        await from.FillAsync("2030-01-01");
        await from.PressAsync("Tab");
        await Expect(page.Locator("caption")).ToHaveTextAsync("0 regels");
    }

    private static async Task Until(IPage page, Func<Task> act, Func<Task<bool>> done)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await act();
            for (var wait = 0; wait < 5; wait++)
            {
                if (await done())
                {
                    return;
                }

                await page.WaitForTimeoutAsync(200);
            }
        }

        throw new Xunit.Sdk.XunitException("The audit page did not answer a filter.");
    }
}
