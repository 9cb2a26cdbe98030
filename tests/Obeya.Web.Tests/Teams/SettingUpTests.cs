using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Teams;

/// <summary>
/// Setting up and changing a team's things over HTTP (the screens call the same functions): a track renamed and closed,
/// a new track linked to a tactical goal by its own team, people taken off a team with their open steps handed on,
/// a programme renamed.
/// </summary>
public class SettingUpTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient director = app.ClientAs("Pieter", GlobalRole.ProgrammeDirector);

    [Fact]
    public async Task a_renamed_and_closed_track_stays_readable_in_its_history_and_past_and_refuses_every_later_change()
    {
        var board = await Board.StartAsync(app);
        var obstacle = await board.Do("/obstacles", new { text = "Terugmeldingen zonder reden" });

        (await board.Put("/title", new { title = "Het klantgesprek" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var closed = await board.Post("/closed", new { outcome = "challengeMet", note = "82% ervaart het gesprek als helpend" });
        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());

        var read = await board.Read();
        read.GetProperty("title").GetString().Should().Be("Het klantgesprek");
        read.GetProperty("closure").GetProperty("outcome").GetString().Should().Be("challengeMet");
        read.GetProperty("obstacles")[0].GetProperty("id").GetGuid().Should().Be(obstacle);
        (await board.History()).EnumerateArray().Select(h => h.GetProperty("sentence").GetString()).Should().Contain(
        [
            "Emmy gaf het verbetertraject 'Kwaliteit van het klantgesprek' de naam 'Het klantgesprek'",
            "Emmy sloot het verbetertraject af (uitdaging bereikt): 82% ervaart het gesprek als helpend",
        ]);
        (await board.Read("?asOf=2099-12-31")).GetProperty("closure").GetProperty("note").GetString().Should().Be("82% ervaart het gesprek als helpend");

        var before = await app.EventCount();
        await (await board.Post("/obstacles", new { text = "Nog een" })).ShouldBeProblem(HttpStatusCode.Conflict, "trackId");
        await (await board.Put("/title", new { title = "Weer anders" })).ShouldBeProblem(HttpStatusCode.Conflict, "trackId");
        await (await board.Post("/closed", new { outcome = "stopped", note = "Nogmaals" })).ShouldBeProblem(HttpStatusCode.Conflict, "trackId");
        (await app.EventCount()).Should().Be(before);

        var tracks = await (await app.ClientFor("Emmy").GetAsync($"/api/v1/teams/{board.TeamId}/tracks")).Json<JsonElement>();
        tracks.EnumerateArray().Single().GetProperty("closure").GetProperty("note").GetString().Should().Be("82% ervaart het gesprek als helpend");
    }

    [Fact]
    public async Task closing_names_what_is_missing()
    {
        var board = await Board.StartAsync(app);

        await (await board.Post("/closed", new { note = "Klaar" })).ShouldBeProblem(HttpStatusCode.BadRequest, "outcome");
        await (await board.Post("/closed", new { outcome = "stopped", note = " " })).ShouldBeProblem(HttpStatusCode.BadRequest, "note");
        await (await board.Put("/title", new { title = "" })).ShouldBeProblem(HttpStatusCode.BadRequest, "title");
    }

    [Fact]
    public async Task a_team_starts_its_own_track_serving_a_tactical_goal_and_a_wrong_goal_stores_nothing()
    {
        var (programme, tactical) = await Programme();
        var board = await Board.StartAsync(app);
        var member = app.ClientAs("Sander");

        var before = await app.EventCount();
        var wrong = await member.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/tracks", new { title = "Wachttijd", challenge = "Binnen een week", goal = new { programmeId = programme, tacticalGoalId = Guid.NewGuid() } });
        await wrong.ShouldBeProblem(HttpStatusCode.NotFound, "goal.tacticalGoalId");
        (await app.EventCount()).Should().Be(before);

        var started = await member.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/tracks", new { title = "Wachttijd", challenge = "Binnen een week een antwoord", goal = new { programmeId = programme, tacticalGoalId = tactical } });
        started.StatusCode.Should().Be(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var trackId = (await started.Json<JsonElement>()).GetProperty("id").GetGuid();

        var view = await (await director.GetAsync($"/api/v1/programmes/{programme}")).Json<JsonElement>();
        view.GetProperty("programme").GetProperty("tacticalGoals")[0].GetProperty("trackIds").EnumerateArray().Select(t => t.GetGuid()).Should().Contain(trackId);

        // Someone of another team starts nothing on this one, linked or not.
        var stranger = app.ClientAs("Daan");
        (await stranger.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/tracks", new { title = "X", challenge = "Y", goal = new { programmeId = programme, tacticalGoalId = tactical } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_member_who_leaves_hands_their_open_steps_on_and_loses_the_boards()
    {
        var board = await Board.StartAsync(app, "Sander", "Fatima");
        var beheerder = app.ClientFor("Emmy");
        var step = await board.Do("/steps", new { text = "Bel het re-integratiebedrijf", ownerId = board.Members["Sander"], due = "2099-01-06" });
        var sander = app.ClientAs("Sander");
        (await sander.GetAsync($"/api/v1/tracks/{board.TrackId}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var path = $"/api/v1/teams/{board.TeamId}/members/{board.Members["Sander"]}/removed";
        var before = await app.EventCount();
        await (await beheerder.PostAsJsonAsync(path, new { })).ShouldBeProblem(HttpStatusCode.Conflict, "takenOverBy");
        await (await beheerder.PostAsJsonAsync(path, new { takenOverBy = board.Members["Sander"] })).ShouldBeProblem(HttpStatusCode.BadRequest, "takenOverBy");
        (await app.EventCount()).Should().Be(before);
        (await sander.PostAsJsonAsync(path, new { takenOverBy = board.Members["Fatima"] })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a member does not manage the team");

        var removed = await beheerder.PostAsJsonAsync(path, new { takenOverBy = board.Members["Fatima"] });
        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());

        var team = await removed.Json<JsonElement>();
        team.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().Equal("Fatima");
        var read = await board.Read();
        read.GetProperty("smallSteps").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == step).GetProperty("ownerName").GetString().Should().Be("Fatima");
        (await sander.GetAsync($"/api/v1/tracks/{board.TrackId}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await beheerder.PostAsJsonAsync(path, new { })).ShouldBeProblem(HttpStatusCode.Conflict, "memberId");

        var audit = await (await beheerder.GetAsync($"/api/v1/teams/{board.TeamId}/audit")).Content.ReadAsStringAsync();
        audit.Should().Contain("haalde Sander uit het team").And.Contain("gaf de stap 'Bel het re-integratiebedrijf' aan Fatima");
    }

    [Fact]
    public async Task a_coach_is_taken_off_the_team()
    {
        var board = await Board.StartAsync(app);
        var beheerder = app.ClientFor("Emmy");
        var team = await (await beheerder.GetAsync($"/api/v1/teams/{board.TeamId}")).Json<JsonElement>();
        var coach = team.GetProperty("coaches")[0].GetProperty("id").GetGuid();

        var removed = await beheerder.PostAsync($"/api/v1/teams/{board.TeamId}/coaches/{coach}/removed", null);

        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        (await removed.Json<JsonElement>()).GetProperty("coaches").GetArrayLength().Should().Be(0);
        await (await beheerder.PostAsync($"/api/v1/teams/{board.TeamId}/coaches/{coach}/removed", null)).ShouldBeProblem(HttpStatusCode.Conflict, "coachId");
    }

    [Fact]
    public async Task a_programme_director_renames_a_programme_and_nobody_else_does()
    {
        var (programme, _) = await Programme();

        (await director.PutAsJsonAsync($"/api/v1/programmes/{programme}/name", new { name = "Publieke dienstverlener" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.ClientAs("Sander").PutAsJsonAsync($"/api/v1/programmes/{programme}/name", new { name = "Anders" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await director.PutAsJsonAsync($"/api/v1/programmes/{programme}/name", new { name = "" })).ShouldBeProblem(HttpStatusCode.BadRequest, "name");

        var view = await (await director.GetAsync($"/api/v1/programmes/{programme}")).Json<JsonElement>();
        view.GetProperty("programme").GetProperty("name").GetString().Should().Be("Publieke dienstverlener");
    }

    private async Task<(Guid Programme, Guid Tactical)> Programme()
    {
        var created = await (await director.PostAsJsonAsync("/api/v1/programmes", new { name = Unique.Name("Transformatie") })).Json<JsonElement>();
        var programme = created.GetProperty("id").GetGuid();
        var strategic = Guid.NewGuid();
        var tactical = Guid.NewGuid();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/transition-goals", new { id = strategic, result = "Publieke dienstverlener", owner = "Pieter", horizon = "2099-12-31" })).EnsureSuccessStatusCode();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/tactical-goals", new { id = tactical, transitionGoalId = strategic, result = "Klant in regie", owner = "Anna", due = "2099-06-30" })).EnsureSuccessStatusCode();
        return (programme, tactical);
    }
}
