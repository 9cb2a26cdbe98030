using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Obeya.Bench;
using Obeya.Web;

// Starts Obeya in-process on its embedded default (a fresh data folder, fsync on) and prints figures as JSON.
// Never a test: targets are compared by people, in the README and the issues' closing notes.
if (args is ["wall-clients", var wallUrl, var wallToken, var wallCount])
{
    // The child process of the wall screen memory figure: only clients, no server.
    await LiveBoards.WallClients(wallUrl, wallToken, int.Parse(wallCount, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// stdout carries only the JSON document; logs (the embedded PostgreSQL's own logger writes to the console too) go to stderr.
var stdout = Console.Out;
Console.SetOut(Console.Error);
if (args is ["store-failover"])
{
    stdout.WriteLine(JsonSerializer.Serialize(await StoreFailover.Run(), JsonFigures()));
    return;
}

if (args is ["nodes"] or ["soak", ..])
{
    // Issue 14: nodes as processes behind nginx; this process holds only the clients.
    object severalNodes = args is ["soak", var minutes] ? await SeveralNodes.Soak(int.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture))
        : args is ["soak"] ? await SeveralNodes.Soak(30)
        : await SeveralNodes.Figures();
    stdout.WriteLine(JsonSerializer.Serialize(severalNodes, JsonFigures()));
    return;
}

var dataDirectory = Path.Combine(Path.GetTempPath(), "obeya-bench", Guid.NewGuid().ToString("N")[..12], "pg");
var startWatch = Stopwatch.StartNew();
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = ["--urls", "http://127.0.0.1:0", "--Obeya:DataDirectory", dataDirectory, "--Obeya:Demo", "false", "--Logging:LogLevel:Default", "Warning"],
    ApplicationName = "Obeya.Web",
});
builder.AddObeya();
await using var app = builder.Build();
app.MapObeya();
await app.StartAsync();
var firstStart = startWatch.Elapsed;

var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
// Signed in as a beheerder who is also on the bench team: the same checks as every real request.
var (http, cookie) = await Workloads.SignedIn(app.Services, baseUrl);
using var signedInHttp = http;
var store = app.Services.GetRequiredService<IDocumentStore>();
var clock = app.Services.GetRequiredService<IClock>();

var team = await (await http.PostAsJsonAsync("/api/v1/teams", new { name = "Bench" })).Content.ReadFromJsonAsync<JsonElement>();
var teamId = team.GetProperty("id").GetGuid();
(await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/members", new { name = "Emmy", email = Workloads.BenchEmail })).EnsureSuccessStatusCode();
if (args is ["audit"])
{
    // The audit trail's first page for a team of 20 half-year tracks (2,000 events each) and 200 sessions.
    for (var i = 0; i < 20; i++)
    {
        await Workloads.GrowTrack(app.Services.GetRequiredService<IDocumentStore>(), app.Services.GetRequiredService<IClock>(), await StartTrack(http, teamId, $"Spoor {i}"), targetEventCount: 2000);
    }

    // 200 sessions of the team, written as the decisions would (started, ended).
    await using (var sessions = app.Services.GetRequiredService<IDocumentStore>().LightweightSession())
    {
        var now = app.Services.GetRequiredService<IClock>().GetCurrentInstant();
        for (var i = 0; i < 200; i++)
        {
            var id = Guid.CreateVersion7();
            var at = now - Duration.FromDays(200 - i);
            sessions.Events.StartStream<Obeya.Domain.Sessions.Session>(
                id, new Obeya.Domain.Sessions.SessionStarted(id, teamId, null, 30, "bench", at), new Obeya.Domain.Sessions.SessionEnded(id, teamId, "bench", at + Duration.FromMinutes(25)));
        }

        await sessions.SaveChangesAsync();
    }

    stdout.WriteLine(JsonSerializer.Serialize(new
    {
        tracks = 20, eventsPerTrack = 2000, sessions = 200,
        firstPage = await Workloads.TimeGets(http, $"/api/v1/teams/{teamId}/audit?limit=50", warmUp: 20, count: 200),
        filteredByBoard = await Workloads.TimeGets(http, $"/api/v1/teams/{teamId}/audit?limit=50&board=Spoor%207", warmUp: 20, count: 200),
    }, JsonFigures()));
    await app.StopAsync();
    Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);
    return;
}

