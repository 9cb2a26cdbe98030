using Obeya.Web.Teams;
using Obeya.Web.Infrastructure;
using Obeya.Domain.Access;
using JasperFx;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;

namespace Obeya.Web.WallScreens;

/// <summary>
/// The team page's way to make and revoke wall screens: the same decisions and store as the API, each in a short
/// session of its own, so a circuit never holds one open.
/// </summary>
public static class WallScreenWrites
{
    public static async Task<IReadOnlyList<WallScreen>> ListAsync(IDocumentStore store, Guid teamId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var screens = await session.Query<WallScreen>().Where(s => s.TeamId == teamId).ToListAsync(ct);
        // Sorted here: LINQ over NodaTime members is not to be trusted in Marten.
        return [.. screens.OrderBy(s => s.CreatedAt)];
    }

    /// <summary>A new screen and its token: the only moment the token exists outside the TV's link.</summary>
    public static async Task<(WallScreen Screen, string Token)> CreateAsync(
        IDocumentStore store, Guid teamId, string name, IReadOnlyList<Guid> trackIds, int? rotateSeconds, Acting acting, Instant now,
        CancellationToken ct, IReadOnlyList<Guid>? programmeIds = null)
    {
        await using var session = store.LightweightSession();
        var team = await TeamEndpoints.LoadTeam(session, teamId, ct);
        await acting.Access.Demand(acting.User, Permission.ManageWallScreens, team);
        var by = Actor.Of(acting.User);
        var teamTrackIds = await session.Query<Track>().Where(t => t.TeamId == teamId).Select(t => t.Id).ToListAsync(ct);
        var programmes = programmeIds is { Count: > 0 } ? await session.Query<Obeya.Domain.Programmes.Programme>().Select(p => p.Id).ToListAsync(ct) : [];
        var token = WallTokens.New();
        var created = WallScreenDecisions.Create(
            team, [.. teamTrackIds], new CreateWallScreen(Guid.CreateVersion7(), name, trackIds, rotateSeconds, programmeIds), WallTokens.Hash(token), by, now,
            [.. programmes]);
        session.Events.StartStream<WallScreen>(created.WallScreenId, created);
        await session.SaveChangesAsync(ct);
        return (WallScreen.From(created), token);
    }

    /// <summary>Revoked, and the screen as it is now.</summary>
    public static async Task<WallScreen> RevokeAsync(IDocumentStore store, Guid wallScreenId, Acting acting, Instant now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<WallScreen>(wallScreenId, ct);
        var screen = stream.Aggregate ?? throw WallScreenEndpoints.WallScreenNotFound();
        await acting.Access.Demand(acting.User, Permission.ManageWallScreens, await TeamEndpoints.LoadTeam(session, screen.TeamId, ct));
        var revoked = WallScreenDecisions.Revoke(screen, Actor.Of(acting.User), now);
        stream.AppendOne(revoked);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            // Someone else revoked it between our read and our write: the same refusal as revoking twice.
            throw DomainException.Conflict("wallScreenId", "Dit wandscherm is al ingetrokken; de link werkt niet meer.");
        }

        return screen.With(revoked);
    }
}
