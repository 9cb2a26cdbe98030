using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using Obeya.Web.Live;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Obeya.Web.Infrastructure;

/// <summary>
/// Traces, metrics and logs over OTLP when an endpoint is configured (the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, and the
/// other <c>OTEL_*</c> settings), with Obeya's own meter: commands stored, the time from a commit to the last screen
/// that heard it, the screens and wall screens connected, and the async daemon's lag. Logs carry the trace and span ids either way.
/// </summary>
public static class ObeyaTelemetry
{
    public const string Name = "Obeya";

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("obeya.commands", "{command}", "Writes stored, by kind of stream");

    public static readonly Histogram<double> CommitToScreen =
        Meter.CreateHistogram<double>("obeya.live.commit_to_screen", "ms", "From a commit to the moment a watching screen (or the hub's relay) has heard it");

    public static WebApplicationBuilder AddObeyaTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not { Length: > 0 })
        {
            return builder;
        }

        builder.Services.AddSingleton<LiveGauges>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<LiveGauges>());
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("obeya", serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddNpgsql())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddMeter(Name))
            // Log records go out too, each with the trace and span it was written in.
            .WithLogging()
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// The gauges of what is connected to this node now, read when the metrics are collected; and the daemon's lag,
    /// sampled every few seconds (a query, so never in the collector's own call).
    /// </summary>
    private sealed class LiveGauges(LiveFeed feed, HubConnections hub, WallConnections walls, Reads.AsyncProjections projections, ILogger<LiveGauges> logger)
        : BackgroundService
    {
        private long lag;

        public override Task StartAsync(CancellationToken cancellationToken)
        {
            Meter.CreateObservableGauge("obeya.live.watchers", () => feed.Watchers, "{watcher}", "Screens (circuits) and relays watching the feed");
            Meter.CreateObservableGauge("obeya.live.hub_connections", () => hub.Count, "{connection}", "Connections to the board hub");
            Meter.CreateObservableGauge("obeya.live.wall_screens", () => walls.Count, "{connection}", "Wall screens connected");
            Meter.CreateObservableGauge("obeya.daemon.lag", () => Interlocked.Read(ref lag), "{event}", "Events the slowest async projection has still to process");
            return base.StartAsync(cancellationToken);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            do
            {
                try
                {
                    Interlocked.Exchange(ref lag, await projections.Lag(stoppingToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store away: the gauge keeps its last figure, the health check says what is wrong.
                    logger.LogDebug(e, "Could not read the daemon's lag");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
