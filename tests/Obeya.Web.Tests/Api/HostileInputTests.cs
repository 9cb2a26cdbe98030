using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Web.Access;
using Obeya.Web.Tests.Access;
using Xunit.Abstractions;

namespace Obeya.Web.Tests.Api;

/// <summary>The two teams and everyone of <see cref="TwoTeams"/>, set up once for the class, and a fresh world on request.</summary>
public sealed class HostileApp : TwoTeams
{
    private readonly Lazy<Task> ready;
    private int worlds;

    public HostileApp() => ready = new(SetUp);

    public Task Ready() => ready.Value;

    public int Worlds => worlds;

    public World NewWorld() => new(this, Interlocked.Increment(ref worlds));
}

/// <summary>
/// Driven by /openapi/v1.json, so a new endpoint is covered without a new test: every write operation, called by
/// someone its rule allows, on real things: one thing wrong at a time, then the valid request (it must be accepted),
/// then what a client may legitimately send (a property the schema leaves optional, an optional text left blank),
/// which must be accepted too. Each wrong request answers 4xx application/problem+json naming what was wrong and
/// stores nothing; afterwards every board of the world opens, in the API and on its screen.
/// </summary>
public class HostileInputTests(HostileApp app, ITestOutputHelper output) : IClassFixture<HostileApp>, IAsyncLifetime
{
    private static readonly int[] Refused = [400, 404, 409, 422];

    /// <summary>What a route parameter names: the world's thing of that kind.</summary>
    private static readonly Dictionary<string, string> RouteThings = new()
    {
        ["teamId"] = "team",
        ["trackId"] = "track",
        ["metricId"] = "metric",
        ["measurementId"] = "measurement",
        ["conditionId"] = "condition",
        ["targetConditionId"] = "condition",
        ["obstacleId"] = "obstacle",
        ["experimentId"] = "experiment",
        ["stepId"] = "step",
        ["sessionId"] = "session",
        ["wallScreenId"] = "wall screen",
        ["programmeId"] = "programme",
        ["goalId"] = "tactical goal",
        ["tacticalGoalId"] = "tactical goal",
        ["impedimentId"] = "impediment",
        ["accountId"] = "account",
        // Someone who may leave: no step of the world is theirs unless the operation names one.
        ["memberId"] = "colleague",
        ["coachId"] = "coach",
        ["cancellationId"] = "cancellation",
        ["calendarFeedId"] = "calendar feed",
        ["myCalendarFeedId"] = "my calendar feed",
        ["processId"] = "process",
        ["mapId"] = "map",
        ["linkedTrackId"] = "linked track",
        ["themeId"] = "signal theme",
        ["signalId"] = "signal",
    };

    /// <summary>What an operation needs beyond the things its route and body name, for its valid request to be accepted.</summary>
    private static readonly Dictionary<string, string[]> Given = new()
    {
        ["DELETE /api/v1/tracks/{trackId}/obstacles/{obstacleId}/focus"] = ["focused"],
        ["POST /api/v1/tracks/{trackId}/obstacles/{obstacleId}/reopened"] = ["closed obstacle"],
        ["POST /api/v1/tracks/{trackId}/experiments"] = ["focused"],
        ["POST /api/v1/sessions/{sessionId}/end"] = ["present"],
        ["POST /api/v1/accounts/{accountId}/unlock"] = ["failed sign-in"],
        ["POST /api/v1/signal-themes/import"] = ["signal theme"],
        ["POST /api/v1/processes/import"] = ["team"],
    };

    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly List<string> failures = [];
    private int requests;
    private readonly Stopwatch building = new(), opening = new(), rendering = new();

