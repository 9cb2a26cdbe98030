using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Processes;

/// <summary>The process catalogue through the API: a team maps its process, links its track to a step, and everyone reads it.</summary>
public class ProcessApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task a_team_adds_a_process_maps_it_links_its_track_to_a_step_and_the_catalogue_shows_the_coverage()
    {
        var board = await Board.StartAsync(app);
        var emmy = app.ClientFor("Emmy");
        var added = await emmy.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/processes",
            new { name = Unique.Name("Invordering"), customer = "Inwoner met een aanslag", questionBehind = "Weten wat hij moet betalen en wanneer" });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var process = (await added.Json<JsonElement>()).GetProperty("id").GetGuid();

        var (intake, check) = (Guid.NewGuid(), Guid.NewGuid());
        var drawn = await emmy.PostAsJsonAsync($"/api/v1/processes/{process}/maps", new
        {
            state = "current", name = "Zo gaat het nu", demandPerWeek = 120,
            steps = new object[]
            {
                new { id = intake, name = "Aanslag", who = "Belastingen", processMinutes = 30, waitMinutesBefore = 0, firstTimeRightPercent = 90 },
                new { id = check, name = "Aanmaning", who = "Invordering", processMinutes = 20, waitMinutesBefore = 60, firstTimeRightPercent = 50, reworkTo = intake },
            },
        });
        drawn.StatusCode.Should().Be(HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        var map = (await drawn.Json<JsonElement>()).GetProperty("maps")[0];
        var totals = map.GetProperty("totals");
        (totals.GetProperty("leadMinutes").GetInt64(), totals.GetProperty("processMinutes").GetInt64(), totals.GetProperty("flowEfficiency").GetDecimal(),
            totals.GetProperty("rolledFirstTimeRight").GetDecimal(), totals.GetProperty("expectedLeadMinutesWithRework").GetDecimal())
            .Should().Be((110L, 50L, 0.4545m, 0.45m, 220m));

        (await emmy.PostAsJsonAsync($"/api/v1/processes/{process}/tracks", new { trackId = board.TrackId, stepId = check })).EnsureSuccessStatusCode();

        // Someone of another team reads the catalogue, and may change nothing of it.
        var other = app.ClientAs("Daan");
        var catalogue = await (await other.GetAsync($"/api/v1/processes?search=invordering&improved=true")).Json<JsonElement>();
        var row = catalogue.EnumerateArray().Should().ContainSingle(p => p.GetProperty("id").GetGuid() == process).Subject;
        (row.GetProperty("mapped").GetBoolean(), row.GetProperty("beingImproved").GetBoolean(), row.GetProperty("tracks").GetInt32()).Should().Be((true, true, 1));
        var view = await (await other.GetAsync($"/api/v1/processes/{process}")).Json<JsonElement>();
        view.GetProperty("tracks")[0].GetProperty("title").GetString().Should().Be("Kwaliteit van het klantgesprek");
        // As it was: before it was added there was nothing; a day far ahead shows it as it is.
        await (await other.GetAsync($"/api/v1/processes/{process}?asOf=2001-01-01")).ShouldBeProblem(HttpStatusCode.NotFound, "asOf");
        await (await other.GetAsync($"/api/v1/processes/{process}?asOf=gisteren")).ShouldBeProblem(HttpStatusCode.BadRequest, "asOf");
        var later = await (await other.GetAsync($"/api/v1/processes/{process}?asOf=2100-12-31")).Json<JsonElement>();
        (later.GetProperty("maps").GetArrayLength(), later.GetProperty("tracks").GetArrayLength()).Should().Be((1, 1));
        (await other.PutAsJsonAsync($"/api/v1/processes/{process}", new { name = "Weg" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await other.GetAsync("/api/v1/processes?mapped=misschien")).ShouldBeProblem(HttpStatusCode.BadRequest, "mapped")).ValueKind.Should().Be(JsonValueKind.Object);

        // The step a track works on stays on the map until the track is unlinked.
        var redraw = new { state = "current", name = "Zo gaat het nu", demandPerWeek = 120, steps = new object[] { new { id = intake, name = "Aanslag", who = "Belastingen", processMinutes = 30, waitMinutesBefore = 0, firstTimeRightPercent = 90 } } };
        await (await emmy.PutAsJsonAsync($"/api/v1/processes/{process}/maps/{map.GetProperty("id").GetGuid()}", redraw))
            .ShouldBeProblem(HttpStatusCode.Conflict, "steps");
        (await emmy.DeleteAsync($"/api/v1/processes/{process}/tracks/{board.TrackId}")).EnsureSuccessStatusCode();
        await (await emmy.DeleteAsync($"/api/v1/processes/{process}/tracks/{board.TrackId}")).ShouldBeProblem(HttpStatusCode.Conflict, "linkedTrackId");
    }

    [Fact]
    public async Task the_beheerder_imports_the_process_list_whole_or_not_at_all_and_a_second_time_adds_nothing()
    {
        var board = await Board.StartAsync(app);
        var team = (await (await app.ClientFor("Emmy").GetAsync($"/api/v1/teams/{board.TeamId}")).Json<JsonElement>()).GetProperty("name").GetString();
        var beheerder = app.ClientFor("Emmy");
        var (first, second) = (Unique.Name("Loonkostensubsidie"), Unique.Name("Jobcoaching"));
        StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");

        var before = await app.EventCount();
        var refused = await (await beheerder.PostAsync("/api/v1/processes/import", Csv($"naam;team;klant\n{first};{team};Werkgever\n{second};Team dat er niet is;\n")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors").TryGetProperty("file[3]", out _).Should().BeTrue();
        (await app.EventCount()).Should().Be(before, "one bad row stores nothing of the list");

        var list = Csv($"naam;team;klant\n{first};{team};Werkgever\n{second};{team};\n");
        var stored = await (await beheerder.PostAsync("/api/v1/processes/import", list)).Json<JsonElement>();
        (stored.GetProperty("new").GetInt32(), stored.GetProperty("stored").GetBoolean()).Should().Be((2, true));
        var again = await (await beheerder.PostAsync("/api/v1/processes/import", Csv($"naam;team;klant\n{first};{team};Werkgever\n{second};{team};\n"))).Json<JsonElement>();
        (again.GetProperty("new").GetInt32(), again.GetProperty("alreadyThere").GetInt32()).Should().Be((0, 2));
        var catalogue = await (await beheerder.GetAsync($"/api/v1/processes?teamId={board.TeamId}")).Json<JsonElement>();
        catalogue.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().BeEquivalentTo([first, second]);

        await (await app.ClientAs("Daan").PostAsync("/api/v1/processes/import", Csv($"naam;team\nIets;{team}\n"))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
