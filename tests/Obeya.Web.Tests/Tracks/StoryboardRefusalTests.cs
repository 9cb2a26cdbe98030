using System.Net;
using System.Net.Http.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Tracks;

/// <summary>Every bad input is a 4xx problem that names the field, and the store is exactly as it was.</summary>
public class StoryboardRefusalTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    /// <summary>A board with a metric, obstacle A in focus with an experiment running against it, obstacle B, and one step.</summary>
    public sealed record Given(Board Board, Guid Metric, Guid A, Guid B, Guid Experiment, Guid Step);

    private async Task<Given> ABoard()
    {
        var board = await Board.StartAsync(app, "Sander");
        var metric = await board.Do("/metrics", new { name = "% teruggemeld", unit = "%", direction = "higher", target = 60 });
        var a = await board.Do("/obstacles", new { text = "Terugmeldingen zonder reden" });
        var b = await board.Do("/obstacles", new { text = "Geen vaste tijd" });
        await board.Do($"/obstacles/{a}/focus");
        var experiment = await board.Do("/experiments", new { on = "2026-11-24", step = "Bel terug", expectation = "8 van 10" });
        var step = await board.Do("/steps", new { text = "Bellen", ownerId = board.Members["Sander"], due = "2026-11-26" });
        return new Given(board, metric, a, b, experiment, step);
    }

    public sealed record Case(string Name, string Method, Func<Given, string> Path, Func<Given, string?> Body, int Status, string Field, Func<Given, string>? IfMatch = null)
    {
        public override string ToString() => Name;
    }

    private static readonly string Long = new('x', 4001);

    public static TheoryData<Case> Cases => new()
    {
        new("malformed JSON", "POST", _ => "/obstacles", _ => """{"text": """, 400, "text"),
        new("not an object", "POST", _ => "/obstacles", _ => "\"Terugmeldingen\"", 400, "body"),
        new("missing field", "POST", _ => "/obstacles", _ => "{}", 400, "text"),
        new("null field", "POST", _ => "/obstacles", _ => """{"text": null}""", 400, "text"),
        new("overlong text", "POST", _ => "/obstacles", _ => $$"""{"text": "{{Long}}"}""", 400, "text"),
        new("BSN in an obstacle", "POST", _ => "/obstacles", _ => """{"text": "Klant 111.222.333 belt steeds"}""", 400, "text"),
        new("BSN in a learning", "POST", g => $"/experiments/{g.Experiment}/result", _ => """{"whatHappened": "Gebeld", "learned": "Bij 123456782 werkte het", "asExpected": true}""", 400, "learned"),
        // Dropping takes its reason in "note", like resolving: the problem names the field the client sent.
        new("BSN in the note of a dropped obstacle", "POST", g => $"/obstacles/{g.B}/dropped", _ => """{"note": "Klant 111222333 belde"}""", 400, "note"),
        new("control character in the note of a dropped step", "POST", g => $"/steps/{g.Step}/dropped", _ => "{\"note\": \"Bel\\u0007len\"}", 400, "note"),
        new("result without learning", "POST", g => $"/experiments/{g.Experiment}/result", _ => """{"whatHappened": "6 van 10", "learned": "", "asExpected": false}""", 400, "learned"),
        new("result without asExpected", "POST", g => $"/experiments/{g.Experiment}/result", _ => """{"whatHappened": "6 van 10", "learned": "Vaste lijn"}""", 400, "asExpected"),
        new("ill-formed date", "POST", g => $"/metrics/{g.Metric}/measurements", _ => """{"on": "23-11-2026", "value": 40}""", 400, "on"),
        new("impossible date", "PUT", g => $"/steps/{g.Step}/due", _ => """{"due": "2026-02-30"}""", 400, "due"),
        new("not a number", "POST", g => $"/metrics/{g.Metric}/measurements", _ => """{"on": "2026-11-23", "value": "veel"}""", 400, "value"),
        new("unknown direction", "POST", _ => "/metrics", _ => """{"name": "Doorlooptijd", "unit": "dagen", "direction": "omhoog", "target": 5}""", 400, "direction"),
        new("unknown obstacle", "POST", _ => $"/obstacles/{Guid.NewGuid()}/focus", _ => null, 404, "obstacleId"),
        new("unknown experiment", "POST", _ => $"/experiments/{Guid.NewGuid()}/result", _ => """{"whatHappened": "x", "learned": "y", "asExpected": true}""", 404, "experimentId"),
        new("unknown step", "POST", _ => $"/steps/{Guid.NewGuid()}/done", _ => null, 404, "stepId"),
        new("unknown metric", "POST", _ => $"/metrics/{Guid.NewGuid()}/measurements", _ => """{"on": "2026-11-23", "value": 40}""", 404, "metricId"),
        new("unknown measurement", "POST", g => $"/metrics/{g.Metric}/measurements/{Guid.NewGuid()}/correction", _ => """{"value": 1, "reason": "fout"}""", 404, "measurementId"),
        new("owner not in the team", "POST", _ => "/steps", _ => $$"""{"text": "Bellen", "ownerId": "{{Guid.NewGuid()}}", "due": "2026-11-26"}""", 400, "ownerId"),
        new("due in the past", "POST", _ => "/steps", g => $$"""{"text": "Bellen", "ownerId": "{{g.Board.Members["Sander"]}}", "due": "2026-11-20"}""", 400, "due"),
        new("obstacle already in focus", "POST", g => $"/obstacles/{g.A}/focus", _ => null, 409, "obstacleId"),
        new("focus moves while an experiment runs", "POST", g => $"/obstacles/{g.B}/focus", _ => null, 409, "obstacleId"),
        new("second open experiment", "POST", _ => "/experiments", _ => """{"on": "2026-11-25", "step": "Nog een", "expectation": "x"}""", 409, "experimentId"),
        new("target condition without a metric target", "POST", _ => "/target-conditions", _ => """{"description": "Beter", "achieveBy": "2027-01-15", "metricTargets": []}""", 400, "metricTargets"),
        new("an id already on the board", "POST", _ => "/obstacles", g => $$"""{"text": "Nog eens", "id": "{{g.A}}"}""", 409, "id"),
        new("an empty id", "POST", _ => "/steps", g => $$"""{"text": "Bellen", "ownerId": "{{g.Board.Members["Sander"]}}", "due": "2026-11-26", "id": "{{Guid.Empty}}"}""", 400, "id"),
        new("stale version", "POST", _ => "/obstacles", _ => """{"text": "Nieuw"}""", 412, "If-Match", g => $"\"{g.Board.Version - 1}\""),
        new("no version", "POST", _ => "/obstacles", _ => """{"text": "Nieuw"}""", 428, "If-Match", _ => ""),
        new("garbled version", "POST", _ => "/obstacles", _ => """{"text": "Nieuw"}""", 400, "If-Match", _ => "versie zeven"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task a_bad_change_is_refused_with_a_problem_and_changes_nothing(Case bad)
    {
        var given = await ABoard();
        var before = await app.EventCount();
        var boardBefore = (await given.Board.Read()).GetRawText();

        var response = await given.Board.Send(new HttpMethod(bad.Method), bad.Path(given), rawJson: bad.Body(given), ifMatch: bad.IfMatch?.Invoke(given));

        var problem = await response.ShouldBeProblem((HttpStatusCode)bad.Status, bad.Field);
        if (bad.Status == 412)
        {
            problem.GetProperty("currentVersion").GetInt64().Should().Be(given.Board.Version);
        }

        (await app.EventCount()).Should().Be(before);
        (await given.Board.Read()).GetRawText().Should().Be(boardBefore);
    }

    [Fact]
    public async Task a_change_to_an_unknown_track_is_a_404_problem()
    {
        var client = app.ClientFor();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracks/{Guid.NewGuid()}/obstacles") { Content = JsonContent.Create(new { text = "x" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        await (await client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.NotFound, "trackId");
    }
}
