using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Signals;

/// <summary>Customer signals through the API: themes, a signal, a KCC export, the chart, a board's obstacle and the way back.</summary>
public class SignalApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task signals_are_recorded_and_imported_counted_per_week_promoted_to_a_board_and_the_theme_shows_the_way_back()
    {
        var board = await Board.StartAsync(app);
        var beheerder = app.ClientFor("Emmy");
        var name = Unique.Name("Terugmelding zonder reden");
        var created = await beheerder.PostAsJsonAsync("/api/v1/signal-themes", new { name });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var theme = (await created.Json<JsonElement>()).GetProperty("id").GetGuid();
        await (await beheerder.PostAsJsonAsync("/api/v1/signal-themes", new { name = name.ToUpperInvariant() })).ShouldBeProblem(HttpStatusCode.Conflict, "name");
        // Only the beheerder keeps the list; anyone signed in records.
        var daan = app.ClientAs("Daan");
        await (await daan.PostAsJsonAsync("/api/v1/signal-themes", new { name = Unique.Name("Eigen thema") })).ShouldBeProblem(HttpStatusCode.Forbidden);

        var recorded = await daan.PostAsJsonAsync($"/api/v1/signal-themes/{theme}/signals",
            new { channel = "phone", on = "2026-11-16", count = 12, description = "Bel terug op 06-12345678" });
        recorded.StatusCode.Should().Be(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var answer = await recorded.Json<JsonElement>();
        var signal = answer.GetProperty("id").GetGuid();
        answer.GetProperty("warnings")[0].GetProperty("field").GetString().Should().Be("description");
        await (await daan.PostAsJsonAsync($"/api/v1/signal-themes/{theme}/signals", new { channel = "desk", description = "BSN 111222333" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "description");

        // A KCC export with one bad row is refused whole and names the row; mended, it is stored; again, it changes nothing.
        var before = await app.EventCount();
        var bad = $"datum;kanaal;thema;aantal\n09-11-2026;telefoon;{name};30\n10-11-2026;fax;{name};2\n";
        var refused = await (await daan.PostAsync("/api/v1/signal-themes/import", Csv(bad))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        refused.GetProperty("errors").TryGetProperty("file[3]", out _).Should().BeTrue();
        (await app.EventCount()).Should().Be(before);
        var good = $"datum;kanaal;thema;aantal\n09-11-2026;telefoon;{name};30\n10-11-2026;e-mail;{name};2\n2026-11-17;web;{name};5\n";
        var preview = await (await daan.PostAsync("/api/v1/signal-themes/import?preview=true", Csv(good))).Json<JsonElement>();
        (preview.GetProperty("new").GetInt32(), preview.GetProperty("stored").GetBoolean()).Should().Be((3, false));
        var stored = await (await daan.PostAsync("/api/v1/signal-themes/import", Csv(good))).Json<JsonElement>();
        (stored.GetProperty("new").GetInt32(), stored.GetProperty("signals").GetInt32(), stored.GetProperty("stored").GetBoolean()).Should().Be((3, 37, true));
        var again = await (await daan.PostAsync("/api/v1/signal-themes/import", Csv(good))).Json<JsonElement>();
        (again.GetProperty("new").GetInt32(), again.GetProperty("changed").GetInt32(), again.GetProperty("unchanged").GetInt32()).Should().Be((0, 0, 3));

        var view = await (await daan.GetAsync($"/api/v1/signal-themes/{theme}")).Json<JsonElement>();
        view.GetProperty("total").GetInt32().Should().Be(49);
        var weeks = view.GetProperty("weeks").EnumerateArray().Select(w => (w.GetProperty("monday").GetString(), w.GetProperty("count").GetInt32())).ToList();
        weeks.Take(2).Should().Equal(("2026-11-09", 32), ("2026-11-16", 17));
        view.GetProperty("forecastMethod").GetString().Should().Be("seasonal-naive-level");

        // Daan may not change this team's board: promotion is refused and stores nothing.
        await (await daan.PostAsJsonAsync($"/api/v1/signal-themes/{theme}/promotions", new { trackId = board.TrackId })).ShouldBeProblem(HttpStatusCode.Forbidden);
        var emmy = app.ClientFor("Emmy");
        var promoted = await emmy.PostAsJsonAsync($"/api/v1/signal-themes/{theme}/promotions", new { trackId = board.TrackId, text = "Terugmeldingen komen zonder reden" });
        promoted.StatusCode.Should().Be(HttpStatusCode.Created, await promoted.Content.ReadAsStringAsync());
        var obstacle = (await promoted.Json<JsonElement>()).GetProperty("id").GetGuid();
        var onBoard = (await board.Refresh()).GetProperty("obstacles").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == obstacle);
        (onBoard.GetProperty("origin").GetProperty("signals").GetInt32(), onBoard.GetProperty("origin").GetProperty("theme").GetString()).Should().Be((49, name));

        (await board.Post($"/obstacles/{obstacle}/resolved", new { note = "Reden is verplicht in het formulier" })).EnsureSuccessStatusCode();
        (await daan.PostAsJsonAsync($"/api/v1/signal-themes/{theme}/signals/{signal}/reported-back", new { how = "Teruggebeld" })).EnsureSuccessStatusCode();
        await (await daan.PostAsJsonAsync($"/api/v1/signal-themes/{theme}/signals/{signal}/reported-back", new { how = "Nog eens" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "signalId");

        view = await (await daan.GetAsync($"/api/v1/signal-themes/{theme}")).Json<JsonElement>();
        var promotion = view.GetProperty("promotions")[0];
        (promotion.GetProperty("state").GetString(), promotion.GetProperty("note").GetString()).Should().Be(("resolved", "Reden is verplicht in het formulier"));
        view.GetProperty("shareReportedBack").GetDecimal().Should().Be(1m);
        var listed = (await (await daan.GetAsync("/api/v1/signal-themes")).Json<JsonElement>()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == theme);
        (listed.GetProperty("total").GetInt32(), listed.GetProperty("promotions").GetInt32()).Should().Be((49, 1));
    }
}
