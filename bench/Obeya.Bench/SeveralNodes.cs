using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using Obeya.Web.Live;

namespace Obeya.Bench;

/// <summary>
/// Issue 14's figures and soak: two nodes as processes behind nginx on one PostgreSQL and one Redis (<see cref="Cluster"/>).
/// Clients leave from addresses of their own (<see cref="ClientAddresses"/>), so nginx spreads them as it would spread offices.
/// </summary>
public static class SeveralNodes
{
    /// <summary>Fan-out across nodes, commands per second with 8 writers, 1,000 screens on one board, memory per connection.</summary>
    public static async Task<object> Figures()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var (http, cookie) = await Workloads.SignIn(cluster.BaseUrl, Cluster.AdminEmail, Cluster.AdminPassword);
        using var _ = http;
        var (teamId, ownerId) = await Team(http, "Bench");
        var idle = new { a = a.RssMb(), b = b.RssMb() };

        // First, on fresh nodes (their memory not yet grown by the rest): one board (the strategic wall) on 1,000 screens
        // from 100 addresses, split over both nodes.
        var wall = await LiveBoards.Board(http, teamId, ownerId, "Strategische wand", obstacles: 10, steps: 10);
        object thousand;
        var before = new { a = a.RssMb(), b = b.RssMb(), connectionsA = a.Connections(), connectionsB = b.Connections() };
        await using (var watchers = new Watchers(cluster.BaseUrl, cookie, i => new HttpMessageInvoker(ClientAddresses.From(ClientAddresses.For(i % 100)))))
        {
            await watchers.GrowTo(1000, [Boards.Track(wall.TrackId)]);
            await Task.Delay(2000);
            var after = new { a = a.RssMb(), b = b.RssMb(), connectionsA = a.Connections(), connectionsB = b.Connections() };
            var (screensA, screensB) = (after.connectionsA - before.connectionsA, after.connectionsB - before.connectionsB);
            thousand = new
            {
                screensOnA = screensA,
                screensOnB = screensB,
                fanOut = await LiveBoards.FanOut(wall, watchers, warmUp: 10, count: 100),
                rssMb = new { before, after },
                kbPerConnection = new
                {
                    a = screensA == 0 ? (double?)null : Math.Round((after.a - before.a) * 1024 / screensA, 1),
                    b = screensB == 0 ? (double?)null : Math.Round((after.b - before.b) * 1024 / screensB, 1),
                },
            };
        }

        // The writer on A, every watcher on B: each push crosses Redis.
        var (onA, cookieA) = await Workloads.SignIn(a.Address.ToString(), Cluster.AdminEmail, Cluster.AdminPassword);
        using var __ = onA;
        var board = await LiveBoards.Board(onA, teamId, ownerId, "Twee knooppunten", obstacles: 20, steps: 20);
        object crossNode;
        await using (var watchers = new Watchers(b.Address.ToString(), cookieA))
        {
            await watchers.GrowTo(100, [Boards.Track(board.TrackId)]);
            crossNode = await LiveBoards.FanOut(board, watchers, warmUp: 20, count: 300);
        }

        // Writer and watchers through nginx, the watchers from 100 addresses: split over both nodes.
        var viaNginx = await LiveBoards.Board(http, teamId, ownerId, "Achter nginx", obstacles: 20, steps: 20);
        object throughNginx;
        await using (var watchers = new Watchers(cluster.BaseUrl, cookie, i => new HttpMessageInvoker(ClientAddresses.From(ClientAddresses.For(i)))))
        {
            await watchers.GrowTo(100, [Boards.Track(viaNginx.TrackId)]);
            var split = new { onA = a.Connections(), onB = b.Connections() };
            throughNginx = new { split, fanOut = await LiveBoards.FanOut(viaNginx, watchers, warmUp: 20, count: 300) };
        }

