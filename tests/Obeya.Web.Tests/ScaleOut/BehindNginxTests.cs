using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Tracks;
using Obeya.Testing;
using Obeya.Web.Infrastructure;
using Obeya.Web.Live;

namespace Obeya.Web.Tests.ScaleOut;

public sealed class BehindNginxTests(TwoNodesBehindNginx nodes) : IClassFixture<TwoNodesBehindNginx>
{
    private HubConnection WallThroughNginx() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(nodes.Nginx.BaseAddress, "hubs/boards"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .WithAutomaticReconnect(new NeverGivesUp())
            .AddJsonProtocol(options => ObeyaApi.Configure(options.PayloadSerializerOptions))
            .Build();

    [Fact]
    public async Task tls_ends_at_nginx_and_the_nodes_build_their_addresses_from_what_it_forwards()
    {
        using var https = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == nodes.Nginx.Certificate.Thumbprint,
        })
        { BaseAddress = nodes.Nginx.TlsBaseAddress };

        var answer = await https.GetAsync("/klantsignalen");

        // The node itself speaks plain HTTP on another port: the address it sends the browser to is nginx's, over TLS.
        answer.StatusCode.Should().Be(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().Should().StartWith($"https://127.0.0.1:{nodes.Nginx.TlsPort}/inloggen");
    }

    [Fact]
    public async Task a_wall_screen_through_nginx_survives_its_node_stopping_mid_stream_and_catches_up_with_nothing_lost()
    {
        // Signed in on node A; through nginx every request may land on either node, and the cookie holds on both.
        var (emmy, track, wallScreen) = await nodes.WallScreenAsync("Team Nginx", "Achter nginx");
        using var _ = emmy;

        var seen = new ConcurrentDictionary<long, BoardChange>();
        var lastSequence = 0L;
        await using var wall = WallThroughNginx();
        wall.On<BoardChange>("changed", change =>
        {
            seen[change.Version] = change;
            Interlocked.Exchange(ref lastSequence, Math.Max(Interlocked.Read(ref lastSequence), change.Sequence));
        });
        async Task JoinAndCatchUp()
        {
            // Where the screen stood before it joins: a live change heard between joining and asking must not hide what was missed.
            var stood = Interlocked.Read(ref lastSequence);
            await wall.InvokeAsync<WallJoined>("JoinWall", wallScreen.GetProperty("token").GetString());
            var missed = await wall.InvokeAsync<CatchUp>("Since", Boards.Track(track), stood);
            foreach (var change in missed.Changes)
            {
                seen[change.Version] = change;
            }
        }

        var failures = new ConcurrentQueue<string>();
        wall.Reconnected += async _ =>
        {
            try
            {
                await JoinAndCatchUp();
            }
            catch (Exception e)
            {
                failures.Enqueue(e.Message);
            }
        };
        // As wall.js does: a connection the stopping node closed for good (no reconnect offered) is started over.
        wall.Closed += async _ =>
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    await Task.Delay(200);
                    await wall.StartAsync();
                    await JoinAndCatchUp();
                    return;
                }
                catch (Exception e)
                {
                    failures.Enqueue(e.Message);
                }
            }
        };
        await wall.StartAsync();
        await JoinAndCatchUp();
        var (holder, other) = nodes.A.Services.GetRequiredService<WallConnections>().Count > 0 ? (nodes.A, nodes.B) : (nodes.B, nodes.A);
        holder.Services.GetRequiredService<WallConnections>().Count.Should().Be(1, "nginx sent the wall screen to one node");

        // A stream of writes through nginx; the wall screen's node is stopped in the middle of it.
        var acknowledged = new List<long>();
        var version = 1L;
        for (var i = 0; i < 20; i++)
        {
            if (i == 8)
            {
                await holder.DisposeAsync();
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracks/{track}/obstacles") { Content = JsonContent.Create(new { text = $"Obstakel {i}" }) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            var answer = await emmy.SendAsync(request);
            if (answer.StatusCode == HttpStatusCode.Created)
            {
                version = (await answer.Json<JsonElement>()).GetProperty("version").GetInt64();
                acknowledged.Add(version);
            }
        }

        acknowledged.Should().HaveCountGreaterThanOrEqualTo(19, "at most the write under way when the node stopped is lost, and nginx sends the rest on");
        await Eventually.Holds(() => acknowledged.All(seen.ContainsKey),
            $"every acknowledged write on the wall screen, live or caught up through the other node (missing {string.Join(",", acknowledged.Where(v => !seen.ContainsKey(v)))}; wall {wall.State}; {string.Join(" | ", failures)})");
        other.Services.GetRequiredService<WallConnections>().Count.Should().Be(1, "the wall screen came back through the other node");
        var stored = await (await emmy.GetAsync($"/api/v1/tracks/{track}")).Json<JsonElement>();
        stored.GetProperty("obstacles").GetArrayLength().Should().Be(acknowledged.Count);
    }
}

/// <summary>As the wall screen's script retries (wwwroot/wall.js): never giving up, a TV has nobody to press "retry"; here at most every second.</summary>
internal sealed class NeverGivesUp : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        TimeSpan.FromMilliseconds(Math.Min(1000, 100 * Math.Pow(2, Math.Min(retryContext.PreviousRetryCount, 4))));
}
