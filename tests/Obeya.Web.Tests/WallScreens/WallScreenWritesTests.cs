using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Testing;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Tests.Tracks;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Tests.WallScreens;

/// <summary>What the team page's wall screen panel writes: the same screens, links and refusals as the API.</summary>
public class WallScreenWritesTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient client = app.ClientFor("Emmy");

    /// <summary>Emmy at the team page: she coaches every team <see cref="Board"/> sets up.</summary>
    private static readonly System.Security.Claims.ClaimsPrincipal Emmy = ObeyaApp.Person("Emmy");

    private Writer Writer => app.Services.GetRequiredService<Writer>();

    private AccessCheck Access => app.Services.GetRequiredService<AccessCheck>();

    private Task<(Obeya.Domain.WallScreens.WallScreen, string)> Create(System.Security.Claims.ClaimsPrincipal who, Guid teamId, string name, Guid[] tracks, int? rotate) =>
        WallScreenWrites.CreateAsync(app.Store, Writer, Access, who, teamId, new CreateWallScreenRequest(name, tracks, rotate), CancellationToken.None);

    [Fact]
    public async Task a_screen_made_on_the_team_page_opens_by_its_link_until_it_is_revoked()
    {
        var board = await Board.StartAsync(app);

        var (screen, token) = await Create(Emmy, board.TeamId, "Tv teamkamer", [board.TrackId], 30);

        (await WallScreenWrites.ListAsync(app.Store, board.TeamId, CancellationToken.None)).Select(s => s.Id).Should().Equal(screen.Id);
        (await client.GetAsync(WallScreenEndpoints.WallPath(token))).StatusCode.Should().Be(HttpStatusCode.OK);

        await WallScreenWrites.RevokeAsync(Writer, Emmy, screen.Id, CancellationToken.None);

        (await client.GetAsync(WallScreenEndpoints.WallPath(token))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var revokeAgain = () => WallScreenWrites.RevokeAsync(Writer, Emmy, screen.Id, CancellationToken.None);
        (await revokeAgain.Should().ThrowAsync<DomainException>()).Which.Refusal.Should().Be(Refusal.Conflict);
    }

    [Fact]
    public async Task a_screen_without_boards_is_refused_in_dutch()
    {
        var board = await Board.StartAsync(app);

        var create = () => Create(Emmy, board.TeamId, "Tv", [], null);

        (await create.Should().ThrowAsync<DomainException>()).Which.Field.Should().Be("trackIds");
    }

    [Fact]
    public async Task someone_outside_the_team_cannot_make_or_revoke_its_screens_and_nothing_is_stored()
    {
        var board = await Board.StartAsync(app);
        var (screen, _) = await Create(Emmy, board.TeamId, "Tv", [board.TrackId], null);
        var outsider = ObeyaApp.Person("Buitenstaander");
        var before = await app.EventCount();

        var create = () => Create(outsider, board.TeamId, "Tv 2", [board.TrackId], null);
        var revoke = () => WallScreenWrites.RevokeAsync(Writer, outsider, screen.Id, CancellationToken.None);

        (await create.Should().ThrowAsync<DomainException>()).Which.Refusal.Should().Be(Refusal.NotAllowed);
        (await revoke.Should().ThrowAsync<DomainException>()).Which.Refusal.Should().Be(Refusal.NotAllowed);
        (await app.EventCount()).Should().Be(before);
    }
}
