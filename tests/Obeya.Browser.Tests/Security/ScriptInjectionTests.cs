using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Obeya.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Obeya.Browser.Tests.Security;

/// <summary>
/// Script and HTML typed into a board stay text: every text a board shows is filled through the API with the classic
/// payloads, and no screen runs them, turns them into elements or links, or hides them.
/// </summary>
public class ScriptInjectionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>All four payloads in every text, the javascript: one first so that a text used as a link would be one.</summary>
    private const string Payloads = "javascript:alert(1) <script>alert(1)</script> <img src=x onerror=alert(1)> \"><svg onload=alert(1)>";

    private static string Evil(string label) => $"{Payloads} {label}";

    // Finds what a payload would have become had it been rendered as markup rather than text.
    private const string Injected =
        """
        () => {
          const found = [];
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              if (a.name.startsWith('on') && a.value.includes('alert(1)')) found.push(el.outerHTML.slice(0, 160));
            }
            if (/^\s*javascript:/i.test(el.getAttribute('href') || '') || /^\s*javascript:/i.test(el.getAttribute('src') || '')) found.push(el.outerHTML.slice(0, 160));
            if (el.tagName === 'SCRIPT' && el.textContent.includes('alert(1)')) found.push('script: ' + el.textContent.slice(0, 80));
          }
          for (const el of document.querySelectorAll('img[src="x"], svg[onload]')) found.push(el.outerHTML.slice(0, 160));
          return found;
        }
        """;

    [Fact]
    public async Task payloads_in_every_text_render_as_text_on_every_screen()
    {
        var board = await EvilBoard.Create(browser);
        // Signed in as the one whose own name is a payload: it shows in the top bar and in every history sentence.
        var page = await browser.NewPageAsync(signInAs: board.ActorEmail);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }

            await dialog.DismissAsync();
        };

        await page.GotoAsync("/");
        await ShowsAsText(page, board.TeamName);

        await page.GotoAsync($"/teams/{board.TeamId}");
        await ShowsAsText(page, board.TeamName, board.MemberName, board.Title, board.Challenge, board.TargetCondition, board.WallScreenName);

        await page.GotoAsync($"/tracks/{board.TrackId}");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await ShowsAsText(page, board.Title, board.Challenge, board.TargetCondition, board.CurrentCondition, board.MetricName, board.Obstacle,
            board.Step, board.Expectation, board.WhatHappened, board.Learned, board.SmallStep, board.MemberName);

        // The members show in the attendance of a running session; the payload name is also who starts it.
        await page.GotoAsync($"/teams/{board.TeamId}/standup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sessie starten" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = board.MemberName })).ToBeVisibleAsync();
        await ShowsAsText(page, board.TeamName, board.MemberName);

        await page.GotoAsync(board.WallPath);
        await Expect(page.Locator("body.wall-live")).ToBeAttachedAsync();
        await ShowsAsText(page, board.TeamName, board.Title, board.Challenge, board.Obstacle, board.SmallStep);
        (await page.TitleAsync()).Should().Contain(board.WallScreenName);

        // The history: every sentence quotes the texts, and the actor's own name is a payload too.
        await page.GotoAsync($"/teams/{board.TeamId}/audit");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(board.Obstacle);
        await ShowsAsText(page, $"{EvilBoard.Actor} voegde obstakel '{board.Obstacle}' toe", $"{EvilBoard.Actor} maakte het wandscherm '{board.WallScreenName}' voor 1 bord");

        dialogs.Should().BeEmpty();
    }

    [Fact]
    public async Task the_check_itself_finds_markup_that_a_payload_became()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)><a href=\\'javascript:alert(1)\\'>x</a>')");

        (await page.EvaluateAsync<string[]>(Injected)).Should().HaveCount(3);
    }

    private static async Task ShowsAsText(IPage page, params string[] texts)
    {
        foreach (var text in texts)
        {
            await Expect(page.GetByText(text).Filter(new() { Visible = true }).First).ToBeVisibleAsync();
        }

        (await page.EvaluateAsync<string[]>(Injected)).Should().BeEmpty($"nothing on {page.Url} may come from a payload");
    }

    /// <summary>A team whose every text carries the payloads, made through the HTTP API by an actor whose name is one.</summary>
    private sealed record EvilBoard(Guid TeamId, Guid TrackId, string WallPath, string ActorEmail)
    {
        public const string Actor = "<img src=x onerror=alert(1)>";

        public string TeamName { get; } = Evil("Team");
        public string MemberName { get; } = Evil("Lid");
        public string Title { get; } = Evil("Traject");
        public string Challenge { get; } = Evil("Uitdaging");
        public string TargetCondition { get; } = Evil("Doeltoestand");
        public string CurrentCondition { get; } = Evil("Huidige toestand");
        public string MetricName { get; } = Evil("Meetcriterium");
        public string Obstacle { get; } = Evil("Obstakel");
        public string Step { get; } = Evil("Experimentstap");
        public string Expectation { get; } = Evil("Verwachting");
        public string WhatHappened { get; } = Evil("Uitkomst");
        public string Learned { get; } = Evil("Geleerd");
        public string SmallStep { get; } = Evil("Kleine stap");
        public string WallScreenName { get; } = Evil("Wandscherm");

        public static async Task<EvilBoard> Create(BrowserFixture browser)
        {
            // A beheerder (to set the team up) who is also on the team (to work on its board).
            var email = await browser.NewAccount(Actor, $"kwaad-{Obeya.Testing.Unique.Letters()}@obeya.test", GlobalRole.Administrator);
            using var api = new DemoApi(browser.BaseUrl, email);
            var http = api.Http;
            var texts = new EvilBoard(Guid.Empty, Guid.Empty, "", email);

            var teamId = (await Send(http, HttpMethod.Post, "/api/v1/teams", new { name = texts.TeamName })).GetProperty("id").GetGuid();
            var memberId = Guid.NewGuid();
            await Send(http, HttpMethod.Post, $"/api/v1/teams/{teamId}/members", new { id = memberId, name = texts.MemberName });
            await Send(http, HttpMethod.Post, $"/api/v1/teams/{teamId}/members", new { name = Actor, email });
            var track = (await Send(http, HttpMethod.Post, $"/api/v1/teams/{teamId}/tracks", new { title = texts.Title, challenge = texts.Challenge }))
                .GetProperty("id").GetGuid();

            var version = 1L;
            async Task Change(HttpMethod method, string path, object? body = null)
            {
                await Send(http, method, $"/api/v1/tracks/{track}{path}", body, version);
                version++;
            }

            var metricId = Guid.NewGuid();
            var obstacleId = Guid.NewGuid();
            var experimentId = Guid.NewGuid();
            await Change(HttpMethod.Post, "/metrics", new { id = metricId, name = texts.MetricName, unit = "%", direction = "higher", target = 60 });
            await Change(HttpMethod.Post, "/target-conditions", new
            {
                description = texts.TargetCondition, achieveBy = "2026-12-21", metricTargets = new[] { new { metricId, target = 50 } },
            });
            await Change(HttpMethod.Post, "/current-conditions", new { on = "2026-11-23", description = texts.CurrentCondition });
            await Change(HttpMethod.Post, "/obstacles", new { id = obstacleId, text = texts.Obstacle });
            await Change(HttpMethod.Post, $"/obstacles/{obstacleId}/focus");
            await Change(HttpMethod.Post, "/experiments", new { id = experimentId, on = "2026-11-23", step = texts.Step, expectation = texts.Expectation });
            await Change(HttpMethod.Post, $"/experiments/{experimentId}/result", new { whatHappened = texts.WhatHappened, learned = texts.Learned, asExpected = false });
            await Change(HttpMethod.Post, "/steps", new { text = texts.SmallStep, ownerId = memberId, due = "2026-11-26" });

            var screen = await Send(http, HttpMethod.Post, $"/api/v1/teams/{teamId}/wall-screens", new { name = texts.WallScreenName, trackIds = new[] { track } });
            return texts with { TeamId = teamId, TrackId = track, WallPath = screen.GetProperty("path").GetString()! };
        }

        private static async Task<JsonElement> Send(HttpClient http, HttpMethod method, string path, object? body, long? version = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (version is { } v)
            {
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
            }

            var response = await http.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            response.IsSuccessStatusCode.Should().BeTrue($"{method} {path} should be accepted: {answer}");
            return answer.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(answer);
        }
    }
}
