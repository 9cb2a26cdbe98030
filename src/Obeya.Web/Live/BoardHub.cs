using Marten;
using Microsoft.AspNetCore.SignalR;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Live;

/// <summary>
/// The live channel at /hubs/boards. A board joins its group and receives every committed change ("changed");
/// after a reconnect it asks for what it missed since the last sequence it applied.
/// </summary>
public sealed class BoardHub(IDocumentStore store) : Hub
{
    /// <summary>More missed changes than this and the board reloads its state instead.</summary>
    public const int MaxCatchUp = 500;

    public Task Join(string board) =>
        Boards.TryParse(board, out _, out _)
            ? Groups.AddToGroupAsync(Context.ConnectionId, board)
            : throw new HubException($"Onbekend bord '{board}'.");

    /// <summary>
    /// A wall screen joins by the secret of its link: the boards it shows and its own "wall:{id}" group, where
    /// its revocation arrives. An unknown or revoked token joins nothing.
    /// </summary>
    public async Task<WallJoined> JoinWall(string token)
    {
        await using var session = store.QuerySession();
        var screen = await WallScreenEndpoints.FindActiveByToken(session, token, Context.ConnectionAborted)
            ?? throw new HubException(WallJoined.Refused);
        var boards = screen.Boards.Select(b => $"{b.Kind}:{b.Id}").ToArray();
        foreach (var board in boards.Append(Boards.Wall(screen.Id)))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, board);
        }

        return new WallJoined(screen.Id, screen.Name, boards, screen.RotateSeconds);
    }

    public Task Leave(string board) => Groups.RemoveFromGroupAsync(Context.ConnectionId, board);

    public async Task<CatchUp> Since(string board, long afterSequence)
    {
        if (!Boards.TryParse(board, out var kind, out var id))
        {
            throw new HubException($"Onbekend bord '{board}'.");
        }

        // A team's things live in several streams; its screens simply reload them.
        if (kind != "track")
        {
            return new CatchUp([], Reload: true);
        }

        await using var session = store.QuerySession();
        var missed = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == id && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .Take(MaxCatchUp + 1)
            .ToListAsync(Context.ConnectionAborted);
        return missed.Count > MaxCatchUp
            ? new CatchUp([], Reload: true)
            : new CatchUp([.. missed.Select(e => BoardChange.Of(board, e))], Reload: false);
    }
}