    public Task InitializeAsync() => app.Ready();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task every_write_operation_refuses_hostile_input_by_name_stores_nothing_and_every_board_still_opens()
    {
        var clock = Stopwatch.StartNew();
        // Client and server share this process: its processor time is the test's cost whatever else the machine runs.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var operations = (await Operations()).Where(o => o.Writes && o.Path.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        operations.Should().HaveCountGreaterThan(40, "the document describes the API's writes");

        foreach (var operation in operations)
        {
            var started = clock.Elapsed;
            var sent = requests;
            await Attack(operation);
            output.WriteLine($"{operation.Key}: {requests - sent} requests, {(clock.Elapsed - started).TotalSeconds:0.00} s");
        }

        await EveryBoardOpens();
        output.WriteLine($"{operations.Count} write operations, {requests} requests, {app.Worlds} worlds, {clock.Elapsed.TotalSeconds:0.0} s, " +
            $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s processor time " +
            $"(making worlds {building.Elapsed.TotalSeconds:0.0} s, opening boards {opening.Elapsed.TotalSeconds:0.0} s of which screens {rendering.Elapsed.TotalSeconds:0.0} s)");
        failures.Should().BeEmpty($"every hostile request answers 4xx problem+json naming the field and stores nothing:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public async Task every_read_operation_answers_hostile_query_values_with_200_or_a_problem()
    {
        var clock = Stopwatch.StartNew();
        var world = app.NewWorld();
        var reads = (await Operations()).Where(o => o.Method == "GET" && o.Path.StartsWith("/api/v1/", StringComparison.Ordinal) && o.QueryParameters.Count > 0).ToList();
        reads.Should().Contain(o => o.QueryParameters.Contains("asOf")).And.Contain(o => o.QueryParameters.Contains("limit"));

        foreach (var operation in reads)
        {
            var caller = CallerOf(operation);
            var path = await PathOf(operation, world);
            foreach (var query in operation.QueryParameters)
            {
                foreach (var (what, encoded) in HostileQueryValues)
                {
                    var response = await Client(caller).GetAsync($"{path}?{query}={encoded}");
                    requests++;
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsStringAsync();
                    if (status == 200)
                    {
                        continue;
                    }

                    var problem = ProblemOf(response, body);
                    if (status >= 500 || status < 400 || problem is null || (status == 400 && !Names(problem.Value, query)))
                    {
                        failures.Add($"{operation.Key} ?{query}= {what}: {status} {Short(body)}");
                    }
                }
            }
        }

        output.WriteLine($"{reads.Count} read operations with query values, {requests} requests, {clock.Elapsed.TotalSeconds:0.0} s");
        failures.Should().BeEmpty($"a read answers 200 or a problem naming the query value, never 500:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public async Task the_document_describes_every_write_endpoint_of_the_route_table()
    {
        var described = (await Operations()).Where(o => o.Writes).Select(o => o.Key).ToHashSet();

        var routed = WriteEndpoints().Select(e => e.Key).ToList();

        routed.Should().NotBeEmpty().And.OnlyContain(key => described.Contains(key), "an endpoint left out of /openapi/v1.json would escape the hostile test");
    }

    /// <summary>One operation: hostile variants on one world, then the valid request there, then each acceptable variant.</summary>
    private async Task Attack(Operation operation)
    {
        string caller;
        try
        {
            caller = CallerOf(operation);
        }
        catch (InvalidOperationException e)
        {
            failures.Add($"{operation.Key}: {e.Message}");
            return;
        }

        var taken = Guid.Empty;
        var variants = Variants(operation, () => taken.ToString()).ToList();
        var world = app.NewWorld();
        var worlds = new List<World> { world };
        Spec valid;
        try
        {
            valid = await Build(operation, caller, world);
        }
        catch (InvalidOperationException e)
        {
            failures.Add($"{operation.Key}: {e.Message}");
            return;
        }

        taken = valid.Taken;
        var stored = await app.EventCount();
        foreach (var variant in variants.Where(v => !v.Accepted))
        {
            var (status, body, problem) = await Send(variant.Change(valid));
            var now = await app.EventCount();
            if (status is >= 200 and < 300)
            {
                failures.Add($"{operation.Key} {variant.Name}: accepted ({status}) {Short(body)}");
                // Whatever it changed, the rest meet a world as it was; this one's boards are opened too.
                world = app.NewWorld();
                worlds.Add(world);
                valid = await Build(operation, caller, world);
                taken = valid.Taken;
                now = await app.EventCount();
            }
            else
            {
                if (now != stored)
                {
                    failures.Add($"{operation.Key} {variant.Name}: refused with {status} but stored {now - stored} events");
                }

                Check(operation, variant, status, body, problem);
            }

            stored = now;
        }

        var (validStatus, validBody, _) = await Send(valid, world);
        if (validStatus is < 200 or >= 300)
        {
            failures.Add($"{operation.Key} the valid request: {validStatus} {Short(validBody)}");
        }

        // What a client may send is sent on the world as the valid request left it; where that state is in the way
        // (409: the condition is already set, the step already dropped), in a world of its own.
        foreach (var variant in variants.Where(v => v.Accepted))
        {
            var (status, body, _) = await Send(variant.Change(await Build(operation, caller, world)), world);
            if (status == 409)
            {
                var own = app.NewWorld();
                worlds.Add(own);
                (status, body, _) = await Send(variant.Change(await Build(operation, caller, own)), own);
            }

            if (status is < 200 or >= 300)
            {
                failures.Add($"{operation.Key} {variant.Name}: refused with {status}, though a client may send it: {Short(body)}");
            }
        }

        foreach (var touched in worlds)
        {
            await BoardsOpen(operation, touched);
        }
    }

    private void Check(Operation operation, Variant variant, int status, string body, JsonElement? problem)
    {
        if (!variant.Statuses.Contains(status))
        {
            failures.Add($"{operation.Key} {variant.Name}: {status} instead of {string.Join("/", variant.Statuses)} {Short(body)}");
        }
        else if (problem is null)
        {
            failures.Add($"{operation.Key} {variant.Name}: {status} without application/problem+json {Short(body)}");
        }
        else if (variant.Field is { } field && !Names(problem.Value, field))
        {
            failures.Add($"{operation.Key} {variant.Name}: {status} does not name '{field}' {Short(body)}");
        }
        else if (!problem.Value.TryGetProperty("detail", out var detail) || string.IsNullOrWhiteSpace(detail.GetString()))
        {
            failures.Add($"{operation.Key} {variant.Name}: {status} without a message for the screen {Short(body)}");
        }
    }

    /// <summary>A request as sent: who, where (real ids), what, with which headers.</summary>
    private sealed record Spec(
        Operation Operation, string Caller, IReadOnlyDictionary<string, Guid> Route, JsonNode? Body, Guid Taken,
        string? Text = null, string? ContentType = "application/json", string? IfMatch = null, string? Origin = null);

    private sealed record Variant(string Name, bool Accepted, int[] Statuses, string? Field, Func<Spec, Spec> Change);

    /// <summary>The valid request of an operation in a world: its route's things, what it needs, a body of real ids, the current version.</summary>
    private async Task<Spec> Build(Operation operation, string caller, World world)
    {
        building.Start();
        try
        {
            return await BuildIn(operation, caller, world);
        }
        finally
        {
            building.Stop();
        }
    }

    private static async Task<Spec> BuildIn(Operation operation, string caller, World world)
    {
        var route = new Dictionary<string, Guid>();
        foreach (var parameter in operation.RouteParameters)
        {
            route[parameter] = await world.Id(RouteThings.GetValueOrDefault(parameter)
                ?? throw new InvalidOperationException($"no real thing for the route parameter '{parameter}': add it to {nameof(RouteThings)}"));
        }

        foreach (var thing in Given.GetValueOrDefault(operation.Key, []))
        {
            await world.Id(thing);
        }

        var body = operation.Body is { } schema ? await Bodies.Valid(schema, "", "", world) : null;
        // Asked last: making what the body names may have moved the board's version on.
        var versioned = Versioned(operation);
        var ifMatch = versioned is { } stream ? $"\"{await world.VersionOf(stream.Kind, route[stream.Parameter])}\"" : null;
        var taken = operation.RouteParameters.Count > 0 ? route[operation.RouteParameters[^1]] : Guid.Empty;
        return operation.TakesCsv
            ? new Spec(operation, caller, route, null, taken, Text: ValidCsvFor(operation, world), ContentType: "text/csv", IfMatch: ifMatch)
            : new Spec(operation, caller, route, body, taken, IfMatch: ifMatch);
    }

    /// <summary>
    /// A file an import takes: Dutch, with a header; measurements on dates no world has measured, tallies of the world's
    /// signal theme, or a new process of the world's team.
    /// </summary>
    private static string ValidCsvFor(Operation operation, World world) => operation.Path switch
    {
        "/api/v1/signal-themes/import" => $"datum;kanaal;thema;aantal\n02-11-2026;telefoon;{world.ThemeName};38\n03-11-2026;web;{world.ThemeName};4\n",
        "/api/v1/processes/import" => $"naam;team;klant\nProces uit de lijst {Guid.NewGuid():N};{world.TeamName};Inwoner\n",
        _ => "datum;waarde\n02-11-2026;41,5\n09-11-2026;43\n",
    };

    /// <summary>Changes to a track or a session name the version they read (the README's "Versions").</summary>
    private static (string Kind, string Parameter)? Versioned(Operation operation) =>
        operation.RouteParameters.Contains("sessionId") ? ("session", "sessionId")
        : operation.RouteParameters.Contains("trackId") ? ("track", "trackId")
        : null;

    private IEnumerable<Variant> Variants(Operation operation, Func<string> taken)
    {
        if (operation.Body is { } schema)
        {
            foreach (var spoil in Bodies.Spoils(schema, taken: () => taken() == Guid.Empty.ToString() ? app.TeamA.ToString() : taken()))
            {
                yield return new Variant($"{spoil.Path}: {spoil.What}", spoil.Accepted, Refused, spoil.Path, s => s with { Body = Bodies.Apply(s.Body!, spoil) });
            }

            var optional = !operation.BodyRequired;
            yield return new Variant("a body that is not JSON", false, [400], "body", s => s with { Text = "dit is geen JSON{" });
            yield return new Variant("the body null", optional, [400], "body", s => s with { Text = "null" });
            yield return new Variant("an empty body", optional, [400], "body", s => s with { Text = "" });
            yield return new Variant("an array for the body", false, [400], "body", s => s with { Text = "[]" });
            yield return new Variant("JSON nested 1000 deep", false, [400], "body", s => s with { Text = new string('[', 1000) + new string(']', 1000) });
            yield return new Variant("Content-Type text/plain", false, [415], "Content-Type", s => s with { ContentType = "text/plain" });
            yield return new Variant("a form post", false, [415], "Content-Type",
                s => s with { Text = "name=Iets", ContentType = "application/x-www-form-urlencoded" });
            yield return new Variant("no Content-Type", false, [415], "Content-Type", s => s with { ContentType = null });
        }
        else if (operation.TakesCsv)
        {
            // A file is read as a whole: every unreadable row named, nothing stored; JSON is not a file.
            yield return new Variant("a row it cannot read", false, [422], "file", s => s with { Text = "datum;waarde\n02-11-2026;veertig\n" });
            yield return new Variant("an empty file", false, [400], "file", s => s with { Text = "" });
            yield return new Variant("a NUL in a note", false, [422], "file", s => s with { Text = "02-11-2026;41;a\u0000b\n" });
            yield return new Variant("a BSN in a note", false, [422], "file", s => s with { Text = "02-11-2026;41;BSN 111222333\n" });
            yield return new Variant("a date in the year -1", false, [422], "file", s => s with { Text = "-0001-01-01;41\n" });
            yield return new Variant("JSON instead of a file", false, [415], "Content-Type", s => s with { Text = "{}", ContentType = "application/json" });
            yield return new Variant("no Content-Type", false, [415], "Content-Type", s => s with { ContentType = null });
        }
        else
        {
            // A body the operation does not read changes nothing about it; another site is kept out by its Origin.
            yield return new Variant("a text body it does not read", true, [], null, s => s with { Text = "geen JSON", ContentType = "text/plain" });
        }

        yield return new Variant("a foreign Origin", false, [403], "Origin", s => s with { Origin = "https://evil.example" });
        yield return new Variant("Origin null", false, [403], "Origin", s => s with { Origin = "null" });
        foreach (var parameter in operation.RouteParameters)
        {
            yield return new Variant($"the all-zero {parameter}", false, [404], parameter,
                s => s with { Route = new Dictionary<string, Guid>(s.Route) { [parameter] = Guid.Empty } });
            yield return new Variant($"an unknown {parameter}", false, [404], parameter,
                s => s with { Route = new Dictionary<string, Guid>(s.Route) { [parameter] = Guid.NewGuid() } });
        }

        if (Versioned(operation) is not null)
        {
            yield return new Variant("no If-Match", false, [428], "If-Match", s => s with { IfMatch = null });
            yield return new Variant("a stale If-Match", false, [412], "If-Match",
                s => s with { IfMatch = $"\"{long.Parse(s.IfMatch!.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) + 1000}\"" });
            yield return new Variant("If-Match not a version", false, [400], "If-Match", s => s with { IfMatch = "\"abc\"" });
            yield return new Variant("If-Match past a long", false, [400], "If-Match", s => s with { IfMatch = "\"99999999999999999999\"" });
            yield return new Variant("If-Match *", false, [400, 428], "If-Match", s => s with { IfMatch = "*" });
        }
    }

    private async Task<(int Status, string Body, JsonElement? Problem)> Send(Spec spec, World? world = null)
    {
        var path = Regex.Replace(spec.Operation.Path, @"\{(\w+)\}", m => spec.Route[m.Groups[1].Value].ToString());
        using var request = new HttpRequestMessage(new HttpMethod(spec.Operation.Method), path);
        var text = spec.Text ?? (spec.Body is { } body ? Bodies.Serialize(body) : null);
        if (text is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            if (spec.ContentType is { } type)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type.Contains('/') && type != "application/x-www-form-urlencoded" ? $"{type}; charset=utf-8" : type);
            }
        }

        if (spec.IfMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", version);
        }

        if (spec.Origin is { } origin)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        var response = await Client(spec.Caller).SendAsync(request);
        requests++;
        var answer = await response.Content.ReadAsStringAsync();
        if (world is not null && response.IsSuccessStatusCode && response.Headers.Location is { } location)
        {
            world.Created.Add(location.ToString());
        }

        return ((int)response.StatusCode, answer, ProblemOf(response, answer));
    }

    /// <summary>Everything of the world opens: its team, boards, session and programme in the API and on their screens.</summary>
    private async Task BoardsOpen(Operation operation, World world)
    {
        opening.Start();
        var reads = new List<(string Person, string Path, bool Page)>();
        if (world.Has("team"))
        {
            var team = await world.Id("team");
            reads.AddRange([
                ("Teamlid A", $"/api/v1/teams/{team}", false), ("Teamlid A", $"/api/v1/teams/{team}/audit", false),
                ("Teamlid A", $"/teams/{team}", true)]);
            if (world.Has("session"))
            {
                reads.AddRange([("Teamlid A", $"/api/v1/sessions/{await world.Id("session")}", false), ("Coach A", $"/teams/{team}/standup", true)]);
            }
        }

        if (world.Has("track"))
        {
            var track = await world.Id("track");
            reads.AddRange([
                ("Teamlid A", $"/api/v1/tracks/{track}", false), ("Teamlid A", $"/api/v1/tracks/{track}?asOf=2026-11-23", false),
                ("Teamlid A", $"/api/v1/tracks/{track}/history", false), ("Teamlid A", $"/tracks/{track}", true)]);
        }

        if (world.Has("programme"))
        {
            var programme = await world.Id("programme");
            reads.AddRange([
                ("Directeur", $"/api/v1/programmes/{programme}", false), ("Directeur", $"/obeya/{programme}", true),
                ("Directeur", $"/obeya/{programme}/belemmeringen", true), ("Directeur", $"/obeya/{programme}/afhankelijkheden", true)]);
            if (world.Has("transition goal"))
            {
                reads.Add(("Directeur", $"/obeya/{programme}/transitiedoelen/{await world.Id("transition goal")}", true));
            }
        }

        if (world.Has("account"))
        {
            reads.AddRange([("Beheerder", "/api/v1/accounts", false), ("Beheerder", "/beheer", true)]);
        }

        // What the operation itself made, where the API can show it (a team, track, session or programme).
        reads.AddRange(world.Created.Where(l => Regex.IsMatch(l, @"^/api/v1/(teams|tracks|sessions|programmes)/[0-9a-f-]{36}$"))
            .Select(l => ("Beheerder", l, false)));

        foreach (var (person, path, page) in reads)
        {
            if (page)
            {
                rendering.Start();
            }

            var response = await Client(person).GetAsync(path);
            rendering.Stop();
            requests++;
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 200 || (page && body.Contains("Geen toegang", StringComparison.Ordinal)))
            {
                failures.Add($"after {operation.Key} (world {world.Number}): {path} answers {(int)response.StatusCode} {Short(body)}");
            }
            else if (!page && response.Content.Headers.ContentType?.MediaType == "application/json" && Unshowable(JsonNode.Parse(body)) is { } bad)
            {
                failures.Add($"after {operation.Key} (world {world.Number}): {path} holds a text no screen can show: {JsonSerializer.Serialize(bad)}");
            }
        }

        opening.Stop();
    }

    /// <summary>After every operation: every team, its boards, sessions and audit, and every programme, still opens.</summary>
    private async Task EveryBoardOpens()
    {
        var beheerder = Client("Beheerder");
        var paths = new List<string>();
        foreach (var team in (await (await beheerder.GetAsync("/api/v1/teams")).Json<JsonElement>()).EnumerateArray().Select(t => t.GetProperty("id").GetGuid()))
        {
            paths.AddRange([$"/api/v1/teams/{team}", $"/api/v1/teams/{team}/audit"]);
            paths.AddRange((await (await beheerder.GetAsync($"/api/v1/teams/{team}/tracks")).Json<JsonElement>()).EnumerateArray()
                .SelectMany(t => new[] { $"/api/v1/tracks/{t.GetProperty("id").GetGuid()}", $"/api/v1/tracks/{t.GetProperty("id").GetGuid()}?asOf=2026-11-23" }));
            paths.AddRange((await (await beheerder.GetAsync($"/api/v1/teams/{team}/sessions")).Json<JsonElement>()).EnumerateArray()
                .Select(s => $"/api/v1/sessions/{s.GetProperty("id").GetGuid()}"));
        }

        paths.AddRange((await (await beheerder.GetAsync("/api/v1/programmes")).Json<JsonElement>()).EnumerateArray()
            .Select(p => $"/api/v1/programmes/{p.GetProperty("id").GetGuid()}"));
        paths.AddRange([$"/tracks/{app.TrackA}", $"/teams/{app.TeamA}"]);
        foreach (var path in paths)
        {
            var response = await (path.StartsWith("/api/", StringComparison.Ordinal) ? beheerder : Client("Teamlid A")).GetAsync(path);
            requests++;
            if ((int)response.StatusCode != 200)
            {
                failures.Add($"in the end: {path} answers {(int)response.StatusCode} {Short(await response.Content.ReadAsStringAsync())}");
            }
        }
    }

    /// <summary>The first text in a stored document that holds what the hostile test sent and no screen can show.</summary>
    private static string? Unshowable(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => Unshowable(p.Value)).FirstOrDefault(t => t is not null),
        JsonArray a => a.Select(Unshowable).FirstOrDefault(t => t is not null),
        JsonValue v when v.TryGetValue<string>(out var text) =>
            text.Any(c => c is '\u0000' or '\u0001' or '\u001b' or '\u200b' || char.IsSurrogate(c)) || (text.Length > 0 && text.All(char.IsWhiteSpace))
                ? text : null,
        _ => null,
    };

