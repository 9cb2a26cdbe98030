using Obeya.Web.Access;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.SignalR;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Live;

/// <summary>
/// Pushes every event to the boards it concerns, only after its transaction committed, in the order committed.
/// A push that fails is logged, never thrown: the write stands, and boards catch up by sequence.
/// </summary>
public sealed class LivePush(IHubContext<BoardHub> hub, ILogger<LivePush> logger) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            foreach (var board in Boards.Of(e.Data))
            {
                try
                {
                    await hub.Clients.Group(board).SendAsync("changed", BoardChange.Of(board, e), CancellationToken.None);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    logger.LogWarning(failure, "Could not push change {Sequence} to {Board}; it will catch up", e.Sequence, board);
                }
            }
        }
    }
}

public static class LiveSetup
{
    public static IServiceCollection AddObeyaLive(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options => ObeyaApi.Configure(options.PayloadSerializerOptions));
        services.AddSingleton<LivePush>();
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
