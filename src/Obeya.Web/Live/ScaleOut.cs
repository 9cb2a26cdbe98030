using System.Text.Json;
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
    private sealed class RedisCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(redis.IsConnected
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("Redis is niet bereikbaar: deze server toont zijn eigen wijzigingen, die van andere servers komen zodra Redis terug is."));
    }
}

/// <summary>This node among the others, and the channel they share their changes on.</summary>
public sealed record NodeIdentity(Guid NodeId, RedisChannel Changes);

/// <summary>
/// Hands every change committed on this node to the other nodes, and theirs to this node's feed, in the order each
/// was committed. What comes from another node is marked so: the hub's relay leaves its sending to that node, whose
/// sends reach this node's connections through the backplane.
/// </summary>
public sealed class NodeRelay(
    LiveFeed feed, IConnectionMultiplexer redis, NodeIdentity node, IOptions<JsonOptions> json, ILogger<NodeRelay> logger) : IHostedService
{
    private IDisposable? watching;
    private ChannelMessageQueue? incoming;

    private sealed record Shared(Guid Node, string Board, long Sequence, Guid StreamId, long Version, string Type, JsonElement Data, Instant At, string By);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = json.Value.SerializerOptions;
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        watching?.Dispose();
        if (incoming is not null)
        {
            await incoming.UnsubscribeAsync();
        }
    }
}
