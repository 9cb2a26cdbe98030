using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Obeya.Testing;

namespace Obeya.Web.Tests.Sessions;

public class SessionApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task a_stand_up_is_held_attended_coached_ended_and_read_back()
    {
        var standup = await Standup.TeamAsync(app);
        var startedAt = app.Clock.GetCurrentInstant();

        var started = await standup.Start();
        started.StatusCode.Should().Be(HttpStatusCode.Created);
        started.Headers.Location!.ToString().Should().Be(standup.Path);
        standup.Version.Should().Be(1);
        var open = await started.Json<JsonElement>();
        open.GetProperty("isOpen").GetBoolean().Should().BeTrue();
        open.GetProperty("durationMinutes").GetInt32().Should().Be(30, "the default cadence's timebox");
        open.GetProperty("teamId").GetGuid().Should().Be(standup.TeamId);

        await standup.Mark("Sander");
        await standup.Mark("Fatima");
        app.Clock.Advance(Duration.FromMinutes(20));
        await standup.Coach(
            (1, "Elke verwijzing gaat met een klantbeeld"),
            (2, "Vier van de tien. Laatste stap: terugbellen binnen een dag; verwacht acht, werkelijk zes; geleerd: een vaste lijn helpt"),
            (3, "Terugmeldingen zonder reden; daar werken we nu aan"),
            (4, "Een vaste contactpersoon per bedrijf; we verwachten acht van de tien redenen"),
            (5, "Donderdag in de sessie"));
        app.Clock.Advance(Duration.FromMinutes(8));
        await standup.End();

        standup.Version.Should().Be(5);
        var session = await standup.Read();
        session.GetProperty("isOpen").GetBoolean().Should().BeFalse();
        session.GetProperty("startedAt").GetString().Should().Be(startedAt.ToString());
        session.GetProperty("endedAt").GetString().Should().Be(startedAt.Plus(Duration.FromMinutes(28)).ToString());
        session.GetProperty("attendance").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("present").GetBoolean()))
            .Should().Equal(("Sander", true), ("Fatima", true));
        var coaching = session.GetProperty("coaching");
        coaching.GetProperty("coachId").GetGuid().Should().Be(standup.People["Marieke"]);
        coaching.GetProperty("coachName").GetString().Should().Be("Marieke");
        coaching.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("question").GetInt32()).Should().Equal(1, 2, 3, 4, 5);
        coaching.GetProperty("answers")[4].GetProperty("answer").GetString().Should().Be("Donderdag in de sessie");

        await (await standup.Get($"{standup.TeamPath}/open")).ShouldBeProblem(HttpStatusCode.NotFound, "session");
        var list = await (await standup.Get(standup.TeamPath)).Json<JsonElement>();
        list.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(standup.SessionId);
    }

    [Fact]
    public async Task every_change_answers_its_new_version_and_what_it_concerned()
    {
        var standup = await Standup.StartAsync(app);

        var marked = await standup.Send("/attendance", new { personId = standup.People["Sander"], present = true });

        var result = await marked.Json<JsonElement>();
        result.GetProperty("streamId").GetGuid().Should().Be(standup.SessionId);
        result.GetProperty("version").GetInt64().Should().Be(2);
        result.GetProperty("id").GetGuid().Should().Be(standup.People["Sander"]);
        Standup.VersionOf(marked).Should().Be(2);
    }

    [Fact]
    public async Task the_open_session_is_found_by_team_with_its_version()
    {
        var standup = await Standup.StartAsync(app);
        await standup.Mark("Sander");

        var response = await standup.Get($"{standup.TeamPath}/open");

        var open = await response.Json<JsonElement>();
        open.GetProperty("id").GetGuid().Should().Be(standup.SessionId);
        Standup.VersionOf(response).Should().Be(2);
    }

    [Fact]
    public async Task a_team_without_a_session_has_none_open_and_an_empty_list()
    {
        var standup = await Standup.TeamAsync(app);

        var problem = await (await standup.Get($"{standup.TeamPath}/open")).ShouldBeProblem(HttpStatusCode.NotFound, "session");
        problem.GetProperty("detail").GetString().Should().Be("Dit team heeft nu geen lopende sessie.");
        (await (await standup.Get(standup.TeamPath)).Json<JsonElement>()).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task a_teams_sessions_are_listed_newest_first()
    {
        var standup = await Standup.StartAsync(app);
        var first = standup.SessionId;
        await standup.Mark("Sander");
        await standup.End();
        app.Clock.Advance(Duration.FromDays(2));
        await (await standup.Start()).Json<JsonElement>();
        var second = standup.SessionId;

        var list = await (await standup.Get(standup.TeamPath)).Json<JsonElement>();

        list.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Should().Equal(second, first);
        list.EnumerateArray().Select(s => s.GetProperty("isOpen").GetBoolean()).Should().Equal(true, false);
    }

    [Fact]
    public async Task a_session_is_held_at_one_of_the_teams_tracks_for_its_cadence()
    {
        var client = app.ClientFor();
        var team = await (await client.PostAsJsonAsync("/api/v1/teams", new
        {
            name = Unique.Name("Team"),
            cadence = new { days = new[] { "monday" }, startsAt = "09:00:00", durationMinutes = 20, timeZone = "Europe/Amsterdam" },
        })).Json<JsonElement>();
        var teamId = team.GetProperty("id").GetGuid();
        await client.JoinAsCoach(teamId, "Emmy");
        var track = await (await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new { title = "Klantgesprek", challenge = "Elk gesprek helpt" })).Json<JsonElement>();
        var trackId = track.GetProperty("id").GetGuid();

        var session = await (await client.PostAsJsonAsync($"/api/v1/teams/{teamId}/sessions", new { trackId })).Json<JsonElement>();

        session.GetProperty("trackId").GetGuid().Should().Be(trackId);
        session.GetProperty("durationMinutes").GetInt32().Should().Be(20);
        session.GetProperty("timeboxEndsAt").GetString().Should().Be(app.Clock.GetCurrentInstant().Plus(Duration.FromMinutes(20)).ToString());
    }

    [Fact]
    public async Task a_session_starts_without_a_body()
    {
        var standup = await Standup.TeamAsync(app);

        var response = await app.ClientFor("Marieke").PostAsync(standup.TeamPath, content: null);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_session_at_a_track_of_another_team_is_refused()
    {
        var other = await Standup.TeamAsync(app);
        var client = app.ClientFor("Marieke");
        var track = await (await client.PostAsJsonAsync($"/api/v1/teams/{other.TeamId}/tracks", new { title = "Ander bord", challenge = "Iets" })).Json<JsonElement>();
        var standup = await Standup.TeamAsync(app);
        var before = await app.EventCount();

        await (await standup.Start(new { trackId = track.GetProperty("id").GetGuid() })).ShouldBeProblem(HttpStatusCode.NotFound, "trackId");
        await (await standup.Start(new { trackId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.NotFound, "trackId");

        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task a_second_open_session_is_refused()
    {
        var standup = await Standup.StartAsync(app);
        var first = standup.SessionId;
        var before = await app.EventCount();

        var problem = await (await standup.Start()).ShouldBeProblem(HttpStatusCode.Conflict, "session");

        problem.GetProperty("detail").GetString().Should().Contain("al een lopende sessie");
        (await app.EventCount()).Should().Be(before);
        var open = await (await standup.Get($"{standup.TeamPath}/open")).Json<JsonElement>();
        open.GetProperty("id").GetGuid().Should().Be(first);
    }

    [Fact]
    public async Task of_two_starts_at_once_one_wins_and_the_other_is_told_why()
    {
        var standup = await Standup.TeamAsync(app);
        var before = await app.EventCount();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.ClientFor("Marieke").PostAsJsonAsync(standup.TeamPath, new { })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblem(HttpStatusCode.Conflict, "session");
        }

        (await app.EventCount()).Should().Be(before + 1);
    }

    [Fact]
    public async Task starting_the_same_session_twice_starts_one()
    {
        var standup = await Standup.TeamAsync(app);
        var id = Guid.NewGuid();
        await (await standup.Start(new { id })).Json<JsonElement>();
        await standup.Mark("Sander");
        await standup.End();
        var before = await app.EventCount();

        await (await standup.Start(new { id })).ShouldBeProblem(HttpStatusCode.Conflict, "id");

        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task a_session_of_an_unknown_team_or_id_is_a_404_problem()
    {
        var client = app.ClientFor();
        await (await client.GetAsync($"/api/v1/sessions/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound, "sessionId");
        await (await client.GetAsync($"/api/v1/teams/{Guid.NewGuid()}/sessions")).ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
        await (await client.GetAsync($"/api/v1/teams/{Guid.NewGuid()}/sessions/open")).ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
        await (await client.PostAsJsonAsync($"/api/v1/teams/{Guid.NewGuid()}/sessions", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "teamId");

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sessions/{Guid.NewGuid()}/end");
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.NotFound, "sessionId");
    }

    [Fact]
    public async Task the_coaching_card_lists_the_five_questions()
    {
        var card = await (await app.CreateClient().GetAsync("/api/v1/coaching-card")).Json<JsonElement>();

        card.EnumerateArray().Select(q => q.GetProperty("number").GetInt32()).Should().Equal(1, 2, 3, 4, 5);
        card[0].GetProperty("text").GetString().Should().Be("Wat is de doeltoestand?");
        card[1].GetProperty("reflection").EnumerateArray().Select(r => r.GetString())
            .Should().Equal("Wat was je laatste stap?", "Wat verwachtte je?", "Wat gebeurde er werkelijk?", "Wat heb je geleerd?");
        card[4].GetProperty("text").GetString().Should().Be("Wanneer kunnen we gaan kijken wat we van die stap geleerd hebben?");
    }

    [Fact]
    public async Task the_store_matches_its_configuration_with_the_one_open_session_index()
    {
        // A partial index whose predicate Postgres rewrites would be seen as changed on every start.
        await app.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }
}