        // 8 writers from 8 addresses through nginx, each on its own track.
        var writers = new List<TrackWriter>();
        for (var i = 0; i < 8; i++)
        {
            var client = new HttpClient(ClientAddresses.From(ClientAddresses.For(100 + i))) { BaseAddress = cluster.Nginx.BaseAddress };
            client.DefaultRequestHeaders.Add("Cookie", cookie);
            writers.Add(await LiveBoards.Board(client, teamId, ownerId, $"Schrijver {i}", obstacles: 4, steps: 0));
        }

        // As the single node's figure is taken: without watchers, and with 10 watchers each joined to all eight tracks.
        var throughput = new List<object>();
        async Task<object> WithNodeCpu(Watchers watchers)
        {
            var before = (a.CpuMs(), b.CpuMs());
            var figures = (dynamic)await LiveBoards.Throughput(writers, watchers, TimeSpan.FromSeconds(20), cluster.DataDirectory);
            var commands = Math.Max(1L, (long)figures.commands);
            return new { figures, nodeCpuMsPerCommand = new { a = Math.Round((a.CpuMs() - before.Item1) / commands, 2), b = Math.Round((b.CpuMs() - before.Item2) / commands, 2) } };
        }

        await using (var none = new Watchers(cluster.BaseUrl, cookie))
        {
            throughput.Add(await WithNodeCpu(none));
        }

        await using (var watchers = new Watchers(cluster.BaseUrl, cookie, i => new HttpMessageInvoker(ClientAddresses.From(ClientAddresses.For(i)))))
        {
            await watchers.GrowTo(10, [.. writers.Select(w => Boards.Track(w.TrackId))]);
            throughput.Add(await WithNodeCpu(watchers));
        }

