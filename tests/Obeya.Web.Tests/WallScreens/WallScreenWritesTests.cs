using System.Net;
using Obeya.Domain;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Tests.WallScreens;

/// <summary>What the team page's wall screen panel writes: the same screens, links and refusals as the API.</summary>
public class WallScreenWritesTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient client = app.ClientFor("Emmy");

    [Fact]
    public async Task a_screen_made_on_the_team_page_opens_by_its_link_until_it_is_revoked()
    {
        var board = await Board.StartAsync(app);

        var (screen, token) = await WallScreenWrites.CreateAsync(app.Store, board.TeamId, "Tv teamkamer", [board.TrackId], 30, "team", ObeyaApp.Start, CancellationToken.None);

        (await WallScreenWrites.ListAsync(app.Store, board.TeamId, CancellationToken.None)).Select(s => s.Id).Should().Equal(screen.Id);
        (await client.GetAsync(WallScreenEndpoints.WallPath(token))).StatusCode.Should().Be(HttpStatusCode.OK);

        await WallScreenWrites.RevokeAsync(app.Store, screen.Id, "team", ObeyaApp.Start, CancellationToken.None);

        (await client.GetAsync(WallScreenEndpoints.WallPath(token))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var revokeAgain = () => WallScreenWrites.RevokeAsync(app.Store, screen.Id, "team", ObeyaApp.Start, CancellationToken.None);
        (await revokeAgain.Should().ThrowAsync<DomainException>()).Which.Refusal.Should().Be(Refusal.Conflict);
    }

    [Fact]
    public async Task a_screen_without_boards_is_refused_in_dutch()
    {
        var board = await Board.StartAsync(app);

        var create = () => WallScreenWrites.CreateAsync(app.Store, board.TeamId, "Tv", [], null, "team", ObeyaApp.Start, CancellationToken.None);

        (await create.Should().ThrowAsync<DomainException>()).Which.Field.Should().Be("trackIds");
    }
}
