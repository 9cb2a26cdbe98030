using System.Net;
using Obeya.Testing;

namespace Obeya.Web.Tests.Tracks;

/// <summary>
/// Whatever the domain accepts, every screen can show: a date or number no screen could draw is refused with the
/// field named, so no one accepted value can make a board unopenable for everyone.
/// </summary>
public class WhatEveryScreenCanShowTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Theory]
    [InlineData("""{"on": "-0001-01-01", "value": 41}""", "on")]
    [InlineData("""{"on": "0001-01-01", "value": 41}""", "on")]
    [InlineData("""{"on": "1999-12-31", "value": 41}""", "on")]
    [InlineData("""{"on": "9999-12-31", "value": 41}""", "on")]
    [InlineData("""{"on": "2026-11-23", "value": 1e20}""", "value")]
    [InlineData("""{"on": "2026-11-23", "value": -1000000001}""", "value")]
    [InlineData("""{"on": "2026-11-23", "value": 41.123456}""", "value")]
    public async Task a_measurement_no_chart_could_draw_is_refused_and_the_board_keeps_opening(string body, string field)
    {
        var board = await Board.StartAsync(app);
        var metric = await board.Do("/metrics", new { name = "% teruggemeld", unit = "%", direction = "higher", target = 60 });
        var before = await app.EventCount();

        await (await board.Send(HttpMethod.Post, $"/metrics/{metric}/measurements", rawJson: body)).ShouldBeProblem(HttpStatusCode.BadRequest, field);

        (await app.EventCount()).Should().Be(before);
        await EveryScreenOpens(board);
    }

    [Theory]
    [InlineData("/target-conditions", """{"description": "Half", "achieveBy": "9999-12-31", "metricTargets": []}""", "achieveBy")]
    [InlineData("/current-conditions", """{"on": "1900-01-01", "description": "Toen"}""", "on")]
    [InlineData("/experiments", """{"on": "2200-01-01", "step": "Bel", "expectation": "Antwoord"}""", "on")]
    [InlineData("/steps", """{"text": "Bel", "ownerId": "{owner}", "due": "3000-01-01"}""", "due")]
    [InlineData("/metrics", """{"name": "Aantal", "unit": "st", "direction": "higher", "target": 79228162514264337593543950335}""", "target")]
    public async Task a_date_or_number_out_of_range_anywhere_on_the_board_is_refused_naming_it(string path, string body, string field)
    {
        var board = await Board.StartAsync(app, "Sander");
        var obstacle = await board.Do("/obstacles", new { text = "Wachttijd" });
        await board.Do($"/obstacles/{obstacle}/focus");
        var before = await app.EventCount();

        var answer = await board.Send(HttpMethod.Post, path, rawJson: body.Replace("{owner}", board.Members["Sander"].ToString(), StringComparison.Ordinal));

        await answer.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await app.EventCount()).Should().Be(before);
        await EveryScreenOpens(board);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("-0001-01-01")]
    [InlineData("2026-02-30")]
    [InlineData("gisteren")]
    public async Task a_past_view_of_a_date_no_board_has_is_a_problem_not_an_error(string asOf)
    {
        var board = await Board.StartAsync(app);

        var answer = await app.ClientFor("Emmy").GetAsync($"{board.Path}?asOf={Uri.EscapeDataString(asOf)}");

        await answer.ShouldBeProblem(HttpStatusCode.BadRequest, "asOf");
        (await app.ClientFor("Emmy").GetAsync($"/tracks/{board.TrackId}?asOf={Uri.EscapeDataString(asOf)}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task EveryScreenOpens(Board board)
    {
        var emmy = app.ClientFor("Emmy");
        (await emmy.GetAsync(board.Path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await emmy.GetAsync($"{board.Path}?asOf=2026-11-23")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await emmy.GetAsync($"{board.Path}/history")).StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await emmy.GetAsync($"/tracks/{board.TrackId}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Kwaliteit van het klantgesprek");
    }
}
