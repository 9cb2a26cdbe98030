using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Web.Infrastructure;

namespace Obeya.Bench;

/// <summary>What a watcher reads of a pushed BoardChange; the rest of the payload (type, data, who, when) is skipped.</summary>
public sealed record Pushed(string Board, long Sequence, Guid StreamId, long Version);

/// <summary>Process memory after two forced, compacting full collections.</summary>
public sealed record MemoryReading(double WorkingSetMb, double PrivateMb, double GcHeapMb)
{
    public static MemoryReading Now()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new(Mb(process.WorkingSet64), Mb(process.PrivateMemorySize64), Mb(GC.GetTotalMemory(forceFullCollection: false)));
    }

    public MemoryReading Minus(MemoryReading before) =>
        new(Math.Round(WorkingSetMb - before.WorkingSetMb, 2), Math.Round(PrivateMb - before.PrivateMb, 2), Math.Round(GcHeapMb - before.GcHeapMb, 2));

    public MemoryReading Per(int count) =>
        new(Math.Round(WorkingSetMb / count, 3), Math.Round(PrivateMb / count, 3), Math.Round(GcHeapMb / count, 3));

    private static double Mb(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 2);
}

/// <summary>
/// SignalR clients of /hubs/boards (WebSockets, no negotiation), counting what they receive. A probe waits for
/// one stream version to reach every one of them and notes when the last one had it.
/// </summary>
/// <summary>Watchers that can be told to expect one stream version and say when the last of them had it.</summary>
public interface IExpecting
{
    int Count { get; }

    Task<long> Expect(Guid streamId, long version);
}

/// <remarks>
/// Each watcher connects as a browser does: with the sign-in cookie of the one signed in; through <paramref name="via"/>
/// (by the watcher's number) when given, e.g. from an address of its own (<see cref="ClientAddresses"/>).
/// </remarks>
public sealed class Watchers(string baseUrl, string? cookie, Func<int, HttpMessageInvoker>? via = null) : IAsyncDisposable, IExpecting
{
    private readonly List<HubConnection> connections = [];
    private long[] delivered = [];
    private Probe? probe;

    public int Count => connections.Count;

    public long Delivered => delivered.Sum();

    /// <summary>The fewest pushes any one watcher received: a lost push shows here even when totals look right.</summary>
    public long FewestDelivered => delivered.Length == 0 ? 0 : delivered.Min();

    /// <summary>
    /// A hub connection; with a cookie it is someone's, without one a wall screen's; its WebSocket opened through
    /// <paramref name="via"/> when given.
    /// </summary>
    public static HubConnection Connection(string baseUrl, string? cookie = null, HttpMessageInvoker? via = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), "hubs/boards"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (cookie is not null)
                {
                    options.Headers["Cookie"] = cookie;
                }

