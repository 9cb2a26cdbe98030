using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Teams;

namespace Obeya.Web.WallScreens;

public sealed record CreateWallScreenRequest(string Name, IReadOnlyList<Guid>? TrackIds = null, int? RotateSeconds = null, IReadOnlyList<Guid>? ProgrammeIds = null);

/// <summary>The answer to a creation: the only time the token (and the link carrying it) is ever shown.</summary>
public sealed record NewWallScreen(Guid Id, string Name, IReadOnlyList<WallBoard> Boards, int? RotateSeconds, string Token, string Path);

/// <summary>What the team's list shows of a wall screen: never its token nor the token's hash.</summary>
public sealed record WallScreenSummary(
    Guid Id, Guid TeamId, string Name, IReadOnlyList<WallBoard> Boards, int? RotateSeconds, bool Revoked,
    Instant CreatedAt, Instant? RevokedAt)
{
    public static WallScreenSummary Of(WallScreen s) =>
        new(s.Id, s.TeamId, s.Name, s.Boards, s.RotateSeconds, s.Revoked, s.CreatedAt, s.RevokedAt);
}

/// <summary>The wall screen document, folded inline by the domain's own From and With, so the domain needs no Marten.</summary>
public sealed class WallScreenProjection : DomainProjection<WallScreen>
{
    public override WallScreen? Evolve(WallScreen? snapshot, Guid id, IEvent e) =>
        e.Data is WallScreenCreated created ? WallScreen.From(created) : snapshot?.With(e.Data);
}

/// <summary>Wall screens: a team makes one for the TV in its room, opened by a secret link, and can revoke it.</summary>
public static class WallScreenEndpoints
{
    public static StoreOptions ConfigureWallScreens(this StoreOptions options)
    {
        options.Projections.Add<WallScreenProjection>(ProjectionLifecycle.Inline);
        // A wall opens by the hash of its token, a team lists its screens.
        options.Schema.For<WallScreen>().UniqueIndex(s => s.TokenHash).Index(s => s.TeamId);
        return options;
    }

    public static IEndpointRouteBuilder MapWallScreens(this IEndpointRouteBuilder api)
    {
        var teamScreens = api.MapGroup("/teams/{teamId:guid}/wall-screens").WithTags("Wall screens");
        teamScreens.MapGet("/", ListWallScreens).Requires(Permission.ManageWallScreens).WithSummary("A team's wall screens, revoked ones too; never their tokens");
        teamScreens.MapPost("/", CreateWallScreen).Requires(Permission.ManageWallScreens).WithSummary("Make a wall screen for some of the team's tracks; the answer shows its secret link once");

        var screen = api.MapGroup("/wall-screens/{wallScreenId:guid}").WithTags("Wall screens");
        screen.MapPost("/revoke", RevokeWallScreen).Requires(Permission.ManageWallScreens).WithSummary("Revoke a wall screen: its link stops working");
        return api;
    }

    /// <summary>Where a TV opens the wall screen with this token.</summary>
    public static string WallPath(string token) => $"/wall/{token}";

    /// <summary>
    /// The wall screen this link opens: null when the token is unknown, revoked or not a token at all.
    /// Found by the hash's index, so the token is never compared character by character.
    /// </summary>
    public static async Task<WallScreen?> FindActiveByToken(IQuerySession session, string token, CancellationToken ct) =>
        WallTokens.HashOf(token) is { } hash
            ? await session.Query<WallScreen>().Where(s => s.TokenHash == hash && !s.Revoked).FirstOrDefaultAsync(ct)
            : null;

    public static DomainException WallScreenNotFound() => DomainException.NotFound("wallScreenId", Phrase.Of("wallScreen.notFound"));

    private static async Task<IReadOnlyList<WallScreenSummary>> ListWallScreens(Guid teamId, IQuerySession session, CancellationToken ct)
    {
        await TeamEndpoints.LoadTeam(session, teamId, ct);
        var screens = await session.Query<WallScreen>().Where(s => s.TeamId == teamId).ToListAsync(ct);
        // Sorted here: LINQ over NodaTime members is not to be trusted in Marten.
        return [.. screens.OrderBy(s => s.CreatedAt).Select(WallScreenSummary.Of)];
    }

    /// <summary>A new stream, so there is no version to expect (no If-Match); an id that already exists is refused.</summary>
    private static async Task<IResult> CreateWallScreen(
        Guid teamId, CreateWallScreenRequest request, HttpContext http, IDocumentStore store, Writer writer, AccessCheck access, CancellationToken ct)
    {
        var (screen, token) = await WallScreenWrites.CreateAsync(store, writer, access, http.User, teamId, request, ct, EndpointRules.CheckedTeamOf(http));
        Versions.Tag(http, 1);
        // No Location: there is no page for one screen in the API, and the wall's own path carries the secret.
        return Results.Created(
            (string?)null, new NewWallScreen(screen.Id, screen.Name, screen.Boards, screen.RotateSeconds, token, WallPath(token)));
    }

    /// <summary>
    /// No If-Match either: revoking is the only change and it can happen once (a second one is a Conflict),
    /// so there is nothing to overwrite.
    /// </summary>
    private static async Task<IResult> RevokeWallScreen(Guid wallScreenId, HttpContext http, Writer writer, StoredStreams reads, CancellationToken ct)
    {
        await WallScreenWrites.RevokeAsync(writer, http.User, wallScreenId, ct, EndpointRules.CheckedTeamOf(http));
        var after = await reads.Load<WallScreen>(wallScreenId, ct) ?? throw WallScreenNotFound();
        return ApiAnswers.Versioned(http, WallScreenSummary.Of(after.State), after.Version);
    }
}