if (args is ["processes"])
{
    // Issue 13's figures alone: the catalogue, a theme's chart, a tally import, a map drawn on the server.
    stdout.WriteLine(JsonSerializer.Serialize(await ProcessesAndSignals.Figures(app.Services, http, teamId), JsonFigures()));
    await app.StopAsync();
    Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);
    return;
}

var newTrack = await StartTrack(http, teamId, "Nieuw");
var bigTrack = await StartTrack(http, teamId, "Half jaar");
var bigTrackEvents = await Workloads.GrowTrack(store, clock, bigTrack, targetEventCount: 2000);
var emmy = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{teamId}")).GetProperty("members")[0].GetProperty("id").GetGuid();
var json = JsonFigures();
if (args is ["profile"])
{
    stdout.WriteLine(JsonSerializer.Serialize(await ProfileFigures(), json));
    await app.StopAsync();
    Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);
    return;
}

var loadBefore = LoadAverage();

var figures = new
{
    machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
    startupOnEmbeddedDefaultMs = Math.Round(firstStart.TotalMilliseconds),
    storyboardLoad = new
    {
        newTrack = await Workloads.TimeGets(http, $"/api/v1/tracks/{newTrack}", warmUp: 20, count: 300),
        track2000Events = new
        {
            events = bigTrackEvents,
            documentBytes = (await http.GetByteArrayAsync($"/api/v1/tracks/{bigTrack}")).Length,
            latency = await Workloads.TimeGets(http, $"/api/v1/tracks/{bigTrack}", warmUp: 20, count: 300),
        },
    },
    // The tactical board's read: the programme and its linked tracks in one round trip, rolled up (GET over HTTP).
    tacticalBoard = new
    {
        demoSize = await TacticalBoard(3, 8, 12),
        tenTimes = await TacticalBoard(30, 80, 120),
    },
    cadenceHealth = await CadenceHealthFigures(),
    liveBoards = await LiveBoardFigures(),
    // Other work on the machine shows in the tails: the 1-minute load average when the run began and ended.
    loadAverage = new { before = loadBefore, after = LoadAverage() },
};
stdout.WriteLine(JsonSerializer.Serialize(figures, json));
await app.StopAsync();
Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);

async Task<object> TacticalBoard(int transitionGoals, int tacticalGoals, int tracks)
{
    var programmeId = await ObeyaRoom.Create(store, clock, teamId, transitionGoals, tacticalGoals, tracks);
    var path = $"/api/v1/programmes/{programmeId}";
    return new
    {
        transitionGoals, tacticalGoals, tracks,
        responseBytes = (await http.GetByteArrayAsync(path)).Length,
        latency = await Workloads.TimeGets(http, path, warmUp: 20, count: 300),
    };
}

async Task<object> CadenceHealthFigures()
{
    // A year of a team's stand-ups, read back as its cadence health over that year (GET over HTTP).
    var year = await Rhythm.YearOfStandUps(store, clock);
    var today = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).Date;
    var path = $"/api/v1/teams/{year}/cadence-health?from={today.PlusDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
    var answer = await http.GetFromJsonAsync<JsonElement>(path);
    return new
    {
        plannedSessions = answer.GetProperty("sessions").GetProperty("planned").GetInt32(),
        heldSessions = answer.GetProperty("sessions").GetProperty("held").GetInt32(),
        oneYear = await Workloads.TimeGets(http, path, warmUp: 20, count: 200),
        habitCalendar = await Workloads.TimeGets(http, $"/api/v1/teams/{year}/cadence-health", warmUp: 20, count: 200),
        calendarFeed = await CalendarFeedFigures(year),
        programmeOverview = await ProgrammeOverviewFigures(50),
        import = await ImportFigures(10_000),
    };
}

async Task<object> CalendarFeedFigures(Guid yearTeam)
{
    // The team's stand-ups as a calendar client fetches them (anonymous, by the secret link).
    var feed = await (await http.PostAsJsonAsync($"/api/v1/teams/{yearTeam}/calendar-feeds", new { })).Content.ReadFromJsonAsync<JsonElement>();
    var path = feed.GetProperty("path").GetString()!;
    using var outlook = new HttpClient { BaseAddress = new Uri(baseUrl) };
    return new
    {
        responseBytes = (await outlook.GetByteArrayAsync(path)).Length,
        latency = await Workloads.TimeGets(outlook, path, warmUp: 20, count: 200),
    };
}

