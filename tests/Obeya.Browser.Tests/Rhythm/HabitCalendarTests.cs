using Microsoft.Playwright;
using Obeya.Browser.Tests.Accessibility;
using Obeya.Browser.Tests.Screens;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Rhythm;

/// <summary>
/// Borging as the team sees it: the demo's eight weeks of stand-ups (one cancelled for a study day, one not held, the
/// coach last there on Thursday 5 November) on the team page, and the word on the board that the coach is overdue.
/// The test clock stands on Monday 23 November 2026, 09:00 in Amsterdam.
/// </summary>
public sealed class HabitCalendarTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly DemoApi api = new(browser.BaseUrl);

    [Fact]
    public async Task the_team_page_shows_twelve_weeks_of_sessions_and_the_board_says_the_coach_is_overdue()
    {
        var (teamId, trackId, _) = await api.DemoTrack();
        var page = await browser.NewPageAsync(signInAs: "marieke@werk.example.nl");
        await page.GotoAsync($"/teams/{teamId}");

        var calendar = page.GetByRole(AriaRole.Table, new() { Name = "Sessies van de laatste twaalf weken" });
        await Expect(calendar).ToBeVisibleAsync();
        await Expect(calendar.GetByRole(AriaRole.Row)).ToHaveCountAsync(13);
        await Expect(calendar.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(["Week van", "di", "do"]);
        await Expect(calendar.GetByText("afgezegd: Studiedag")).ToHaveCountAsync(1);
        await Expect(calendar.GetByText(": niet gehouden")).ToHaveCountAsync(1);
        await Expect(calendar.GetByText("coach erbij")).ToHaveCountAsync(3);
        await Expect(calendar.GetByText(": komt nog")).ToHaveCountAsync(2);
        var rhythm = page.GetByRole(AriaRole.Region, new() { Name = "Borging: houdt het ritme?" });
        await Expect(rhythm.GetByText("Het ritme hapert: Coach niet gezien sinds 18 dagen")).ToBeVisibleAsync();
        await Expect(rhythm.GetByRole(AriaRole.Definition).First).ToHaveTextAsync("14 van 15 (9 op tijd) 1 afgezegd");
        (await Axe.Violations(page)).Should().BeEmpty();

        // The board and the stand-up say it too, and lead back to the figures.
        await page.FollowAsync($"/tracks/{trackId}");
        var warning = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Het ritme hapert" });
        await Expect(warning).ToContainTextAsync("Coach niet gezien sinds 18 dagen");
        await page.FollowAsync($"/teams/{teamId}/standup");
        await Expect(warning).ToContainTextAsync("Coach niet gezien sinds 18 dagen");
        await warning.GetByRole(AriaRole.Link, new() { Name = "Bekijk de borging" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Borging: houdt het ritme?" })).ToBeVisibleAsync();
    }

    public void Dispose() => api.Dispose();
}
