using System.Net;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Testing;
using Obeya.Web.Infrastructure;
using Obeya.Web.Tests.Tracks;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Tests.WallScreens;

/// <summary>What the team page's wall screen panel writes: the same screens, links and refusals as the API.</summary>
public class WallScreenWritesTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient client = app.ClientFor("Emmy");

    /// <summary>Emmy at the team page: she coaches every team <see cref="Board"/> sets up.</summary>
    private Acting Emmy => app.ActingAs("Emmy", Permission.ManageWallScreens);

    [Fact]
    public async Task a_screen_made_on_the_team_page_opens_by_its_link_until_it_is_revoked()
    {
        var board = await Board.StartAsync(app);

        var (screen, token) = await WallScreenWrites.CreateAsync(app.Store, board.TeamId, "Tv teamkamer", [board.TrackId], 30, Emmy, ObeyaApp.Start, CancellationToken.None);

        (await WallScreenWrites.ListAsync(app.Store, board.TeamId, CancellationToken.None)).Select(s => s.Id).Should().Equal(screen.Id);
        (await client.GetAsync(WallScreenEndpoints.WallPath(token))).StatusCode.Should().Be(HttpStatusCode.OK);

        await WallScreenWrites.RevokeAsync(app.Store, screen.Id, Emmy, ObeyaApp.Start, CancellationToken.None);

        (await client.GetAsync(WallScreenEndpoints.WallPath(token))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var revokeAgain = () => WallScreenWrites.RevokeAsync(app.Store, screen.Id, Emmy, ObeyaApp.Start, CancellationToken.None);
        (await revokeAgain.Should().ThrowAsync<DomainException>()).Which.Refusal.Should().Be(Refusal.Conflict);
    }

    [Fact]
    public async Task a_screen_without_boards_is_refused_in_dutch()
    {
        var board = await Board.StartAsync(app);

        var create = () => WallScreenWrites.CreateAsync(app.Store, board.TeamId, "Tv", [], null, Emmy, ObeyaApp.Start, CancellationToken.None);

        (await create.Should().ThrowAsync<DomainException>()).Which.Field.Should().Be("trackIds");
    }

    [Fact]
    public async Task someone_outside_the_team_cannot_make_or_revoke_its_screens_and_nothing_is_stored()
    {
        var board = await Board.StartAsync(app);
        var (screen, _) = await WallScreenWrites.CreateAsync(app.Store, board.TeamId, "Tv", [board.TrackId], null, Emmy, ObeyaApp.Start, CancellationToken.None);
        var outsider = app.ActingAs("Buitenstaander", Permission.ManageWallScreens);
        var before = await app.EventCount();

        var create = () => WallScreenWrites.CreateAsync(app.Store, board.TeamId, "Tv 2", [board.TrackId], null, outsider, ObeyaApp.Start, CancellationToken.None);
        var revoke = () => WallScreenWrites.RevokeAsync(app.Store, screen.Id, outsider, ObeyaApp.Start, CancellationToken.None);

        (await create.Should().ThrowAsync<DomainException>()).Which.Refusal.Should().Be(Refusal.NotAllowed);
        (await revoke.Should().ThrowAsync<DomainException>()).Which.Refusal.Should().Be(Refusal.NotAllowed);
        (await app.EventCount()).Should().Be(before);
    }
}