    /// <summary>Hostile query values, percent-encoded as sent.</summary>
    private static readonly (string What, string Encoded)[] HostileQueryValues =
    [
        ("NUL", "%00"), ("U+0001", "a%01b"), ("escape", "%1B%5B31m"), ("a lone surrogate", "%ED%A0%80"), ("not UTF-8", "%FF%FE"),
        ("zero-width spaces", "%E2%80%8B%E2%80%8B"), ("whitespace", "%20%09%20"), ("empty", ""),
        ("4001 characters", new string('a', 4001)), ("100,000 characters", new string('a', 100_000)),
        ("0001-01-01", "0001-01-01"), ("-0001-01-01", "-0001-01-01"), ("9999-12-31", "9999-12-31"), ("2026-02-30", "2026-02-30"),
        ("an instant", "2026-11-23T10%3A00%3A00Z"), ("instant 0001", "0001-01-01T00%3A00%3A00Z"), ("instant 9999", "9999-12-31T23%3A59%3A59Z"),
        ("instant -9999", "-9999-01-01T00%3A00%3A00Z"), ("an offset", "2026-11-23T10%3A00%3A00%2B01%3A00"),
        ("0", "0"), ("-1", "-1"), ("1e28", "1e28"), ("past a long", "99999999999999999999"), ("long max", "9223372036854775807"),
        ("int max", "2147483647"), ("NaN", "NaN"), ("a fraction", "1.5"), ("a word", "abc"),
    ];

