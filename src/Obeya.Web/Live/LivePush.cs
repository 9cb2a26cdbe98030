using System.Collections.Concurrent;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.SignalR;
using Obeya.Domain.WallScreens;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Live;

/// <summary>
/// Publishes every event to the boards it concerns, only after its transaction committed, in the order committed,
/// into this process's <see cref="LiveFeed"/>: screens hear it there directly, the hub's connections through
/// <see cref="HubRelay"/>. Publishing only queues, so a write never waits for a screen.
/// </summary>
public sealed class LivePush(LiveFeed feed) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            foreach (var change in BoardChange.AllOf(e))
            {
                feed.Publish(change);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Relays the feed to the hub's groups, for the browsers' wall screens and API clients. A revoked wall screen's
/// connections leave every group they joined before its revocation is told to them, so nothing of a board reaches them after.
/// </summary>
public sealed class HubRelay(LiveFeed feed, IHubContext<BoardHub> hub, WallConnections walls, ILogger<HubRelay> logger) : IHostedService
{
    private IDisposable? watching;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        watching = feed.WatchEverything(Relay);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        watching?.Dispose();
        return Task.CompletedTask;
    }

    private async Task Relay(BoardChange change)
    {
        try
        {
            if (change.Data is WallScreenRevoked revoked && change.Board == Boards.Wall(revoked.WallScreenId))
            {
                var dropped = walls.Drop(revoked.WallScreenId);
                foreach (var (connectionId, groups) in dropped)
                {
                    foreach (var group in groups)
                    {
                        await hub.Groups.RemoveFromGroupAsync(connectionId, group);
                    }
                }

                await hub.Clients.Clients([.. dropped.Select(d => d.ConnectionId)]).SendAsync("changed", change);
                return;
            }

            // Another node's change reaches the connections here through the backplane, sent by that node.
            if (!change.FromOtherNode)
            {
                await hub.Clients.Group(change.Board).SendAsync("changed", change);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Could not relay change {Sequence} to {Board}; its screens catch up by sequence", change.Sequence, change.Board);
        }
    }
}

/// <summary>
/// The hub's connections on this node, closed as the node stops: its screens reconnect (to another node behind the
/// load balancer) and catch up by sequence at once, instead of waiting out the shutdown on a node that is going.
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> open = new();

    public HubConnections(IHostApplicationLifetime lifetime) => lifetime.ApplicationStopping.Register(CloseAll);

    public void Connected(HubCallerContext context) => open[context.ConnectionId] = context;

    public void Disconnected(HubCallerContext context) => open.TryRemove(context.ConnectionId, out _);

    /// <summary>How many are open now: for the metrics, never for deciding anything.</summary>
    public int Count => open.Count;

    private void CloseAll()
    {
        foreach (var context in open.Values)
        {
            context.Abort();
        }
    }
}

/// <summary>Which hub connections are wall screens, and the groups each joined: what a revocation takes away.</summary>
public sealed class WallConnections
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (Guid WallScreenId, string[] Groups)> connections = [];

    public void Joined(string connectionId, Guid wallScreenId, string[] groups)
    {
        lock (gate)
        {
            connections[connectionId] = (wallScreenId, groups);
        }
    }

    public void Left(string connectionId)
    {
        lock (gate)
        {
            connections.Remove(connectionId);
        }
    }

    /// <summary>How many wall-screen connections this node holds: for tests and the benchmark, never for deciding anything.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return connections.Count;
            }
        }
    }

    /// <summary>The connections of a wall screen, forgotten as they are answered.</summary>
    public IReadOnlyList<(string ConnectionId, string[] Groups)> Drop(Guid wallScreenId)
    {
        lock (gate)
        {
            var dropped = connections.Where(c => c.Value.WallScreenId == wallScreenId).Select(c => (c.Key, c.Value.Groups)).ToList();
            foreach (var (connectionId, _) in dropped)
            {
                connections.Remove(connectionId);
            }

            return dropped;
        }
    }
}

public static class LiveSetup
{
    public static IServiceCollection AddObeyaLive(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options => ObeyaApi.Configure(options.PayloadSerializerOptions));
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<LivePush>();
        services.AddSingleton<WallConnections>();
        services.AddSingleton<HubConnections>();
        services.AddHostedService<HubRelay>();
        services.ConfigureMarten((provider, options) => options.Listeners.Add(provider.GetRequiredService<LivePush>()));
        services.AddScoped<BoardFeed>();
        services.AddScoped<Tracks.Storyboard.BoardState>();
        services.AddScoped<Programmes.ObeyaState>();
        services.AddScoped<Programmes.ObeyaSteering>();
        return services;
    }

    public static IEndpointRouteBuilder MapObeyaLive(this IEndpointRouteBuilder app)
    {
        // Connecting needs no sign-in (a wall screen has none); every hub method asks the access rules itself.
        app.MapHub<BoardHub>("/hubs/boards").OpenToAnyone("wall screens connect without an account; Join and Since check the caller, JoinWall the token");
        return app;
    }
}