                if (via is not null)
                {
                    options.WebSocketFactory = async (context, ct) =>
                    {
                        var socket = new System.Net.WebSockets.ClientWebSocket();
                        if (cookie is not null)
                        {
                            socket.Options.SetRequestHeader("Cookie", cookie);
                        }

                        await socket.ConnectAsync(context.Uri, via, ct);
                        return socket;
                    };
                }
            })
            .AddJsonProtocol(options => ObeyaApi.Configure(options.PayloadSerializerOptions))
            .Build();

    /// <summary>Adds watchers until there are <paramref name="total"/>, each joined to every board, the way the UI joins.</summary>
    public async Task GrowTo(int total, IReadOnlyList<string> boards)
    {
        var counts = new long[total];
        Array.Copy(delivered, counts, delivered.Length);
        delivered = counts;
        while (connections.Count < total)
        {
            var index = connections.Count;
            var hub = Connection(baseUrl, cookie, via?.Invoke(index));
            hub.On<Pushed>("changed", pushed => OnPush(index, pushed));
            await hub.StartAsync();
            foreach (var board in boards)
            {
                await hub.InvokeAsync("Join", board);
            }

            connections.Add(hub);
        }
    }

    public void ResetCounts() => Array.Clear(delivered);

    /// <summary>Arms a probe for the version a write is about to make; its task completes with the timestamp of the last arrival.</summary>
    public Task<long> Expect(Guid streamId, long version)
    {
        var armed = new Probe(streamId, version, connections.Count);
        Volatile.Write(ref probe, armed);
        return armed.AllArrived.Task;
    }

    private void OnPush(int index, Pushed pushed)
    {
        Interlocked.Increment(ref delivered[index]);
        var armed = Volatile.Read(ref probe);
        if (armed is not null && pushed.StreamId == armed.StreamId && pushed.Version == armed.Version
            && Interlocked.Decrement(ref armed.Remaining) == 0)
        {
            armed.AllArrived.TrySetResult(Stopwatch.GetTimestamp());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        connections.Clear();
    }

    private sealed class Probe(Guid streamId, long version, int watchers)
    {
        public readonly Guid StreamId = streamId;
        public readonly long Version = version;
        public int Remaining = watchers;
        public readonly TaskCompletionSource<long> AllArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// Screens as Blazor circuits watch a board: handlers on this process's after-commit feed, one each, as a storyboard
/// watches <c>track:{id}</c>. What a change costs the circuits themselves (the fold and the render) is theirs.
/// </summary>
public sealed class ScreenWatchers(Obeya.Web.Live.LiveFeed feed) : IDisposable, IExpecting
{
    private readonly List<IDisposable> watching = [];
    private Probe? probe;

    public int Count => watching.Count;

    public void GrowTo(int total, string board)
    {
        while (watching.Count < total)
        {
            watching.Add(feed.Watch(board, OnChange));
        }
    }

    public Task<long> Expect(Guid streamId, long version)
    {
        var armed = new Probe(streamId, version, watching.Count);
        Volatile.Write(ref probe, armed);
        return armed.AllArrived.Task;
    }

    private Task OnChange(Obeya.Web.Live.BoardChange change)
    {
        var armed = Volatile.Read(ref probe);
        if (armed is not null && change.StreamId == armed.StreamId && change.Version == armed.Version
            && Interlocked.Decrement(ref armed.Remaining) == 0)
        {
            armed.AllArrived.TrySetResult(Stopwatch.GetTimestamp());
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var watcher in watching)
        {
            watcher.Dispose();
        }

        watching.Clear();
    }

    private sealed class Probe(Guid streamId, long version, int watchers)
    {
        public readonly Guid StreamId = streamId;
        public readonly long Version = version;
        public int Remaining = watchers;
        public readonly TaskCompletionSource<long> AllArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// One track and its obstacles, changed one at a time through the HTTP API, alternating a rephrase with moving
/// an obstacle into or out of focus; every write names the version it saw and reads the new one from ETag.
/// </summary>
public sealed class TrackWriter(HttpClient http, Guid trackId, IReadOnlyList<Guid> obstacles, long version)
{
    private int done;
    private Guid? focused;

    public Guid TrackId => trackId;

    public long Version => version;

    public async Task<HttpResponseMessage> Next()
    {
        var obstacle = obstacles[done / 2 % obstacles.Count];
        using var request = (done % 2, focused) switch
        {
            (0, _) => new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tracks/{trackId}/obstacles/{obstacle}/text")
            {
                Content = JsonContent.Create(new { text = $"Obstakel herschreven in ronde {done}" }),
            },
            (_, null) => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracks/{trackId}/obstacles/{obstacle}/focus"),
            (_, { } inFocus) => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/tracks/{trackId}/obstacles/{inFocus}/focus"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        if (response.IsSuccessStatusCode)
        {
            if (done % 2 == 1)
            {
                focused = focused is null ? obstacle : null;
            }

            done++;
            version = long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        }

        return response;
    }
}

public static class LiveBoards
{
    /// <summary>A track with <paramref name="obstacles"/> obstacles and <paramref name="steps"/> small steps, made through the API.</summary>
    public static async Task<TrackWriter> Board(HttpClient http, Guid teamId, Guid ownerId, string title, int obstacles, int steps)
    {
        var started = await Json(await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new { title, challenge = "Elk klantgesprek helpt" }));
        var trackId = started.GetProperty("id").GetGuid();
        var version = 1L;
        var obstacleIds = new List<Guid>();
        var due = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < obstacles + steps; i++)
        {
            var (path, body) = i < obstacles
                ? ("obstacles", (object)new { text = $"Obstakel {i}: terugmelding zonder reden" })
                : ("steps", new { text = $"Stap {i - obstacles}", ownerId, due });
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tracks/{trackId}/{path}") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            var made = await Json(await http.SendAsync(request));
            version = made.GetProperty("version").GetInt64();
            if (i < obstacles)
            {
                obstacleIds.Add(made.GetProperty("id").GetGuid());
            }
        }

        return new TrackWriter(http, trackId, obstacleIds, version);
    }

    /// <summary>
    /// Sequential single-item updates: each is sent after the previous reply and all its pushes arrived.
    /// Reply: send to HTTP reply read. Fan-out: send to the moment the last watcher had the push.
    /// </summary>
    public static async Task<object> FanOut(TrackWriter writer, IExpecting watchers, int warmUp, int count)
    {
        var reply = new List<double>(count);
        var fanOut = new List<double>(count);
        for (var i = 0; i < warmUp + count; i++)
        {
            var arrived = watchers.Expect(writer.TrackId, writer.Version + 1);
            var start = Stopwatch.GetTimestamp();
            using var response = await writer.Next();
            var replied = Stopwatch.GetTimestamp();
            response.EnsureSuccessStatusCode();
            var last = await arrived.WaitAsync(TimeSpan.FromSeconds(30));
            if (i >= warmUp)
            {
                reply.Add(Stopwatch.GetElapsedTime(start, replied).TotalMilliseconds);
                fanOut.Add(Stopwatch.GetElapsedTime(start, last).TotalMilliseconds);
            }
        }

        return new { watchers = watchers.Count, replyMs = Latency.Of(reply), fanOutMs = Latency.Of(fanOut) };
    }

    /// <summary>Every writer on its own track, as fast as its replies come, for the given time.</summary>
    public static async Task<object> Throughput(IReadOnlyList<TrackWriter> writers, Watchers watchers, TimeSpan duration, string dataDirectory)
    {
        watchers.ResetCounts();
        long commands = 0, refused = 0;
        var (machine0, self0, postgres0) = (MachineCpu(), Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu.Ms(dataDirectory));
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                using var response = await writer.Next();
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref commands : ref refused);
            }
        })));
        var elapsed = watch.Elapsed;
        var (machine1, self1, postgres1) = (MachineCpu(), Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu.Ms(dataDirectory));
        // Commands per second here are bound by the two cores, not by waiting: see how busy the machine was and who used it.
        var busy = machine1.Busy - machine0.Busy;
        var total = machine1.Total - machine0.Total;

        // Every watcher joined every writer's track: each command is one push to each watcher.
        var expected = commands * watchers.Count;
        var drain = Stopwatch.StartNew();
        while (watchers.Delivered < expected && drain.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(10);
        }

        return new
        {
            writers = writers.Count,
            watchers = watchers.Count,
            seconds = Math.Round(elapsed.TotalSeconds, 2),
            commands,
            refused,
            commandsPerSecond = Math.Round(commands / elapsed.TotalSeconds, 1),
            pushesDelivered = watchers.Delivered,
            pushesExpected = expected,
            fewestPerWatcher = watchers.FewestDelivered,
            expectedPerWatcher = watchers.Count == 0 ? 0 : commands,
            drainAfterStopMs = Math.Round(drain.Elapsed.TotalMilliseconds),
            cpu = total == 0 ? null : new
            {
                machineBusyPercent = Math.Round(100.0 * busy / total, 1),
                // The app and its in-process clients; PostgreSQL's own processes; the rest is PostgreSQL, the kernel and anything else running on the machine.
                thisProcessMsPerCommand = Math.Round((self1 - self0).TotalMilliseconds / Math.Max(1, commands + refused), 2),
                postgresMsPerCommand = Math.Round((postgres1 - postgres0) / Math.Max(1, commands + refused), 2),
                restOfMachineMsPerCommand = Math.Round(
                    ((double)busy / total * elapsed.TotalMilliseconds * Environment.ProcessorCount - (self1 - self0).TotalMilliseconds)
                    / Math.Max(1, commands + refused), 2),
            },
        };
    }

    /// <summary>Busy and total jiffies of all cores from /proc/stat (Linux); zeros elsewhere.</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(t => long.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var idle = ticks[3] + ticks[4];
        return (ticks.Sum() - idle, ticks.Sum());
    }

    /// <summary>Opens wall screens in batches, each joined by the secret of its link as the wall page does.</summary>
    public static async Task<List<HubConnection>> OpenWalls(string baseUrl, string token, int count)
    {
        var walls = new List<HubConnection>(count);
        for (var opened = 0; opened < count; opened += 50)
        {
            var batch = Enumerable.Range(0, Math.Min(50, count - opened)).Select(async _ =>
            {
                var hub = Watchers.Connection(baseUrl);
                hub.On<Pushed>("changed", _ => { });
                await hub.StartAsync();
                await hub.InvokeAsync<JsonElement>("JoinWall", token);
                return hub;
            });
            walls.AddRange(await Task.WhenAll(batch));
        }

        return walls;
    }

    /// <summary>
    /// The server's own cost of connected wall screens: the screens run in a child process (this program with
    /// "wall-clients"), so this process holds only the server side. The child reports its own cost too.
    /// </summary>
    public static async Task<object> WallsInChildProcess(string baseUrl, string token, int count)
    {
        var before = MemoryReading.Now();
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in new[] { "wall-clients", baseUrl, token, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var clientSide = await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The wall-clients process said nothing.");
        await Task.Delay(1000);
        var after = MemoryReading.Now();
        await child.StandardInput.WriteLineAsync("done");
        await child.StandardInput.FlushAsync();
        await child.WaitForExitAsync();
        var difference = after.Minus(before);
        return new
        {
            screens = count,
            serverBefore = before,
            serverAfter = after,
            serverPerScreen = difference.Per(count),
            clientProcess = JsonSerializer.Deserialize<JsonElement>(clientSide),
        };
    }

    /// <summary>The child's side: opens the screens, prints its own memory before and after as one JSON line, waits, closes.</summary>
    public static async Task WallClients(string baseUrl, string token, int count)
    {
        var before = MemoryReading.Now();
        var walls = await OpenWalls(baseUrl, token, count);
        await Task.Delay(1000);
        var after = MemoryReading.Now();
        Console.WriteLine(JsonSerializer.Serialize(
            new { before, after, perScreen = after.Minus(before).Per(count) },
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        await Console.In.ReadLineAsync();
        await Task.WhenAll(walls.Select(w => w.DisposeAsync().AsTask()));
    }

    /// <summary>Screens and server in this one process, as the target is stated: both sides counted.</summary>
    public static async Task<object> WallsInProcess(string baseUrl, string token, int count)
    {
        var before = MemoryReading.Now();
        var walls = await OpenWalls(baseUrl, token, count);
        await Task.Delay(1000);
        var after = MemoryReading.Now();
        await Task.WhenAll(walls.Select(w => w.DisposeAsync().AsTask()));
        return new { screens = count, before, after, perScreen = after.Minus(before).Per(count) };
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        }
    }
}