async Task<object> ProgrammeOverviewFigures(int teams)
{
    // Fifty teams with a year of stand-ups each, one track each in one programme: its rhythm overview and its roll-up.
    var write = Stopwatch.StartNew();
    var teamIds = new List<Guid>();
    for (var i = 0; i < teams; i++)
    {
        teamIds.Add(await Rhythm.YearOfStandUps(store, clock, $"Team {i + 1}"));
    }

    var programmeId = await Rhythm.ProgrammeOf(store, clock, teamIds);
    var written = write.Elapsed;
    return new
    {
        teams,
        sessionsStored = teams * (await http.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{teamIds[0]}/cadence-health?from={clock.GetCurrentInstant().InUtc().Date.PlusDays(-364):yyyy-MM-dd}"))
            .GetProperty("sessions").GetProperty("held").GetInt32(),
        secondsToWrite = Math.Round(written.TotalSeconds, 1),
        overview = await Workloads.TimeGets(http, $"/api/v1/programmes/{programmeId}/rhythm", warmUp: 20, count: 200),
        rollUp = await Workloads.TimeGets(http, $"/api/v1/programmes/{programmeId}", warmUp: 20, count: 200),
    };
}

async Task<object> ImportFigures(int rows)
{
    // A metric's history as a Dutch CSV file: one import (POST text/csv), three times on three new metrics.
    // Daily from the first day a board may name: ten thousand rows reach into 2027.
    var start = Obeya.Domain.Bounds.EarliestDate;
    var text = "datum;waarde;notitie\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{start.PlusDays(i):dd-MM-yyyy};{40 + i % 20},5;\n"));
    var runs = new List<double>();
    for (var run = 0; run < 3; run++)
    {
        var track = await StartTrack(http, teamId, $"Import {run}");
        var defined = await Send(HttpMethod.Post, $"/api/v1/tracks/{track}/metrics", 1, JsonContent.Create(new { name = "Doorlooptijd", unit = "dagen", direction = "lower", target = 5 }));
        var metric = (await defined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var watch = Stopwatch.StartNew();
        var imported = await Send(HttpMethod.Post, $"/api/v1/tracks/{track}/metrics/{metric}/measurements/import", long.Parse(defined.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture),
            new StringContent(text, System.Text.Encoding.UTF8, "text/csv"));
        watch.Stop();
        imported.EnsureSuccessStatusCode();
        runs.Add(Math.Round(watch.Elapsed.TotalMilliseconds));
    }

    return new { rows, bytes = text.Length, msPerImport = runs };
}

async Task<HttpResponseMessage> Send(HttpMethod method, string path, long version, HttpContent content)
{
    using var request = new HttpRequestMessage(method, path) { Content = content };
    request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
    var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return response;
}

