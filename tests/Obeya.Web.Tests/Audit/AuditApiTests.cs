using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using Obeya.Testing;

namespace Obeya.Web.Tests.Audit;

/// <summary>
/// The audit view of a team that worked three days (Monday 23 to Wednesday 25 November 2026, Amsterdam): every stream
/// of the team in order, filters, CSV for Dutch Excel, and its refusals.
/// </summary>
public class AuditApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>, IAsyncLifetime
{
    private Guid teamId;

    public async Task InitializeAsync()
    {
        app.Clock.Reset(ObeyaApp.Start);
        var fatima = app.ClientFor("Fatima");
        teamId = (await (await fatima.PostAsJsonAsync("/api/v1/teams", new { name = "Team Inkomen" })).Json<JsonElement>()).GetProperty("id").GetGuid();
        (await fatima.PostAsJsonAsync($"/api/v1/teams/{teamId}/members", new { name = "Sander" })).EnsureSuccessStatusCode();
        // Those who work on the boards below are on the team, as the rules require.
        foreach (var member in new[] { "Emmy", "@Kwaad" })
        {
            (await fatima.PostAsJsonAsync($"/api/v1/teams/{teamId}/members", new { name = member, email = ObeyaApp.EmailOf(member) })).EnsureSuccessStatusCode();
        }

        app.Clock.Advance(Duration.FromDays(1));
        var emmy = app.ClientFor("Emmy");
        var started = await emmy.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new { title = "=1+2", challenge = "Cliënten krijgen binnen een week antwoord" });
        var trackId = (await started.Json<JsonElement>()).GetProperty("id").GetGuid();
        var obstacle = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracks/{trackId}/obstacles")
        {
            Content = JsonContent.Create(new { text = "Niemand weet \"waarom\"; de klant belt opnieuw" }),
        };
        obstacle.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await emmy.SendAsync(obstacle)).EnsureSuccessStatusCode();

        app.Clock.Advance(Duration.FromDays(1));
        var formula = app.ClientFor("@Kwaad");
        (await formula.PostAsJsonAsync($"/api/v1/teams/{teamId}/sessions", new { trackId })).EnsureSuccessStatusCode();
        (await fatima.PostAsJsonAsync($"/api/v1/teams/{teamId}/wall-screens", new { name = "Scherm gang", trackIds = new[] { trackId } })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task every_stream_of_the_team_appears_newest_first_in_the_order_it_was_stored()
    {
        var newestFirst = await Audit("");
        newestFirst.Select(l => l.Sequence).Should().BeInDescendingOrder();
        var lines = newestFirst.Reverse().ToList();

        lines.Select(l => (l.Who, l.Board)).Should().Equal(
            ("Fatima", "team"), ("Fatima", "team"), ("Fatima", "team"), ("Fatima", "team"), ("Emmy", "=1+2"), ("Emmy", "=1+2"), ("@Kwaad", "sessie"), ("Fatima", "wandscherm"));
        lines[0].What.Should().Be("Fatima maakte het team 'Team Inkomen' aan");
        lines[5].What.Should().Be("Emmy voegde obstakel 'Niemand weet \"waarom\"; de klant belt opnieuw' toe");
        lines[6].What.Should().Be("@Kwaad startte een sessie van 30 minuten bij '=1+2'");
        lines[0].When.Should().Be(ObeyaApp.Start);
    }

    [Fact]
    public async Task another_teams_work_stays_out()
    {
        var other = app.ClientFor("Joost");
        var otherId = (await (await other.PostAsJsonAsync("/api/v1/teams", new { name = "Team Zorg" })).Json<JsonElement>()).GetProperty("id").GetGuid();
        await other.JoinAsCoach(otherId, "Joost");
        (await other.PostAsJsonAsync($"/api/v1/teams/{otherId}/tracks", new { title = "Wachttijd", challenge = "Binnen een week een gesprek" })).EnsureSuccessStatusCode();
        (await other.PostAsJsonAsync($"/api/v1/teams/{otherId}/sessions", new { })).EnsureSuccessStatusCode();

        var lines = await Audit("");

        lines.Should().HaveCount(8).And.NotContain(l => l.Who == "Joost");
    }

    [Fact]
    public async Task filters_take_days_in_the_teams_zone_who_and_board()
    {
        (await Audit("?from=2026-11-24&to=2026-11-24")).Select(l => l.Who).Should().Equal("Emmy", "Emmy");
        (await Audit("?from=2026-11-25")).Select(l => l.Board).Should().Equal("wandscherm", "sessie");
        (await Audit("?to=2026-11-23")).Should().HaveCount(4).And.OnlyContain(l => l.Board == "team");
        (await Audit("?who=fatima")).Select(l => l.Board).Should().Equal("wandscherm", "team", "team", "team", "team");
        (await Audit("?board=sessie")).Single().Who.Should().Be("@Kwaad");
        (await Audit("?board=%3D1%2B2&who=Emmy")).Should().HaveCount(2);
        (await Audit("?who=Niemand")).Should().BeEmpty();
    }

    [Fact]
    public async Task the_csv_opens_in_dutch_excel_with_accents_separators_and_no_formulas()
    {
        var response = await app.ClientFor("Fatima").GetAsync($"/api/v1/teams/{teamId}/audit.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");

        lines[0].Should().Be("Wanneer;Wie;Wat;Bord");
        // Newest first, as the screen shows it.
        lines[8].Should().Be("2026-11-23 09:00:00;Fatima;Fatima maakte het team 'Team Inkomen' aan;team");
        lines[4].Should().Be("2026-11-24 09:00:00;Emmy;Emmy startte het verbetertraject '=1+2' met de uitdaging 'Cliënten krijgen binnen een week antwoord';'=1+2");
        lines[3].Should().Be("2026-11-24 09:00:00;Emmy;\"Emmy voegde obstakel 'Niemand weet \"\"waarom\"\"; de klant belt opnieuw' toe\";'=1+2");
        lines[2].Should().Be("2026-11-25 09:00:00;'@Kwaad;'@Kwaad startte een sessie van 30 minuten bij '=1+2';sessie");
        lines[^1].Should().BeEmpty();
        lines.Should().HaveCount(10);
    }

    [Fact]
    public async Task the_csv_takes_the_same_filters()
    {
        var csv = await app.ClientFor("Fatima").GetStringAsync($"/api/v1/teams/{teamId}/audit.csv?board=wandscherm");

        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2)
            .And.Contain("2026-11-25 09:00:00;Fatima;Fatima maakte het wandscherm 'Scherm gang' voor 1 bord;wandscherm");
    }

    [Fact]
    public async Task a_page_at_a_time_links_to_the_next_until_the_whole_trail_was_read()
    {
        var fatima = app.ClientFor("Fatima");
        var read = new List<string>();
        var next = $"/api/v1/teams/{teamId}/audit?limit=3&who=Fatima";
        var pages = 0;
        while (next is not null)
        {
            var response = await fatima.GetAsync(next);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
            page.Count.Should().BeLessThanOrEqualTo(3);
            read.AddRange(page.Select(l => l.GetProperty("what").GetString()!));
            next = response.Headers.TryGetValues("Link", out var links)
                ? System.Text.RegularExpressions.Regex.Match(links.Single(), "<([^>]+)>; rel=\"next\"").Groups[1].Value
                : null;
            pages++;
        }

        pages.Should().Be(2);
        read.Should().Equal((await Audit("?who=Fatima")).Select(l => l.What), "the pages together are the whole filtered trail, newest first");
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?before=-1", "before")]
    [InlineData("?who=%00", "who")]
    public async Task a_bad_paging_or_filter_value_is_a_problem_naming_the_field(string query, string field)
    {
        var response = await app.ClientFor("Fatima").GetAsync($"/api/v1/teams/{teamId}/audit{query}");

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".csv")]
    public async Task an_unknown_team_is_404(string format)
    {
        var response = await app.ClientFor("Fatima").GetAsync($"/api/v1/teams/{Guid.NewGuid()}/audit{format}");

        await response.ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
    }

    [Theory]
    [InlineData("?from=23-11-2026", "from")]
    [InlineData("?to=2026-13-01", "to")]
    [InlineData("?from=gisteren", "from")]
    [InlineData("?from=2026-11-25&to=2026-11-23", "to")]
    [InlineData(".csv?to=morgen", "to")]
    public async Task a_bad_date_is_a_problem_naming_the_field(string query, string field)
    {
        var response = await app.ClientFor("Fatima").GetAsync($"/api/v1/teams/{teamId}/audit{query}");

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    private async Task<IReadOnlyList<Line>> Audit(string query)
    {
        var response = await app.ClientFor("Fatima").GetAsync($"/api/v1/teams/{teamId}/audit{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => new Line(
            e.GetProperty("sequence").GetInt64(), NodaTime.Text.InstantPattern.ExtendedIso.Parse(e.GetProperty("when").GetString()!).Value,
            e.GetProperty("who").GetString()!, e.GetProperty("what").GetString()!, e.GetProperty("board").GetString()!))];
    }

    private sealed record Line(long Sequence, Instant When, string Who, string What, string Board);
}