    /// <summary>Who calls: the first person (in <see cref="TwoTeams.People"/>) the endpoint's declared rule lets through.</summary>
    private string CallerOf(Operation operation)
    {
        var endpoint = WriteAndReadEndpoints().FirstOrDefault(e => e.Key == operation.Key).Endpoint
            ?? throw new InvalidOperationException("not in the route table");
        var rule = endpoint.Metadata.GetOrderedMetadata<EndpointRule>().LastOrDefault();
        var row = rule switch
        {
            TeamRule { Permission: Permission.ReadBoards } => "read",
            TeamRule { Permission: Permission.ChangeBoards } => "change",
            TeamRule { Permission: Permission.RecordCoaching } => "coach",
            TeamRule { Permission: Permission.ManageWallScreens } => "wall screens",
            TeamRule { Permission: Permission.ManageTeam } => "team",
            RoleRule { Role: GlobalRole.Administrator } => "beheerder",
            RoleRule { Role: GlobalRole.ProgrammeDirector } => "directeur",
            SignedInRule => "signed in",
            AnyoneRule => "anyone",
            _ => throw new InvalidOperationException($"its rule {rule?.ToString() ?? "(none)"} has no row in the access matrix: add it to AccessMatrixTests and here"),
        };
        var allowed = AccessMatrixTests.Allowed[row];
        var who = Enumerable.Range(0, TwoTeams.People.Length).Where(i => allowed[i]).OrderBy(i => i == 0 ? 1 : 0).First();
        return TwoTeams.People[who];
    }