async Task<object> LiveBoardFigures()
{
    // One board of 100 items (50 obstacles, 50 small steps); K watchers join it as the storyboard screen does.
    var board = await LiveBoards.Board(http, teamId, emmy, "Honderd kaarten", obstacles: 50, steps: 50);
    // Screens (storyboards in Blazor circuits) hear a change in-process, from the after-commit feed.
    var screenFanOut = new List<object>();
    using (var screens = new ScreenWatchers(app.Services.GetRequiredService<Obeya.Web.Live.LiveFeed>()))
    {
        foreach (var k in new[] { 1, 10, 100 })
        {
            screens.GrowTo(k, $"track:{board.TrackId}");
            screenFanOut.Add(await LiveBoards.FanOut(board, screens, warmUp: 20, count: 500));
        }
    }

    // Browsers' wall screens and API clients hear it over SignalR.
    var fanOut = new List<object>();
    await using (var watchers = new Watchers(baseUrl, cookie))
    {
        foreach (var k in new[] { 1, 10, 100 })
        {
            await watchers.GrowTo(k, [$"track:{board.TrackId}"]);
            fanOut.Add(await LiveBoards.FanOut(board, watchers, warmUp: 20, count: 500));
        }
    }

    // Eight writers, each on its own track of four obstacles, so their versions never collide.
    var writers = new List<TrackWriter>();
    for (var i = 0; i < 8; i++)
    {
        writers.Add(await LiveBoards.Board(http, teamId, emmy, $"Schrijver {i}", obstacles: 4, steps: 0));
    }

    var throughput = new List<object>();
    foreach (var k in new[] { 0, 10 })
    {
        await using var watchers = new Watchers(baseUrl, cookie);
        await watchers.GrowTo(k, [.. writers.Select(w => $"track:{w.TrackId}")]);
        throughput.Add(await LiveBoards.Throughput(writers, watchers, TimeSpan.FromSeconds(20), dataDirectory));
    }

    var wall = await (await http.PostAsJsonAsync(
        $"/api/v1/teams/{teamId}/wall-screens", new { name = "Teamruimte", trackIds = new[] { board.TrackId }, rotateSeconds = (int?)null }))
        .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    var token = wall.GetProperty("token").GetString()!;

    return new
    {
        setup = "fan-out: 1 track of 50 obstacles + 50 small steps, 20 warm-up + 500 sequential updates per K alternating rephrase and "
            + "focus in/out over HTTP with If-Match; screenFanOut: K screens watching track:{id} on the in-process feed, as Blazor circuits do; "
            + "fanOut: K SignalR clients in this process (WebSockets, no negotiation) joined to track:{id}, as wall screens and API clients do, "
            + "reading Board, Sequence, StreamId and Version of each push with the app's JSON options; throughput: 8 writers each on its own "
            + "track, the 10 SignalR watchers each joined to all 8 tracks",
        gc = GCSettings.IsServerGC ? "server" : "workstation",
        screenFanOut,
        fanOut,
        throughput,
        wallScreens = new
        {
            serverOnly = await LiveBoards.WallsInChildProcess(baseUrl, token, 500),
            clientsAndServerInOneProcess = await LiveBoards.WallsInProcess(baseUrl, token, 500),
        },
        targets = new
        {
            fanOutAtK100 = "p50 <= 5 ms, p99 <= 12 ms",
            throughput = ">= 400 commands/s with 8 writers, every push delivered",
            storyboardLoad2000Events = "< 20 ms",
            wallScreen = "< 2 MB per connected screen",
        },
    };
}

async Task<object> ProfileFigures()
{
    // One writer on the bench's board of 100 items; the floors use the same server and the same kind of watchers.
    var board = await LiveBoards.Board(http, teamId, emmy, "Profiel", obstacles: 50, steps: 50);
    var postgres = app.Services.GetRequiredService<Obeya.EmbeddedPostgres.EmbeddedPostgresServer>();
    await using var watchers = new Watchers(baseUrl, cookie);
    var perK = new List<object>();
    foreach (var k in new[] { 1, 100 })
    {
        await watchers.GrowTo(k, [$"track:{board.TrackId}"]);
        await LiveBoards.FanOut(board, watchers, warmUp: 50, count: 1);
        perK.Add(new { watchers = k, write = await Profile.RoundTrips(board, watchers, 300), signalROnly = await Profile.SignalRFloor(app.Services, watchers, $"track:{board.TrackId}", 300) });
    }

    var writers = new List<TrackWriter>();
    for (var i = 0; i < 8; i++)
    {
        writers.Add(await LiveBoards.Board(http, teamId, emmy, $"Profielschrijver {i}", obstacles: 4, steps: 0));
    }

    await using var none = new Watchers(baseUrl, cookie);
    var throughput = await LiveBoards.Throughput(writers, none, TimeSpan.FromSeconds(10), dataDirectory);
    return new
    {
        loadAverage = LoadAverage(),
        perK,
        throughput,
        boardJson = await Profile.BoardJson(store, board.TrackId, 300),
        insertCommitFloor = await Profile.InsertCommitFloor(postgres.ConnectionString, 300),
        serverSide = await Profile.ServerSide(postgres, postgres.LogFile, board, teamId, 3),
    };
}

static double LoadAverage() =>
    File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : 0;

static JsonSerializerOptions JsonFigures() =>
    new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

static async Task<Guid> StartTrack(HttpClient http, Guid teamId, string title)
{
    var response = await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new { title, challenge = "Over een jaar helpt elk klantgesprek" });
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
