using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Live;
using Obeya.Web.Tests.Live;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Programmes;

/// <summary>A wall screen in the Obeya room shows a programme's strategic wall, and hears when a team's track below it changes.</summary>
public class ObeyaWallTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task a_wall_shows_the_strategic_wall_and_is_nudged_by_a_change_below()
    {
        var board = await Board.StartAsync(app);
        var director = app.ClientAs("Pieter", GlobalRole.ProgrammeDirector);
        var programme = (await (await director.PostAsJsonAsync("/api/v1/programmes", new { name = "Transformatie" })).Json<JsonElement>()).GetProperty("id").GetGuid();
        var strategic = Guid.NewGuid();
        var tactical = Guid.NewGuid();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/transition-goals", new { id = strategic, result = "Eén overheid", owner = "Pieter", horizon = "2028-01-01" })).EnsureSuccessStatusCode();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/tactical-goals", new { id = tactical, transitionGoalId = strategic, result = "Klant in regie", owner = "Anna", due = "2027-06-30" })).EnsureSuccessStatusCode();
        (await director.PostAsJsonAsync($"/api/v1/programmes/{programme}/tactical-goals/{tactical}/tracks", new { trackId = board.TrackId })).EnsureSuccessStatusCode();

        var made = await (await app.ClientFor().PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/wall-screens", new { name = "Obeya-ruimte", programmeIds = new[] { programme } })).Json<JsonElement>();
        var page = await app.CreateClient().GetAsync(made.GetProperty("path").GetString());

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Should().Contain("Transformatie").And.Contain("Eén overheid").And.Contain("Klant in regie: <strong>Risico</strong>");

        var received = new ConcurrentQueue<BoardChange>();
        await using var wall = TestHub.Connection(app);
        wall.On<BoardChange>("changed", received.Enqueue);
        await wall.StartAsync();
        var joined = await wall.InvokeAsync<WallJoined>(nameof(BoardHub.JoinWall), made.GetProperty("token").GetString());
        joined.Boards.Should().Equal($"programme:{programme}");
        (await wall.InvokeAsync<CatchUp>(nameof(BoardHub.Since), $"programme:{programme}", 0L)).Reload.Should().BeTrue();

        await board.Do("/obstacles", new { text = "Niemand belt terug" });
        for (var i = 0; i < 200 && received.IsEmpty; i++)
        {
            await Task.Delay(25);
        }

        received.Should().ContainSingle().Which.Board.Should().Be(Boards.Obeya(board.TrackId));
    }
}
