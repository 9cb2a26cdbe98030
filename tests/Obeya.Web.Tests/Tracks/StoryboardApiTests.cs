using System.Net;
using System.Text.Json;
using NodaTime;
using Obeya.Testing;

namespace Obeya.Web.Tests.Tracks;

public class StoryboardApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task a_storyboard_is_built_through_the_api_and_read_back_whole()
    {
        var board = await Board.StartAsync(app, "Sander", "Fatima");

        (await board.Put("/challenge", new { challenge = "Over een jaar gaat 60% binnen drie maanden aan de slag" })).EnsureSuccessStatusCode();
        var metric = await board.Do("/metrics", new { name = "% teruggemeld binnen 3 maanden", unit = "%", direction = "higher", target = 60 });
        var measurement = await board.Do($"/metrics/{metric}/measurements", new { on = "2026-11-16", value = 41.5, note = "week 47" });
        await board.Do($"/metrics/{metric}/measurements/{measurement}/correction", new { value = 42.5, reason = "telfout" });
        var condition = await board.Do("/target-conditions", new
        {
            description = "Elke verwijzing met klantbeeld", achieveBy = "2027-01-15", metricTargets = new[] { new { metricId = metric, target = 50 } },
        });
        await board.Do("/current-conditions", new { on = "2026-11-23", description = "42,5% teruggemeld" });
        var obstacle = await board.Do("/obstacles", new { text = "Terugmeldingen zonder reden" });
        var other = await board.Do("/obstacles", new { text = "Geen vaste tijd" });
        await board.Do($"/obstacles/{obstacle}/focus");
        var experiment = await board.Do("/experiments", new { on = "2026-11-24", step = "Bel terug", expectation = "8 van 10 redenen bekend" });
        await board.Do($"/experiments/{experiment}/result", new { whatHappened = "6 van 10", learned = "Vaste contactpersoon werkt beter", asExpected = false });
        (await board.Send(HttpMethod.Delete, $"/obstacles/{obstacle}/focus")).EnsureSuccessStatusCode();
        await board.Do($"/obstacles/{other}/dropped", new { note = "Opgelost door de planning" });
        var step = await board.Do("/steps", new { text = "Contactpersoon Noord bellen", ownerId = board.Members["Sander"], due = "2026-11-24" });
        (await board.Put($"/steps/{step}/owner", new { ownerId = board.Members["Fatima"] })).EnsureSuccessStatusCode();
        (await board.Put($"/steps/{step}/due", new { due = "2026-12-08" })).EnsureSuccessStatusCode();
        await board.Do($"/target-conditions/{condition}/reached", new { reason = "52% gehaald" });

        var read = await board.Read();
        read.GetProperty("version").GetInt64().Should().Be(board.Version).And.Be(18);
        read.GetProperty("challenge").GetString().Should().StartWith("Over een jaar gaat 60%");
        var stored = read.GetProperty("metrics")[0].GetProperty("measurements")[0];
        (stored.GetProperty("value").GetDecimal(), stored.GetProperty("correctedFrom").GetDecimal()).Should().Be((42.5m, 41.5m));
        read.GetProperty("targetConditions")[0].GetProperty("state").GetString().Should().Be("reached");
        read.GetProperty("activeTargetCondition").ValueKind.Should().Be(JsonValueKind.Null);
        read.GetProperty("focusedObstacleId").ValueKind.Should().Be(JsonValueKind.Null);
        read.GetProperty("obstacles")[1].GetProperty("state").GetString().Should().Be("dropped");
        read.GetProperty("experiments")[0].GetProperty("learned").GetString().Should().Be("Vaste contactpersoon werkt beter");
        var savedStep = read.GetProperty("smallSteps")[0];
        savedStep.GetProperty("ownerName").GetString().Should().Be("Fatima");
        savedStep.GetProperty("sessionsAhead").GetInt32().Should().Be(5, "Tuesday 8 December is the fifth session after Monday 23 November");
        savedStep.GetProperty("isTooBig").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task the_history_tells_who_did_what_in_dutch()
    {
        var board = await Board.StartAsync(app);
        var obstacle = await board.Do("/obstacles", new { text = "Terugmeldingen zonder reden" });
        await board.Do($"/obstacles/{obstacle}/focus");

        var history = (await board.History()).EnumerateArray().ToList();

        history.Should().HaveCount(3);
        history[2].GetProperty("sentence").GetString().Should().Be("Emmy zette obstakel 'Terugmeldingen zonder reden' in focus");
        history[2].GetProperty("by").GetString().Should().Be("Emmy");
        history[2].GetProperty("version").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task the_board_as_it_was_on_an_earlier_date_or_moment()
    {
        var board = await Board.StartAsync(app);
        var first = await board.Do("/obstacles", new { text = "Eerste obstakel" });
        app.Clock.Advance(Duration.FromDays(3));
        var afterFirst = app.Clock.GetCurrentInstant();
        await board.Do("/obstacles", new { text = "Tweede obstakel" });
        await board.Do($"/obstacles/{first}/focus");
        var today = app.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;

        var threeDaysAgo = await board.Read($"?asOf={today.PlusDays(-3):yyyy-MM-dd}");
        var atInstant = await board.Read($"?asOf={afterFirst.Minus(Duration.FromSeconds(1))}");
        var now = await board.Read($"?asOf={today:yyyy-MM-dd}");

        threeDaysAgo.GetProperty("obstacles").GetArrayLength().Should().Be(1);
        threeDaysAgo.GetProperty("focusedObstacleId").ValueKind.Should().Be(JsonValueKind.Null);
        atInstant.GetProperty("obstacles").GetArrayLength().Should().Be(1);
        now.GetProperty("obstacles").GetArrayLength().Should().Be(2);
        now.GetProperty("focusedObstacleId").GetGuid().Should().Be(first);
    }

    [Fact]
    public async Task a_board_before_it_started_or_an_ill_formed_moment_is_a_problem()
    {
        var board = await Board.StartAsync(app);
        var client = app.ClientFor();

        await (await client.GetAsync($"{board.Path}?asOf=2020-01-01")).ShouldBeProblem(HttpStatusCode.NotFound, "asOf");
        await (await client.GetAsync($"{board.Path}?asOf=gisteren")).ShouldBeProblem(HttpStatusCode.BadRequest, "asOf");
        await (await client.GetAsync($"{board.Path}?asOf=2026-13-45")).ShouldBeProblem(HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task contact_details_in_a_text_are_stored_with_a_warning()
    {
        var board = await Board.StartAsync(app);

        var result = await (await board.Post("/obstacles", new { text = "Re-integratie Noord neemt niet op (06-12345678)" })).Json<JsonElement>();

        var warning = result.GetProperty("warnings").EnumerateArray().Should().ContainSingle().Subject;
        warning.GetProperty("field").GetString().Should().Be("text");
        warning.GetProperty("message").GetString().Should().Contain("telefoonnummer");
        (await board.Read()).GetProperty("obstacles").GetArrayLength().Should().Be(1);
    }
}
