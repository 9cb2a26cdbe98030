using Marten;
using Microsoft.AspNetCore.SignalR;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Programmes;
using Obeya.Domain.Teams;
using Obeya.Domain.WallScreens;
using Obeya.Web.Access;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Live;

/// <summary>
/// The live channel at /hubs/boards. A board joins its group and receives every committed change ("changed");
/// after a reconnect it asks for what it missed since the last sequence it applied.
/// </summary>
public sealed class BoardHub(IDocumentStore store, AccessCheck access, WallConnections walls, HubConnections connections) : Hub
{
    public const string NoAccess = "Geen toegang tot dit bord.";

    private const string WallKey = "wall";

    /// <summary>A signed-in person joins a board they may read; a wall screen joins only through <see cref="JoinWall"/>.</summary>
    public async Task Join(string board)
    {
        var (kind, id) = Parse(board);
        if (Context.Items.ContainsKey(WallKey) || !await MayRead(kind, id))
        {
            throw new HubException(NoAccess);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, board);
    }

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
        // A programme's wall also hears that a track below it changed.
        var programmeIds = screen.Boards.Where(b => b.Kind == WallBoard.Programme).Select(b => b.Id).ToArray();
        var nudges = programmeIds.Length == 0 ? [] : (await session.LoadManyAsync<Programme>(Context.ConnectionAborted, programmeIds))
            .SelectMany(p => p.TacticalGoals.SelectMany(g => g.TrackIds)).Distinct().Select(Boards.Obeya).ToArray();
        // What this connection may read from now on, asked again (is it still active?) at every catch-up.
        Context.Items[WallKey] = new WallViewer(screen.Id, screen.TeamId, screen.Boards.Select(b => b.Id).ToHashSet());
        string[] groups = [.. boards.Concat(nudges).Append(Boards.Wall(screen.Id))];
        // Known before joining: a revocation that lands while this joins still finds and drops the connection.
        walls.Joined(Context.ConnectionId, screen.Id, groups);
        foreach (var board in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, board);
        }

        // Revoked while joining: the relay may have dropped this connection before it was in the groups.
        if (await session.LoadAsync<WallScreen>(screen.Id, Context.ConnectionAborted) is not { Revoked: false })
        {
            walls.Left(Context.ConnectionId);
            foreach (var board in groups)
            {
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, board);
            }

            throw new HubException(WallJoined.Refused);
        }

        return new WallJoined(screen.Id, screen.Name, boards, screen.RotateSeconds);
    }

    public Task Leave(string board) => Groups.RemoveFromGroupAsync(Context.ConnectionId, board);

    public override Task OnConnectedAsync()
    {
        connections.Connected(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Disconnected(Context);
        walls.Left(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<CatchUp> Since(string board, long afterSequence)
    {
        var (kind, id) = Parse(board);
        if (!await MayRead(kind, id))
        {
            throw new HubException(NoAccess);
        }

        await using var session = store.QuerySession();
        return await CatchUp.Since(session, board, afterSequence, Context.ConnectionAborted);
    }

    private static (string Kind, Guid Id) Parse(string board) =>
        Boards.TryParse(board, out var kind, out var id) ? (kind, id) : throw new HubException($"Onbekend bord '{board}'.");

    /// <summary>The same rules as every endpoint: a person by their teams and roles, a wall screen by its own boards.</summary>
    private async Task<bool> MayRead(string kind, Guid id)
    {
        if (kind is "programme" && Context.Items.TryGetValue(WallKey, out var walled) && walled is WallViewer programmeWall)
        {
            // A wall may catch up on a programme board it shows (it reloads it).
            return programmeWall.BoardIds.Contains(id);
        }

        if (kind is "programme" or "obeya")
        {
            // The Obeya is read by everyone signed in, from the teams to the board of directors; not by a team's wall.
            return !Context.Items.ContainsKey(WallKey) && Context.User?.Identity?.IsAuthenticated == true;
        }

        await using var session = store.QuerySession();
        Team team;
        try
        {
            team = await TeamsOfThings.OfBoard(session, kind, id, Context.ConnectionAborted);
        }
        catch (DomainException)
        {
            return false;
        }

        if (Context.Items.TryGetValue(WallKey, out var item) && item is WallViewer wall)
        {
            var screen = await session.LoadAsync<WallScreen>(wall.WallScreenId, Context.ConnectionAborted);
            return screen is { Revoked: false } && kind == "track" && AccessRules.MayReadBoard(wall, team, id);
        }

        return Context.User is { } user && await access.May(user, Permission.ReadBoards, team);
    }
}
