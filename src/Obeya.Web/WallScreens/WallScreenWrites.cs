using System.Security.Claims;
using Marten;
using Obeya.Domain.Access;
using Obeya.Domain.Programmes;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Teams;

namespace Obeya.Web.WallScreens;

/// <summary>Making and revoking wall screens, for the API and the team page alike, through the one writer.</summary>
public static class WallScreenWrites
{
    /// <summary>A wall screen as the writer handles it: owned by its team.</summary>
    public static readonly StreamKind<WallScreen> Kind = new(WallScreenEndpoints.WallScreenNotFound, s => s.TeamId);

    public static async Task<IReadOnlyList<WallScreen>> ListAsync(IDocumentStore store, Guid teamId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var screens = await session.Query<WallScreen>().Where(s => s.TeamId == teamId).ToListAsync(ct);
        // Sorted here: LINQ over NodaTime members is not to be trusted in Marten.
        return [.. screens.OrderBy(s => s.CreatedAt)];
    }

    /// <summary>A new screen and its token: the only moment the token exists outside the TV's link.</summary>
    public static async Task<(WallScreen Screen, string Token)> CreateAsync(
        IDocumentStore store, Writer writer, AccessCheck access, ClaimsPrincipal user, Guid teamId, CreateWallScreenRequest request,
        CancellationToken ct, CheckedTeam? checkedTeam = null)
    {
        await using var session = store.QuerySession();
        var team = checkedTeam?.Team.Id == teamId ? checkedTeam.Team : await TeamEndpoints.LoadTeam(session, teamId, ct);
        await access.Demand(user, Permission.ManageWallScreens, team);
        var teamTrackIds = await session.Query<Track>().Where(t => t.TeamId == teamId).Select(t => t.Id).ToListAsync(ct);
        var programmes = request.ProgrammeIds is { Count: > 0 } ? await session.Query<Programme>().Select(p => p.Id).ToListAsync(ct) : [];
        var token = WallTokens.New();
        var created = WallScreenDecisions.Create(
            team, [.. teamTrackIds], new CreateWallScreen(Guid.CreateVersion7(), request.Name, request.TrackIds, request.RotateSeconds, request.ProgrammeIds),
            WallTokens.Hash(token), Actors.Of(user), writer.Now, [.. programmes]);
        await writer.Start(Kind, created.WallScreenId, [created], ct);
        return (WallScreen.From(created), token);
    }

    /// <summary>Revoked: the link stops working, and every screen open on it is told at once.</summary>
    public static Task<Written> RevokeAsync(Writer writer, ClaimsPrincipal user, Guid wallScreenId, CancellationToken ct, CheckedTeam? checkedTeam = null) =>
        writer.Change(Kind, wallScreenId, user, Permission.ManageWallScreens, Versioning.Newest,
            (screen, d) => [WallScreenDecisions.Revoke(screen, d.By, d.Now)], ct, checkedTeam);
}