        return new
        {
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
            setup = "two nodes as processes (started as deploy/systemd/obeya.service starts them), one embedded PostgreSQL, one Redis, Debian's nginx with deploy/nginx/obeya-locations.conf; clients in this process",
            idleRssMb = idle,
            fanOutWriterOnAWatchersOnB = crossNode,
            fanOutThroughNginx = throughNginx,
            eightWritersThroughNginx = throughput,
            oneBoardThousandScreens = thousand,
        };
    }

    /// <summary>
    /// Two nodes for <paramref name="minutes"/> minutes: 8 writers, 200 watchers, a node restarted every five minutes
    /// (by turns SIGTERM and SIGKILL), a watcher dropped about every second. At the end every watcher's board is held
    /// against the store, and every acknowledged write looked up in it.
    /// </summary>
    public static async Task<object> Soak(int minutes)
    {
        await using var cluster = await Cluster.StartAsync(2);
        var (http, cookie) = await Workloads.SignIn(cluster.BaseUrl, Cluster.AdminEmail, Cluster.AdminPassword);
        using var signedIn = http;
        var (teamId, ownerId) = await Team(http, "Soak");
        var tracks = new List<TrackWriter>();
        for (var i = 0; i < 8; i++)
        {
            tracks.Add(await LiveBoards.Board(http, teamId, ownerId, $"Soak {i}", obstacles: 3, steps: 0));
        }

        var duration = TimeSpan.FromMinutes(minutes);
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);
        var watchers = Enumerable.Range(0, 200).Select(i => new SoakWatcher(i, cluster.BaseUrl, cookie, tracks[i % 8].TrackId, tracks[i % 8].Version)).ToList();
        await Task.WhenAll(watchers.Select(w => w.ConnectAsync()));
        var writers = tracks.Select((t, i) => new SoakWriter(i, cluster.Nginx.BaseAddress, cookie, t)).ToList();
        var writing = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToList();

        var memory = new ConcurrentQueue<object>();
        var restarts = new List<object>();
        var lives = cluster.Nodes.ToDictionary(n => n.Name, _ => new List<(double Minute, double Rss)>());
        var lifeSummaries = new List<object>();
        void CloseLife(NodeProcess node, string ended)
        {
            var samples = lives[node.Name];
            var warm = samples.Where(s => s.Minute >= 2).ToList();
            lifeSummaries.Add(new
            {
                node = node.Name,
                ended,
                minutes = Math.Round(node.Alive.Elapsed.TotalMinutes, 1),
                rssAt2MinMb = warm.Count == 0 ? (double?)null : warm[0].Rss,
                rssAtEndMb = samples.Count == 0 ? (double?)null : samples[^1].Rss,
                rssMaxMb = samples.Count == 0 ? (double?)null : samples.Max(s => s.Rss),
            });
            samples.Clear();
        }

        var random = new Random(14);
        // Every five minutes; a shorter trial run restarts three times all the same.
        var every = TimeSpan.FromMinutes(Math.Min(5, minutes / 3.0));
        var nextRestart = every;
        var nextSample = TimeSpan.FromSeconds(30);
        var restartCount = 0;
        while (clock.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            // A watcher dropped (a laptop closed, a TV's Wi-Fi gone); it comes back a moment later and catches up.
            _ = watchers[random.Next(watchers.Count)].DropAndComeBackAsync(TimeSpan.FromMilliseconds(random.Next(200, 3000)));

            if (clock.Elapsed >= nextSample)
            {
                nextSample += TimeSpan.FromSeconds(30);
                foreach (var node in cluster.Nodes)
                {
                    lives[node.Name].Add((Math.Round(node.Alive.Elapsed.TotalMinutes, 2), node.RssMb()));
                }

                memory.Enqueue(new { minute = Math.Round(clock.Elapsed.TotalMinutes, 1), rssMb = cluster.Nodes.ToDictionary(n => n.Name, n => n.RssMb()) });
            }

            if (clock.Elapsed >= nextRestart && clock.Elapsed < duration - TimeSpan.FromSeconds(30))
            {
                nextRestart += every;
                var node = cluster.Nodes[restartCount % cluster.Nodes.Count];
                var crash = restartCount % 2 == 1;
                restartCount++;
                var down = Stopwatch.StartNew();
                CloseLife(node, crash ? "SIGKILL" : "SIGTERM");
                await node.StopAsync(crash);
                var stopped = down.Elapsed;
                await node.StartAsync();
                restarts.Add(new
                {
                    minute = Math.Round(clock.Elapsed.TotalMinutes, 1),
                    node = node.Name,
                    how = crash ? "SIGKILL" : "SIGTERM",
                    stopMs = Math.Round(stopped.TotalMilliseconds),
                    downMs = Math.Round(down.Elapsed.TotalMilliseconds),
                });
            }
        }

        await Task.WhenAll(writing);
        foreach (var node in cluster.Nodes)
        {
            CloseLife(node, "end");
        }

        // Let every screen hear (or catch up on) the last writes, then hold each against the store.
        var stored = new Dictionary<Guid, long>();
        foreach (var track in tracks)
        {
            stored[track.TrackId] = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{track.TrackId}")).GetProperty("version").GetInt64();
        }

        var drain = Stopwatch.StartNew();
        while (watchers.Any(w => !w.Matches(stored[w.TrackId])) && drain.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var lagging in watchers.Where(w => !w.Matches(stored[w.TrackId]) && w.Idle > TimeSpan.FromSeconds(5)))
            {
                // A screen that heard nothing for a while asks what it missed, as wall.js does on "resync".
                await lagging.CatchUpAsync();
            }

            await Task.Delay(250);
        }

        var differing = watchers.Where(w => !w.Matches(stored[w.TrackId])).Select(w => w.Describe(stored[w.TrackId])).ToList();
        var missing = await MissingWrites(cluster, writers);
        var result = new
        {
            minutes,
            machine = new { cores = Environment.ProcessorCount, dotnet = Environment.Version.ToString() },
            writers = writers.Count,
            watchers = watchers.Count,
            acknowledgedWrites = writers.Sum(w => w.Acknowledged.Count),
            writesPerSecond = Math.Round(writers.Sum(w => w.Acknowledged.Count) / duration.TotalSeconds, 1),
            refusedOrFailedAttempts = writers.Sum(w => w.Failures),
            acknowledgedWritesMissingFromStore = missing,
            watcherDrops = watchers.Sum(w => w.Drops),
            watcherReconnects = watchers.Sum(w => w.Reconnects),
            catchUpsWithReload = watchers.Sum(w => w.Reloads),
            boardsDifferingFromStore = differing.Count,
            differing = differing.Take(10),
            restarts,
            lives = lifeSummaries,
            memory,
        };
        await Task.WhenAll(watchers.Select(w => w.DisposeAsync().AsTask()));
        return result;
    }

    /// <summary>A team with the signed-in beheerder as its member (the owner of steps).</summary>
    private static async Task<(Guid TeamId, Guid OwnerId)> Team(HttpClient http, string name)
    {
        var team = await (await http.PostAsJsonAsync("/api/v1/teams", new { name })).Content.ReadFromJsonAsync<JsonElement>();
        var teamId = team.GetProperty("id").GetGuid();
        (await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/members", new { name = "Beheer", email = Cluster.AdminEmail })).EnsureSuccessStatusCode();
        var owner = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{teamId}")).GetProperty("members")[0].GetProperty("id").GetGuid();
        return (teamId, owner);
    }

    /// <summary>Every acknowledged write looked up in the store by its stream, version and text.</summary>
    private static async Task<int> MissingWrites(Cluster cluster, IReadOnlyList<SoakWriter> writers)
    {
        await using var connection = new NpgsqlConnection(cluster.Postgres.ConnectionString);
        await connection.OpenAsync();
        var missing = 0;
        foreach (var writer in writers)
        {
            await using var command = new NpgsqlCommand("select version, data ->> 'text' from mt_events where stream_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = writer.TrackId });
            var stored = new Dictionary<long, string?>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    stored[reader.GetInt64(0)] = await reader.IsDBNullAsync(1) ? null : reader.GetString(1);
                }
            }

            missing += writer.Acknowledged.Count(w => !stored.TryGetValue(w.Version, out var text) || text != w.Text);
        }

        return missing;
    }
}

