using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NodaTime;
using Obeya.Web.Infrastructure;
using StackExchange.Redis;

namespace Obeya.Web.Live;

/// <summary>
/// Several nodes on one store, joined by Redis when <c>ConnectionStrings:Redis</c> is set (the embedded default stays
/// one node without it): the data-protection keys are shared there, so a cookie, an antiforgery token or a live ticket
/// made on one node holds on every other; the hub's groups reach every node's connections through SignalR's Redis
/// backplane; and every committed change is handed to the other nodes' in-process feeds (<see cref="NodeRelay"/>), so
/// their screens hear it as they hear their own.
/// </summary>
public static class ScaleOut
{
    /// <summary>Where the keys live in Redis, and the application they protect for (the same on every node).</summary>
    public const string KeysKey = "obeya:data-protection-keys";

    public const string ApplicationName = "Obeya";

    public static WebApplicationBuilder AddObeyaScaleOut(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("Redis") is not { Length: > 0 } connection)
        {
            return builder;
        }

        var options = ConfigurationOptions.Parse(connection);
        // A node keeps serving its own screens while Redis is away, and joins again when it is back.
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        var prefix = builder.Configuration["Obeya:Redis:Prefix"] is { Length: > 0 } named ? named : "obeya";
        var redis = ConnectionMultiplexer.Connect(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToStackExchangeRedis(redis, $"{prefix}:{KeysKey}");
        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(redis);
            o.Configuration.ChannelPrefix = RedisChannel.Literal($"{prefix}:hub");
        });
        builder.Services.AddSingleton(new NodeIdentity(Guid.NewGuid(), RedisChannel.Literal($"{prefix}:changes")));
        builder.Services.AddHostedService<NodeRelay>();
        builder.Services.AddHealthChecks().AddCheck<RedisCheck>("redis", tags: [ObeyaHealth.Ready]);
        return builder;
    }

    /// <summary>
    /// Without Redis a node still serves its own screens and writes (the store is the truth), so /health/ready says
    /// "Degraded" rather than taking the node out of the load balancer.
    /// </summary>
    private sealed class RedisCheck(IConnectionMultiplexer redis, IEnumerable<IHostedService> hosted) : IHealthCheck
    {
        private readonly NodeRelay? relay = hosted.OfType<NodeRelay>().SingleOrDefault();

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(redis.IsConnected && relay?.CaughtUp != false
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("Redis is niet bereikbaar: deze server toont zijn eigen wijzigingen, die van andere servers komen zodra Redis terug is."));
    }
}

/// <summary>
/// A node that is stopping takes no new live connection and says it is not ready: 503, which the load balancer
/// (nginx: <c>proxy_next_upstream http_503</c>) answers by trying the next node, so a screen whose connection the
/// stopping node closed reconnects to another at once instead of to the one going away.
/// </summary>
public static class NodeStopping
{
    public static WebApplication UseObeyaNodeStopping(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            if (stopping.IsCancellationRequested
                && (path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/health/ready")))
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync("Unhealthy: deze server stopt.");
                return;
            }

            await next(http);
        });
        return app;
    }
}

/// <summary>This node among the others, and the channel they share their changes on.</summary>
public sealed record NodeIdentity(Guid NodeId, RedisChannel Changes);

