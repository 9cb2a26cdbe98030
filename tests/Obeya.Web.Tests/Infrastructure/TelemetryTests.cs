using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Infrastructure;

/// <summary>
/// A collector that takes OTLP over HTTP (protobuf), as an organisation's OpenTelemetry collector does: what arrives per
/// path, as bytes (the names of spans, meters and instruments are plain text inside the protobuf).
/// </summary>
public sealed class OtlpCollector : IAsyncLifetime
{
    private WebApplication? app;

    public ConcurrentDictionary<string, ConcurrentBag<byte[]>> Received { get; } = new();

    public string Endpoint { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            Received.GetOrAdd(signal, _ => []).Add(body.ToArray());
            return Results.Ok();
        });
        await app.StartAsync();
        Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public bool Holds(string signal, string text) => HoldsAll(signal, Encoding.UTF8.GetBytes(text));

    /// <summary>Whether one export of <paramref name="signal"/> holds all of <paramref name="parts"/> (text, or the raw bytes of an id).</summary>
    public bool HoldsAll(string signal, params byte[][] parts) =>
        Received.TryGetValue(signal, out var bodies) && bodies.Any(b => parts.All(p => b.AsSpan().IndexOf(p) >= 0));

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

/// <summary>Obeya exporting to the collector, quickly (a tenth of a second) so the test need not wait.</summary>
public sealed class ObeyaWithTelemetry : ObeyaApp
{
    public OtlpCollector Collector { get; } = new();

    public override async Task InitializeAsync()
    {
        await Collector.InitializeAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Collector.Endpoint);
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
        builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "200");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Collector.DisposeAsync();
    }
}

public sealed class TelemetryTests(ObeyaWithTelemetry app) : IClassFixture<ObeyaWithTelemetry>
{
    [Fact]
    public async Task with_an_otlp_endpoint_requests_and_queries_are_traced_and_obeyas_own_meters_exported()
    {
        var board = await Board.StartAsync(app);
        await board.Do("/obstacles", new { text = "Terugmeldingen zonder reden" });
        (await board.Refresh()).ValueKind.Should().Be(System.Text.Json.JsonValueKind.Object);

        await Eventually.Holds(() => app.Collector.Holds("traces", "/api/v1/tracks") && app.Collector.Holds("traces", "obeya") && app.Collector.Holds("traces", "postgresql"),
            "the API's requests and their queries as spans of the service 'obeya'");
        await Eventually.Holds(() => app.Collector.Holds("metrics", "obeya.commands") && app.Collector.Holds("metrics", "obeya.live.hub_connections")
            && app.Collector.Holds("metrics", "obeya.daemon.lag"),
            "Obeya's own meters, the daemon's lag among them");
    }

    [Fact]
    public async Task a_log_record_goes_out_with_the_trace_it_was_written_in()
    {
        using var activity = new System.Diagnostics.Activity("probe").Start();
        var marker = Guid.NewGuid().ToString("N");
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Obeya.Probe").LogWarning("Probe {Marker}", marker);
        var traceId = new byte[16];
        activity.TraceId.CopyTo(traceId);

        await Eventually.Holds(() => app.Collector.HoldsAll("logs", Encoding.UTF8.GetBytes(marker), traceId), "the log record with its trace id");
    }
}