/// <summary>
/// A writer of the soak: rephrases its track's obstacles about ten times a second through nginx, from an address of its
/// own. A write whose reply was lost (its node went) is not counted; the version is read again and writing goes on.
/// </summary>
public sealed class SoakWriter(int number, Uri nginx, string cookie, TrackWriter track)
{
    private readonly HttpClient http = new(ClientAddresses.From(ClientAddresses.For(200 + number))) { BaseAddress = nginx, Timeout = TimeSpan.FromSeconds(10) };
    private long version = track.Version;

    public Guid TrackId => track.TrackId;

    public List<(long Version, string Text)> Acknowledged { get; } = [];

    public int Failures { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        var obstacles = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{TrackId}")).GetProperty("obstacles").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var paced = Task.Delay(100);
            var text = $"Soak {number}: ronde {n}";
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tracks/{TrackId}/obstacles/{obstacles[n % obstacles.Length]}/text") { Content = JsonContent.Create(new { text }) };
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    version = long.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
                    Acknowledged.Add((version, text));
                }
                else
                {
                    Failures++;
                    await Refresh();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Failures++;
                await Task.Delay(200);
                await Refresh();
            }

            await paced;
        }
    }

    /// <summary>The track's version as stored now; left as it was while no node answers.</summary>
    private async Task Refresh()
    {
        try
        {
            version = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{TrackId}")).GetProperty("version").GetInt64();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            // The next attempt fails with a stale version and reads it again.
        }
    }
}

/// <summary>
/// A screen of the soak: joined to one track through nginx from an address of its own, holding the versions it has
/// heard. Reconnecting (never giving up) it rejoins and asks what it missed since where it stood, as wall.js does; a
/// catch-up that says "reload" reads the board's version, as a screen reloads its board.
/// </summary>
public sealed class SoakWatcher(int number, string baseUrl, string cookie, Guid trackId, long startVersion) : IAsyncDisposable
{
    private readonly HttpMessageInvoker via = new(ClientAddresses.From(ClientAddresses.For(number)));
    private readonly Lock gate = new();
    private readonly SortedSet<long> heard = [];
    private readonly Dictionary<long, long> sequenceOf = [];
    private readonly SemaphoreSlim connecting = new(1, 1);
    private long contiguous = startVersion;
    private long lastHeard = Stopwatch.GetTimestamp();
    private HubConnection? hub;
    private bool disposed;

