using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;
using Obeya.Testing;
using Obeya.Web.Live;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Live;

/// <summary>A revoked wall screen that is still open hears that it was revoked, and nothing of any board after that.</summary>
public class WallRevocationTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task revoking_drops_an_open_wall_from_every_board_at_once()
    {
        var board = await Board.StartAsync(app);
        var emmy = app.ClientFor("Emmy");
        var made = await (await emmy.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/wall-screens", new { name = "Tv gang", trackIds = new[] { board.TrackId } }))
            .Json<JsonElement>();

        var onTheWall = new ConcurrentQueue<BoardChange>();
        await using var wall = TestHub.Connection(app);
        wall.On<BoardChange>("changed", onTheWall.Enqueue);
        await wall.StartAsync();
        await wall.InvokeAsync<WallJoined>("JoinWall", made.GetProperty("token").GetString());

        var atTheTeam = new ConcurrentQueue<BoardChange>();
        await using var member = TestHub.Connection(app, cookie: await app.CookieOf("Emmy", Obeya.Domain.Accounts.GlobalRole.Administrator));
        member.On<BoardChange>("changed", atTheTeam.Enqueue);
        await member.StartAsync();
        await member.InvokeAsync("Join", Boards.Track(board.TrackId));

        // Before: the wall hears the board like the team does.
        await board.Do("/obstacles", new { text = "Voor het intrekken" });
        await Eventually.Holds(() => onTheWall.Count == 1 && atTheTeam.Count == 1);

        (await emmy.PostAsync($"/api/v1/wall-screens/{made.GetProperty("id").GetGuid()}/revoke", null)).EnsureSuccessStatusCode();
        await Eventually.Holds(() => onTheWall.Count == 2);
        onTheWall.Last().Type.Should().Be(nameof(WallScreenRevoked));

        await board.Do("/obstacles", new { text = "Na het intrekken: geheim voor de gang" });
        // The relay told the team (after the revocation, in feed order); a round trip on the wall's own connection then
        // comes after anything the relay would have sent it, since one connection's messages arrive in order.
        await Eventually.Holds(() => atTheTeam.Count == 2);
        await wall.InvokeAsync("Leave", Boards.Track(board.TrackId));

        onTheWall.Select(c => c.Type).Should().Equal(nameof(ObstacleAdded), nameof(WallScreenRevoked));
        var catchUp = () => wall.InvokeAsync<CatchUp>("Since", Boards.Track(board.TrackId), 0L);
        await catchUp.Should().ThrowAsync<HubException>().WithMessage($"*{BoardHub.NoAccess}*");
    }
}
