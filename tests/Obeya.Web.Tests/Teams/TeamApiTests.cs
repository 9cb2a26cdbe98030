using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Teams;

public class TeamApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient client = app.ClientFor("Emmy");

    [Fact]
    public async Task a_created_team_is_read_back_with_the_default_cadence()
    {
        var created = await client.PostAsJsonAsync("/api/v1/teams", new { name = "Team Werk" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var location = created.Headers.Location!.ToString();
        var team = await (await client.GetAsync(location)).Json<JsonElement>();
        team.GetProperty("name").GetString().Should().Be("Team Werk");
        team.GetProperty("cadence").GetProperty("days").EnumerateArray().Select(d => d.GetString()).Should().Equal("tuesday", "thursday");
        team.GetProperty("cadence").GetProperty("startsAt").GetString().Should().Be("09:00:00");
        team.GetProperty("cadence").GetProperty("timeZone").GetString().Should().Be("Europe/Amsterdam");

        var all = await (await client.GetAsync("/api/v1/teams")).Json<JsonElement>();
        all.EnumerateArray().Should().Contain(t => t.GetProperty("name").GetString() == "Team Werk");
    }

    [Fact]
    public async Task a_team_is_created_with_its_own_cadence_and_members()
    {
        var created = await client.PostAsJsonAsync("/api/v1/teams", new
        {
            name = "Klantcontactcentrum",
            cadence = new { days = new[] { "monday", "wednesday" }, startsAt = "08:45:00", durationMinutes = 20, timeZone = "Europe/Amsterdam" },
        });
        var id = (await created.Json<JsonElement>()).GetProperty("id").GetGuid();

        (await client.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { name = "Sander" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var team = await (await client.GetAsync($"/api/v1/teams/{id}")).Json<JsonElement>();
        team.GetProperty("cadence").GetProperty("durationMinutes").GetInt32().Should().Be(20);
        team.GetProperty("members").EnumerateArray().Single().GetProperty("name").GetString().Should().Be("Sander");
    }

    [Fact]
    public async Task creating_with_the_same_id_twice_creates_one_team()
    {
        var id = Guid.NewGuid();
        (await client.PostAsJsonAsync("/api/v1/teams", new { id, name = "Team Zorg" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var before = await app.EventCount();

        await (await client.PostAsJsonAsync("/api/v1/teams", new { id, name = "Team Zorg" })).ShouldBeProblem(HttpStatusCode.Conflict, "id");

        (await app.EventCount()).Should().Be(before);
    }

    public static TheoryData<string, string> BadTeams => new()
    {
        { """{"name": "Team""", "name" }, // malformed: the problem names where reading broke off
        { """{}""", "name" },
        { """{"name": null}""", "name" },
        { """{"name": "   "}""", "name" },
        { $$"""{"name": "{{new string('x', 201)}}"}""", "name" },
        { """{"name": 42}""", "name" },
        { """{"name": "Team 111222333"}""", "name" },
        { """{"name": "Team", "cadence": {"days": ["tuesday"], "startsAt": "9 uur", "durationMinutes": 30, "timeZone": "Europe/Amsterdam"}}""", "cadence.startsAt" },
        { """{"name": "Team", "cadence": {"days": ["dinsdag"], "startsAt": "09:00:00", "durationMinutes": 30, "timeZone": "Europe/Amsterdam"}}""", "cadence.days[0]" },
        { """{"name": "Team", "cadence": {"days": ["tuesday"], "startsAt": "09:00:00", "durationMinutes": 30, "timeZone": "Mars"}}""", "cadence.timeZone" },
        { """{"name": "Team", "id": "niet-een-guid"}""", "id" },
    };

    [Theory]
    [MemberData(nameof(BadTeams))]
    public async Task a_bad_team_is_refused_with_a_problem_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var before = await app.EventCount();

        var response = await client.PostAsync("/api/v1/teams", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task an_unknown_team_is_a_404_problem()
    {
        await (await client.GetAsync($"/api/v1/teams/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
        await (await client.PostAsJsonAsync($"/api/v1/teams/{Guid.NewGuid()}/members", new { name = "Sander" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "teamId");
    }

    [Fact]
    public async Task a_write_by_nobody_signed_in_is_refused_401()
    {
        var anonymous = app.CreateClient();
        var before = await app.EventCount();

        await (await anonymous.PostAsJsonAsync("/api/v1/teams", new { name = "Team Zonder Naam" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "access");

        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task a_team_gets_a_coach_a_new_name_and_a_new_cadence()
    {
        var id = (await (await client.PostAsJsonAsync("/api/v1/teams", new { name = "Team Inkomen" })).Json<JsonElement>()).GetProperty("id").GetGuid();

        (await client.PostAsJsonAsync($"/api/v1/teams/{id}/coaches", new { name = "Marieke", email = "marieke@example.nl" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/v1/teams/{id}/name", new { name = "Team Inkomen en Werk" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/v1/teams/{id}/cadence", new
        {
            cadence = new { days = new[] { "wednesday" }, startsAt = "13:30:00", durationMinutes = 45, timeZone = "Europe/Amsterdam" },
        })).EnsureSuccessStatusCode();

        var team = await (await client.GetAsync($"/api/v1/teams/{id}")).Json<JsonElement>();
        team.GetProperty("name").GetString().Should().Be("Team Inkomen en Werk");
        team.GetProperty("coaches")[0].GetProperty("name").GetString().Should().Be("Marieke");
        team.GetProperty("cadence").GetProperty("days").EnumerateArray().Single().GetString().Should().Be("wednesday");
        team.GetProperty("version").GetInt64().Should().Be(4);
    }

    [Fact]
    public async Task a_bad_team_change_is_a_problem_and_changes_nothing()
    {
        var id = (await (await client.PostAsJsonAsync("/api/v1/teams", new { name = "Team Schulden" })).Json<JsonElement>()).GetProperty("id").GetGuid();
        await client.PostAsJsonAsync($"/api/v1/teams/{id}/coaches", new { name = "Marieke" });
        var before = await app.EventCount();

        await (await client.PostAsJsonAsync($"/api/v1/teams/{id}/coaches", new { name = "marieke" })).ShouldBeProblem(HttpStatusCode.Conflict, "name");
        await (await client.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { name = "Joost", email = "geen adres" })).ShouldBeProblem(HttpStatusCode.BadRequest, "email");
        await (await client.PutAsJsonAsync($"/api/v1/teams/{id}/name", new { name = "" })).ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await (await client.PutAsJsonAsync($"/api/v1/teams/{id}/cadence", new
        {
            cadence = new { days = new[] { "monday" }, startsAt = "09:00:00", durationMinutes = 2, timeZone = "Europe/Amsterdam" },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "cadence.durationMinutes");

        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task the_list_of_teams_tells_a_teamlid_only_the_names_of_teams_whose_boards_they_may_not_read()
    {
        var other = (await (await client.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team Zorg") })).Json<JsonElement>()).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync($"/api/v1/teams/{other}/members", new { name = "Geheim", email = "geheim.lid@zorg.example.nl" })).EnsureSuccessStatusCode();
        var own = (await (await client.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team Werk") })).Json<JsonElement>()).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync($"/api/v1/teams/{own}/members", new { name = "Lid", email = ObeyaApp.EmailOf("Lid") })).EnsureSuccessStatusCode();

        var answer = await app.ClientAs("Lid").GetAsync("/api/v1/teams");
        var body = await answer.Content.ReadAsStringAsync();
        var teams = JsonDocument.Parse(body).RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("id").GetGuid());

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().NotContain("geheim.lid@zorg.example.nl").And.NotContain("Geheim");
        teams[other].GetProperty("readable").GetBoolean().Should().BeFalse();
        teams[other].GetProperty("members").GetArrayLength().Should().Be(0);
        teams[own].GetProperty("readable").GetBoolean().Should().BeTrue();
        teams[own].GetProperty("members").EnumerateArray().Select(m => m.GetProperty("email").GetString()).Should().Equal(ObeyaApp.EmailOf("Lid"));
    }

    [Fact]
    public async Task members_added_at_the_same_moment_all_join_the_team()
    {
        var id = (await (await client.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team") })).Json<JsonElement>()).GetProperty("id").GetGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 15).Select(i =>
            client.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { name = $"Lid {(char)('a' + i)}" })));

        answers.Select(a => a.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        var team = await (await client.GetAsync($"/api/v1/teams/{id}")).Json<JsonElement>();
        team.GetProperty("members").GetArrayLength().Should().Be(15);
        team.GetProperty("version").GetInt64().Should().Be(16);
    }

    [Fact]
    public async Task a_member_or_coach_id_the_team_already_uses_is_refused_so_a_retry_adds_no_one_twice()
    {
        var id = (await (await client.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team") })).Json<JsonElement>()).GetProperty("id").GetGuid();
        var sander = Guid.NewGuid();
        (await client.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { id = sander, name = "Sander" })).EnsureSuccessStatusCode();
        var before = await app.EventCount();

        await (await client.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { id = sander, name = "Sander B" })).ShouldBeProblem(HttpStatusCode.Conflict, "id");
        await (await client.PostAsJsonAsync($"/api/v1/teams/{id}/coaches", new { id = sander, name = "Coach" })).ShouldBeProblem(HttpStatusCode.Conflict, "id");
        await (await client.PostAsJsonAsync($"/api/v1/teams/{id}/coaches", new { id, name = "Coach" })).ShouldBeProblem(HttpStatusCode.Conflict, "id");
        await (await client.PostAsJsonAsync($"/api/v1/teams/{id}/members", new { id = Guid.Empty, name = "Leeg" })).ShouldBeProblem(HttpStatusCode.BadRequest, "id");

        (await app.EventCount()).Should().Be(before);
    }
}