/// <summary>
/// Hands every change committed on this node to the other nodes, and theirs to this node's feed, in the order each
/// was committed. What comes from another node is marked so: the hub's relay leaves its sending to that node, whose
/// sends reach this node's connections through the backplane. While Redis is away nothing crosses; when it is back,
/// this node reads from the store what was committed meanwhile and it did not hear, hands that to its feed (its
/// screens apply it by version, as they do a catch-up), and tells every hub connection to catch up by sequence.
/// </summary>
public sealed class NodeRelay(
    LiveFeed feed, IConnectionMultiplexer redis, NodeIdentity node, IDocumentStore store, IHubContext<BoardHub> hub, IOptions<JsonOptions> json,
    ILogger<NodeRelay> logger) : IHostedService
{
    /// <summary>More missed events than this after an outage and the screens are only told to catch up themselves.</summary>
    public const int MaxReplayed = 10_000;

    private readonly Lock gate = new();
    private IDisposable? watching;
    private ChannelMessageQueue? incoming;
    private long lastSequence;
    private long? failedAfter;
    private readonly HashSet<long> heardSinceFailure = [];

    private sealed record Shared(Guid Node, string Board, long Sequence, Guid StreamId, long Version, string Type, JsonElement Data, Instant At, string By);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = json.Value.SerializerOptions;
        redis.ConnectionFailed += OnFailed;
        redis.ConnectionRestored += OnRestored;
        incoming = await redis.GetSubscriber().SubscribeAsync(node.Changes);
        incoming.OnMessage(message =>
        {
            try
            {
                var shared = JsonSerializer.Deserialize<Shared>((string)message.Message!, options)!;
                if (shared.Node == node.NodeId)
                {
                    return;
                }

                object data = shared.Type.Length == 0 ? new { } : shared.Data.Deserialize(EventTypes.Named(shared.Type), options)!;
                feed.Publish(new BoardChange(shared.Board, shared.Sequence, shared.StreamId, shared.Version, shared.Type, data, shared.At, shared.By)
                {
                    FromOtherNode = true,
                });
            }
            catch (Exception failure) when (failure is JsonException or NotSupportedException)
            {
                logger.LogWarning(failure, "A change from another node could not be read; its screens catch up by sequence");
            }
        });
        watching = feed.WatchEverything(async change =>
        {
            Heard(change.Sequence);
            if (change.FromOtherNode)
            {
                return;
            }

            var shared = new Shared(node.NodeId, change.Board, change.Sequence, change.StreamId, change.Version, change.Type,
                JsonSerializer.SerializeToElement(change.Data, change.Data.GetType(), options), change.At, change.By);
            try
            {
                await redis.GetSubscriber().PublishAsync(node.Changes, JsonSerializer.Serialize(shared, options));
            }
            catch (RedisException failure)
            {
                logger.LogWarning(failure, "Change {Sequence} could not reach the other nodes; their screens catch up by sequence", change.Sequence);
            }
        });
    }

    /// <summary>Joined to the other nodes: not waiting for Redis, nor still reading what was missed while it was away.</summary>
    public bool CaughtUp
    {
        get
        {
            lock (gate)
            {
                return failedAfter is null;
            }
        }
    }

    private void Heard(long sequence)
    {
        lock (gate)
        {
            lastSequence = Math.Max(lastSequence, sequence);
            if (failedAfter is not null)
            {
                heardSinceFailure.Add(sequence);
            }
        }
    }

    private void OnFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        lock (gate)
        {
            failedAfter ??= lastSequence;
        }

        logger.LogWarning("Redis is away: changes of other nodes reach this node's screens once it is back");
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            _ = CatchUpAsync();
        }
    }

    /// <summary>What was committed while Redis was away and this node did not hear, from the store, in commit order.</summary>
    private async Task CatchUpAsync()
    {
        long after;
        HashSet<long> heard;
        lock (gate)
        {
            if (failedAfter is not { } failed)
            {
                return;
            }

            (after, heard) = (failed, [.. heardSinceFailure]);
        }

        try
        {
            await using var session = store.QuerySession();
            var missed = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(MaxReplayed + 1).ToListAsync();
            if (missed.Count <= MaxReplayed)
            {
                foreach (var e in missed.Where(e => !heard.Contains(e.Sequence)))
                {
                    foreach (var change in BoardChange.AllOf(e))
                    {
                        feed.Publish(change with { FromOtherNode = true });
                    }
                }
            }

            lock (gate)
            {
                heardSinceFailure.Clear();
                failedAfter = null;
            }

            // The hub's connections catch up themselves, by sequence: what the backplane could not bring them.
            await hub.Clients.All.SendAsync(Resync);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            logger.LogWarning(failure, "After Redis came back, the changes made meanwhile could not be read; screens catch up at their next change");
        }
    }

    /// <summary>What the hub tells its connections when they may have missed changes: catch up by sequence.</summary>
    public const string Resync = "resync";

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnFailed;
        redis.ConnectionRestored -= OnRestored;
        watching?.Dispose();
        if (incoming is not null)
        {
            await incoming.UnsubscribeAsync();
        }
    }
}