    public Guid TrackId => trackId;

    public int Drops { get; private set; }

    public int Reconnects { get; private set; }

    public int Reloads { get; private set; }

    public TimeSpan Idle => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastHeard));

    public bool Matches(long storedVersion)
    {
        lock (gate)
        {
            return contiguous == storedVersion;
        }
    }

    public string Describe(long storedVersion)
    {
        lock (gate)
        {
            return $"watcher {number}: has up to {contiguous} without a gap (heard {heard.Count} beyond it), store {storedVersion}";
        }
    }

    public async Task ConnectAsync()
    {
        await connecting.WaitAsync();
        try
        {
            await ConnectOnce();
        }
        finally
        {
            connecting.Release();
        }
    }

    private async Task ConnectOnce()
    {
        for (var attempt = 0; !disposed; attempt++)
        {
            var connection = Watchers.Connection(baseUrl, cookie, via);
            connection.On<BoardChange>("changed", Heard);
            connection.On(NodeRelay.Resync, () => _ = CatchUpAsync());
            connection.Closed += async _ =>
            {
                if (!disposed && ReferenceEquals(hub, connection))
                {
                    Reconnects++;
                    await ConnectAsync();
                }
            };
            try
            {
                hub = connection;
                await connection.StartAsync();
                await CatchUpAsync(join: true);
                return;
            }
            catch (Exception)
            {
                hub = null;
                await connection.DisposeAsync();
                await Task.Delay(Math.Min(2000, 100 * (1 << Math.Min(attempt, 4))));
            }
        }
    }

    public async Task DropAndComeBackAsync(TimeSpan after)
    {
        if (hub is not { State: HubConnectionState.Connected } connection || !await connecting.WaitAsync(0))
        {
            return;
        }

        connecting.Release();

        Drops++;
        hub = null;
        await connection.DisposeAsync();
        await Task.Delay(after);
        await ConnectAsync();
    }

    /// <summary>Rejoins (when asked) and asks what was missed since where the screen stood before it joined.</summary>
    public async Task CatchUpAsync(bool join = false)
    {
        if (hub is not { } connection)
        {
            return;
        }

        long stood;
        lock (gate)
        {
            // The sequence of the last version heard without a gap: a later one heard first (it came over the other
            // node) must not hide one still on its way. Unknown (nothing heard yet): from the start, or a reload.
            stood = sequenceOf.GetValueOrDefault(contiguous);
        }

        if (join)
        {
            await connection.InvokeAsync("Join", Boards.Track(trackId));
        }

        try
        {
            var missed = await connection.InvokeAsync<CatchUp>("Since", Boards.Track(trackId), stood);
            if (missed.Reload)
            {
                Reloads++;
                using var http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = new Uri(baseUrl) };
                http.DefaultRequestHeaders.Add("Cookie", cookie);
                var board = await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}");
                lock (gate)
                {
                    contiguous = Math.Max(contiguous, board.GetProperty("version").GetInt64());
                    Advance();
                }
            }

            foreach (var change in missed.Changes)
            {
                Heard(change);
            }
        }
        catch (Exception e) when (e is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            // The connection went meanwhile: its Closed handler connects again and catches up then.
        }
    }

    private void Heard(BoardChange change)
    {
        if (change.StreamId != trackId)
        {
            return;
        }

        Interlocked.Exchange(ref lastHeard, Stopwatch.GetTimestamp());
        lock (gate)
        {
            if (change.Version > contiguous)
            {
                sequenceOf[change.Version] = change.Sequence;
                heard.Add(change.Version);
                Advance();
            }
        }
    }

    private void Advance()
    {
        while (heard.Count > 0 && heard.Min <= contiguous + 1)
        {
            contiguous = Math.Max(contiguous, heard.Min);
            heard.Remove(heard.Min);
        }

        foreach (var old in sequenceOf.Keys.Where(v => v < contiguous).ToList())
        {
            sequenceOf.Remove(old);
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        if (hub is { } connection)
        {
            await connection.DisposeAsync();
        }

        via.Dispose();
    }
}