    private async Task<string> PathOf(Operation operation, World world)
    {
        var path = operation.Path;
        foreach (var parameter in operation.RouteParameters)
        {
            path = path.Replace($"{{{parameter}}}", (await world.Id(RouteThings[parameter])).ToString(), StringComparison.Ordinal);
        }

        return path;
    }

    private IEnumerable<(string Key, RouteEndpoint Endpoint)> WriteAndReadEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => ($"{method} {Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+)(:[^}]*)?\}", "{$1}").TrimEnd('/')}", e)));

    private IEnumerable<(string Key, RouteEndpoint Endpoint)> WriteEndpoints() =>
        WriteAndReadEndpoints().Where(e => !e.Key.StartsWith("GET ", StringComparison.Ordinal));

    private async Task<IReadOnlyList<Operation>> Operations()
    {
        var response = await Client("Anoniem").GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return ApiDescription.Read(await response.Content.ReadAsStringAsync());
    }

    private HttpClient Client(string person)
    {
        if (!clients.TryGetValue(person, out var client))
        {
            client = app.Client(person);
            clients[person] = client;
        }

        return client;
    }

    private static JsonElement? ProblemOf(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the problem's errors name the field, something inside it, or the property or array that holds it.</summary>
    private static bool Names(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
        && errors.EnumerateObject().Any(e => Related(e.Name, field) && e.Value.ValueKind == JsonValueKind.Array && e.Value.GetArrayLength() > 0);

    private static bool Related(string named, string field) =>
        named == field || Within(named, field) || Within(field, named);

    private static bool Within(string inner, string outer) =>
        inner.StartsWith(outer + ".", StringComparison.Ordinal) || inner.StartsWith(outer + "[", StringComparison.Ordinal);

    private static string Short(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
