using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Programmes;

/// <summary>
/// The Obeya over HTTP against a real store: a programme director sets goals and links a team's track; the team
/// escalates an obstacle in one action; the roll-up reads it; resolving it reaches the team's board.
/// </summary>
public class ProgrammeApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient director = app.ClientAs("Pieter", GlobalRole.ProgrammeDirector);

    private async Task<(Guid Programme, Guid Strategic, Guid Tactical, Board Board)> ProgrammeWithATrack()
    {
        var board = await Board.StartAsync(app);
        var programme = await Id(await director.PostAsJsonAsync("/api/v1/programmes", new { name = "Transformatie naar publieke dienstverlener" }));
        var path = $"/api/v1/programmes/{programme}";
        var strategic = Guid.NewGuid();
        var tactical = Guid.NewGuid();
        (await director.PostAsJsonAsync($"{path}/transition-goals", new { id = strategic, result = "Publieke dienstverlener", owner = "Pieter", horizon = "2027-12-31" })).EnsureSuccessStatusCode();
        (await director.PostAsJsonAsync($"{path}/tactical-goals", new { id = tactical, transitionGoalId = strategic, result = "Klant in regie", owner = "Anna", due = "2027-06-30" })).EnsureSuccessStatusCode();
        (await director.PostAsJsonAsync($"{path}/tactical-goals/{tactical}/tracks", new { trackId = board.TrackId })).EnsureSuccessStatusCode();
        return (programme, strategic, tactical, board);
    }

    private async Task<JsonElement> Obeya(Guid programme) => await (await director.GetAsync($"/api/v1/programmes/{programme}")).Json<JsonElement>();

    private static string Status(JsonElement view, string kind, Guid id) => view.GetProperty("rollup").GetProperty(kind).GetProperty(id.ToString()).GetProperty("shown").GetString()!;

    [Fact]
    public async Task an_escalated_obstacle_blocks_its_goal_on_the_obeya_and_its_resolution_reaches_the_team()
    {
        var (programme, strategic, tactical, board) = await ProgrammeWithATrack();
        var obstacle = await board.Do("/obstacles", new { text = "Geen contactpersoon bij Re-integratie Noord" });
        Status(await Obeya(programme), "goals", tactical).Should().Be("atRisk", "the team's track has no target condition yet");

        var escalated = await board.Post($"/obstacles/{obstacle}/escalation", new { programmeId = programme, goalId = tactical, owner = "Pieter", expectedBy = "2026-12-07" });
        escalated.StatusCode.Should().Be(HttpStatusCode.Created, await escalated.Content.ReadAsStringAsync());

        var view = await Obeya(programme);
        Status(view, "goals", tactical).Should().Be("blocked");
        Status(view, "goals", strategic).Should().Be("blocked", "its only tactical goal is blocked");
        Status(view, "tracks", board.TrackId).Should().Be("blocked");
        var impediment = view.GetProperty("programme").GetProperty("impediments").EnumerateArray().Single();
        impediment.GetProperty("source").GetProperty("trackTitle").GetString().Should().Be("Kwaliteit van het klantgesprek");
        (await board.Read()).GetProperty("obstacles")[0].GetProperty("escalation").GetProperty("goalResult").GetString().Should().Be("Klant in regie");

        var resolved = await director.PostAsJsonAsync(
            $"/api/v1/programmes/{programme}/impediments/{impediment.GetProperty("id").GetGuid()}/resolved", new { resolution = "Noord levert een vaste contactpersoon" });
        resolved.EnsureSuccessStatusCode();

        Status(await Obeya(programme), "goals", tactical).Should().NotBe("blocked");
        (await board.Read()).GetProperty("obstacles")[0].GetProperty("escalation").GetProperty("resolution").GetString().Should().Be("Noord levert een vaste contactpersoon");
        (await board.History()).EnumerateArray().Select(h => h.GetProperty("sentence").GetString()).Should().Contain(
            "Pieter loste in de Obeya het opgeschaalde obstakel 'Geen contactpersoon bij Re-integratie Noord' op: Noord levert een vaste contactpersoon");
    }

    [Fact]
    public async Task a_dependency_circle_and_an_override_like_the_roll_up_are_refused_and_store_nothing()
    {
        var (programme, strategic, tactical, board) = await ProgrammeWithATrack();
        var path = $"/api/v1/programmes/{programme}";
        var first = await director.PostAsJsonAsync($"{path}/dependencies", new { from = new { kind = "goal", id = tactical }, to = new { kind = "track", id = board.TrackId } });
        first.IsSuccessStatusCode.Should().BeTrue(await first.Content.ReadAsStringAsync());
        var before = await app.EventCount();

        var circle = await director.PostAsJsonAsync($"{path}/dependencies", new { from = new { kind = "track", id = board.TrackId }, to = new { kind = "goal", id = tactical } });
        var derived = Status(await Obeya(programme), "goals", strategic);
        var same = await director.PutAsJsonAsync($"{path}/goals/{strategic}/status", new { status = derived, reason = "Zo is het" });
        var noReason = await director.PutAsJsonAsync($"{path}/goals/{strategic}/status", new { status = "blocked" });
        var unknownStatus = await director.PutAsJsonAsync($"{path}/goals/{strategic}/status", new { status = "prima", reason = "?" });

        (await circle.ShouldBeProblem(HttpStatusCode.Conflict, "to")).GetProperty("detail").GetString().Should().StartWith("Dit maakt een kring");
        await same.ShouldBeProblem(HttpStatusCode.Conflict, "status");
        await noReason.ShouldBeProblem(HttpStatusCode.BadRequest, "reason");
        await unknownStatus.ShouldBeProblem(HttpStatusCode.BadRequest);
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task an_override_is_shown_with_its_reason_until_the_situation_below_changes()
    {
        var (programme, strategic, _, board) = await ProgrammeWithATrack();
        var derived = Status(await Obeya(programme), "goals", strategic);
        var other = derived == "onTrack" ? "atRisk" : "onTrack";

        (await director.PutAsJsonAsync($"/api/v1/programmes/{programme}/goals/{strategic}/status", new { status = other, reason = "Het bestuur twijfelt" })).EnsureSuccessStatusCode();
        var held = (await Obeya(programme)).GetProperty("rollup").GetProperty("goals").GetProperty(strategic.ToString());
        held.GetProperty("shown").GetString().Should().Be(other);
        held.GetProperty("override").GetProperty("reason").GetString().Should().Be("Het bestuur twijfelt");

        // Below, the team's obstacle goes up: the roll-up changes, the override lapses.
        var obstacle = await board.Do("/obstacles", new { text = "Geen budget" });
        (await board.Post($"/obstacles/{obstacle}/escalation", new { programmeId = programme, goalId = strategic, owner = "Pieter", expectedBy = "2026-12-07" })).EnsureSuccessStatusCode();

        var lapsed = (await Obeya(programme)).GetProperty("rollup").GetProperty("goals").GetProperty(strategic.ToString());
        lapsed.GetProperty("overrideLapsed").GetBoolean().Should().BeTrue();
        lapsed.GetProperty("shown").GetString().Should().Be("blocked");
    }


    [Fact]
    public async Task after_the_obeya_resolves_an_escalated_obstacle_the_team_keeps_working_on_its_board()
    {
        var (programme, _, tactical, board) = await ProgrammeWithATrack();
        var obstacle = await board.Do("/obstacles", new { text = "Geen contactpersoon bij Re-integratie Noord" });
        (await board.Post($"/obstacles/{obstacle}/escalation", new { programmeId = programme, goalId = tactical, owner = "Pieter", expectedBy = "2026-12-07" }))
            .EnsureSuccessStatusCode();
        var impediment = (await Obeya(programme)).GetProperty("programme").GetProperty("impediments")[0].GetProperty("id").GetGuid();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/impediments/{impediment}/resolved", new { resolution = "Noord levert een contactpersoon" }))
            .EnsureSuccessStatusCode();

        // The team's screen read version 3 before the Obeya told it: that version is stale now, as any other's change.
        await (await board.Post("/obstacles", new { text = "Te laat gezien" })).ShouldBeProblem(HttpStatusCode.PreconditionFailed, "If-Match");
        // The board's version is the number of its events (started, obstacle, escalated, told), in the ETag and the body.
        (await board.Refresh()).GetProperty("version").GetInt64().Should().Be(4);
        (await board.History()).GetArrayLength().Should().Be(4);

        // And the team goes on: three changes in a row, each accepted against the version it read.
        (await board.Post("/obstacles", new { text = "Terugmeldingen zonder reden" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await board.Put($"/obstacles/{obstacle}/text", new { text = "Geen vaste contactpersoon" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await board.Post($"/obstacles/{obstacle}/focus")).StatusCode.Should().Be(HttpStatusCode.OK);
        board.Version.Should().Be(7);
        (await board.Read()).GetProperty("version").GetInt64().Should().Be(7);
    }

    [Fact]
    public async Task an_id_a_programme_already_uses_is_refused_whatever_it_names_and_a_retry_makes_nothing_twice()
    {
        var (programme, strategic, tactical, _) = await ProgrammeWithATrack();
        var path = $"/api/v1/programmes/{programme}";
        var before = await app.EventCount();

        var retry = await director.PostAsJsonAsync($"{path}/transition-goals", new { id = strategic, result = "Publieke dienstverlener", owner = "Pieter", horizon = "2027-12-31" });
        var tacticalWithStrategicsId = await director.PostAsJsonAsync($"{path}/tactical-goals", new { id = strategic, transitionGoalId = strategic, result = "Ander", owner = "Anna", due = "2027-06-30" });
        var impedimentWithGoalsId = await director.PostAsJsonAsync($"{path}/impediments", new { id = tactical, goalId = tactical, text = "Geen budget", owner = "Pieter", expectedBy = "2027-01-01" });
        var emptyId = await director.PostAsJsonAsync($"{path}/transition-goals", new { id = Guid.Empty, result = "Leeg", owner = "Pieter", horizon = "2027-12-31" });

        await retry.ShouldBeProblem(HttpStatusCode.Conflict, "id");
        await tacticalWithStrategicsId.ShouldBeProblem(HttpStatusCode.Conflict, "id");
        await impedimentWithGoalsId.ShouldBeProblem(HttpStatusCode.Conflict, "id");
        await emptyId.ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        (await app.EventCount()).Should().Be(before);
        var view = await Obeya(programme);
        view.GetProperty("programme").GetProperty("transitionGoals").GetArrayLength().Should().Be(1);
        view.GetProperty("programme").GetProperty("tacticalGoals").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task directors_adding_goals_at_the_same_moment_all_get_theirs()
    {
        var programme = await Id(await director.PostAsJsonAsync("/api/v1/programmes", new { name = "Drukte" }));

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            director.PostAsJsonAsync($"/api/v1/programmes/{programme}/transition-goals", new { result = $"Doel {i}", owner = "Pieter", horizon = "2027-12-31" })));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        (await Obeya(programme)).GetProperty("programme").GetProperty("transitionGoals").EnumerateArray()
            .Select(g => g.GetProperty("result").GetString()).Should().BeEquivalentTo(Enumerable.Range(0, 12).Select(i => $"Doel {i}"));
    }

    [Theory]
    [InlineData("/transition-goals")]
    [InlineData("/goals/00000000-0000-0000-0000-000000000000/achieved")]
    [InlineData("/impediments/00000000-0000-0000-0000-000000000000/resolved")]
    public async Task the_all_zero_programme_or_goal_is_not_found_not_an_error(string path)
    {
        var zero = await director.PostAsJsonAsync($"/api/v1/programmes/{Guid.Empty}{path}", new { result = "Doel", owner = "Pieter", horizon = "2027-12-31", resolution = "Klaar" });

        await zero.ShouldBeProblem(HttpStatusCode.NotFound, "programmeId");
    }

    private static async Task<Guid> Id(HttpResponseMessage response) => (await response.Json<JsonElement>()).GetProperty("id").GetGuid();
}
