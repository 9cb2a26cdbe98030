using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Tracks;

public class TrackApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient client = app.ClientFor("Emmy");

    private async Task<Guid> NewTeam()
    {
        var response = await client.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team") });
        var teamId = (await response.Json<JsonElement>()).GetProperty("id").GetGuid();
        await client.JoinAsCoach(teamId, "Emmy");
        return teamId;
    }

    [Fact]
    public async Task a_track_is_started_for_a_team_and_read_back_with_its_challenge()
    {
        var teamId = await NewTeam();

        var started = await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new
        {
            title = "Kwaliteit van het klantgesprek",
            challenge = "Over een jaar ervaart 80% van de klanten het gesprek als helpend",
        });

        started.StatusCode.Should().Be(HttpStatusCode.Created);
        var track = await (await client.GetAsync(started.Headers.Location)).Json<JsonElement>();
        track.GetProperty("teamId").GetGuid().Should().Be(teamId);
        track.GetProperty("challenge").GetString().Should().StartWith("Over een jaar");
        track.GetProperty("startedAt").GetString().Should().Be("2026-11-23T08:00:00Z");

        var list = await (await client.GetAsync($"/api/v1/teams/{teamId}/tracks")).Json<JsonElement>();
        list.EnumerateArray().Single().GetProperty("title").GetString().Should().Be("Kwaliteit van het klantgesprek");
    }

    public static TheoryData<string, string> BadTracks => new()
    {
        { """{"title": "Klantgesprek", "challenge": """, "challenge" }, // malformed: named where reading broke off
        { """[1, 2]""", "body" },
        { """{"title": "Klantgesprek"}""", "challenge" },
        { $$"""{"title": "Klantgesprek", "challenge": "{{new string('x', 4001)}}"}""", "challenge" },
        { $$"""{"title": "{{new string('x', 201)}}", "challenge": "Beter"}""", "title" },
        { """{"title": "Klantgesprek", "challenge": "Klant 123456782 moet sneller geholpen"}""", "challenge" },
    };

    [Theory]
    [MemberData(nameof(BadTracks))]
    public async Task a_bad_track_is_refused_with_a_problem_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var teamId = await NewTeam();
        var before = await app.EventCount();

        var response = await client.PostAsync($"/api/v1/teams/{teamId}/tracks", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task a_track_for_an_unknown_team_or_an_unknown_track_is_a_404_problem()
    {
        var before = await app.EventCount();

        await (await client.PostAsJsonAsync($"/api/v1/teams/{Guid.NewGuid()}/tracks", new { title = "X", challenge = "Y" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
        await (await client.GetAsync($"/api/v1/tracks/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound, "trackId");
        (await app.EventCount()).Should().Be(before);
    }
}
