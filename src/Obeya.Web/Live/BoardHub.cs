using Marten;
using Microsoft.AspNetCore.SignalR;

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
