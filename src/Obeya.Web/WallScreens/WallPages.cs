using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;
using Obeya.Web.Access;

namespace Obeya.Web.WallScreens;

/// <summary>
/// One board of a wall screen as it is now, ready to render: which board it is (its hub group), where it stands in
/// the screen's order, and the global sequence it reflects so the page can ask the hub for what it missed.
/// </summary>
/// <summary>One board of a wall at one moment: a team's storyboard (<see cref="Track"/>) or a programme's strategic wall (<see cref="Obeya"/>).</summary>
public sealed record WallShown(string Board, int Index, int Count, long Sequence, Team? Team, Track? Track, LocalDate Today, Programmes.ObeyaView? Obeya = null);

/// <summary>
/// The wall screen for a TV: GET /wall/{token} is a whole HTML document rendered statically (no Blazor circuit, so
/// a screen that stays up for months costs only its plain SignalR connection), and GET /wall/{token}/boards/{index}
/// is one board as an HTML fragment that wall.js swaps in when the board changes or rotates.
/// </summary>
public static class WallPages
{
    public static IEndpointRouteBuilder MapWallPages(this IEndpointRouteBuilder app)
    {
        var wall = app.MapGroup("/wall/{token}").ExcludeFromDescription()
            .OpenToAnyone("a wall screen has no account: the secret token in its link is its access, checked by this group's filter").AddEndpointFilter(async (context, next) =>
        {
            // The token is a secret in the URL: keep it out of caches, search engines and other sites' Referer.
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Robots-Tag"] = "noindex, nofollow";
            headers.XContentTypeOptions = "nosniff";
            return await next(context);
        });
        wall.MapGet("/", OpenWall);
        wall.MapGet("/boards/{index:int}", OneBoard);
        return app;
    }

    private static async Task<IResult> OpenWall(string token, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var screen = await WallScreenEndpoints.FindActiveByToken(session, token, ct);
        var shown = screen is null ? null : await Load(session, screen, 0, clock, ct);
        return screen is null || shown is null
            ? new RazorComponentResult<WallGonePage> { StatusCode = StatusCodes.Status404NotFound }
            : new RazorComponentResult<WallPage>(new { ScreenName = screen.Name, Shown = shown });
    }

    private static async Task<IResult> OneBoard(string token, int index, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var screen = await WallScreenEndpoints.FindActiveByToken(session, token, ct);
        var shown = screen is null ? null : await Load(session, screen, index, clock, ct);
        return shown is null
            ? new RazorComponentResult<WallGoneMessage> { StatusCode = StatusCodes.Status404NotFound }
            : new RazorComponentResult<WallBoardView>(new { Shown = shown });
    }

    /// <summary>The board at <paramref name="index"/> of an active screen; null when there is none to show.</summary>
    internal static async Task<WallShown?> Load(IQuerySession session, WallScreen screen, int index, IClock clock, CancellationToken ct)
    {
        if (index < 0 || index >= screen.Boards.Count)
        {
            return null;
        }

        var board = screen.Boards[index];
        if (board.Kind == WallBoard.Programme)
        {
            // Any later event may concern it (the programme or a track below): the newest sequence of all.
            var newest = await session.Events.QueryAllRawEvents().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(ct);
            Programmes.ObeyaView view;
            try
            {
                view = await Programmes.ProgrammeEndpoints.Load(session, board.Id, clock, ct);
            }
            catch (Obeya.Domain.DomainException)
            {
                return null;
            }

            return new WallShown($"{board.Kind}:{board.Id}", index, screen.Boards.Count, newest, null, null, view.Today, view);
        }

        if (board.Kind != WallBoard.Track)
        {
            return null;
        }

        // The sequence is read before the board: a change landing in between is then caught up once more, never missed.
        var sequence = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == board.Id)
            .OrderByDescending(e => e.Sequence)
            .Select(e => e.Sequence)
            .FirstOrDefaultAsync(ct);
        var track = await session.LoadAsync<Track>(board.Id, ct);
        var team = await session.LoadAsync<Team>(screen.TeamId, ct);
        // A wall only ever shows its own team's boards, whatever was stored.
        if (track is null || team is null || track.TeamId != screen.TeamId)
        {
            return null;
        }

        var today = clock.GetCurrentInstant().InZone(team.Cadence.GetZone()).Date;
        return new WallShown($"{board.Kind}:{board.Id}", index, screen.Boards.Count, sequence, team, track, today);
    }
}
