using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Testing;
using Obeya.Testing.Tracks;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Tracks.Storyboard;
using Xunit.Sdk;

namespace Obeya.Web.Tests.Tracks;

/// <summary>
/// The scripts of the domain's model tests, sent to the API of a running Obeya with a real PostgreSQL, each to a new
/// team's track, alongside the same commands decided by the domain on its own fold (the twin) and the model. After
/// every step: the answer is what the model says (2xx, or a 4xx problem naming one of its reasons, never a 5xx); the
/// board opens with the version the stream has; the history has a sentence per event; and the API's board, the stored
/// board a screen loads and the board a storyboard screen keeps from the live feed are all the twin's.
/// </summary>
public class TrackModelApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private const int MaxSteps = 30;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task random_scripts_through_the_api_agree_with_the_domain_the_model_and_the_screens()
    {
        await app.ClientFor("Emmy").GetAsync("/api/v1/teams");
        // One script at a time: they share the app's clock, which each sets back to the start.
        await TrackScript.Steps(MaxSteps).SampleAsync(Play, iter: TrackScript.Iterations(25), seed: TrackScript.Seed, threads: 1, print: TrackRun.Transcript);
    }

    private async Task Play(Step[] steps)
    {
        app.Clock.Reset(TrackScript.Start);
        var board = await Board.StartAsync(app, "Sander", "Fatima", "Noor");
        Team team;
        TrackStarted started;
        await using (var session = app.Store.QuerySession())
        {
            team = (await session.LoadAsync<Team>(board.TeamId))!;
            started = (TrackStarted)(await session.Events.FetchStreamAsync(board.TrackId))[0].Data;
        }

        var run = new TrackRun(team, board.TrackId, started.At, started.Title, started.Challenge);
        await using var scope = app.Services.CreateAsyncScope();
        var screen = new Screen(scope.ServiceProvider.GetRequiredService<BoardState>());
        await screen.Open(board.TrackId);
        await Agree(board, run, screen, "the start");

        foreach (var step in steps)
        {
            var outcome = run.Next(step);
            app.Clock.Reset(outcome.At);
            var said = run.Describe(outcome);
            var (method, path, body) = Request(outcome.Command);
            var versionBefore = board.Version;
            var response = await board.Send(method, path, rawJson: body);
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Require(status < 500, () => $"{status} for {said}: {answer}");
            if (outcome.Accepted)
            {
                Require(response.IsSuccessStatusCode, () => $"The API answered {status} where the domain accepted {said}: {answer}");
                var result = JsonDocument.Parse(answer).RootElement;
                Require(result.GetProperty("version").GetInt64() == run.Events.Count && board.Version == run.Events.Count,
                    () => $"Answered version {result.GetProperty("version")} (ETag {board.Version}) for {run.Events.Count} events, after {said}");
            }
            else
            {
                Require(status is >= 400 and < 500, () => $"The API answered {status} where the domain refused {said}: {answer}");
                var problem = JsonDocument.Parse(answer).RootElement;
                var field = problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).SingleOrDefault() : null;
                var reasons = outcome.Expected.Select(r => AsSent(outcome.Command, r)).ToList();
                Require(field is not null && reasons.Any(r => r.Field == field && StatusOf(r.Kind) == status),
                    () => $"The problem {status} '{field}' is none of the model's reasons ({string.Join(" or ", reasons)}) for {said}: {answer}");
                Require(status != 400 || Named(outcome.Command, body).Any(n => field == n || field!.StartsWith(n + "[", StringComparison.Ordinal)),
                    () => $"The problem names '{field}', which the request does not have ({string.Join(", ", Named(outcome.Command, body))}), for {said}: {answer}");
                Require(board.Version == versionBefore, () => $"A refusal moved the version from {versionBefore} to {board.Version}: {said}");
            }

            await Agree(board, run, screen, said);
        }

        // A change that must arrive, last: a screen that heard anything more than the script's changes is then ahead of the twin.
        // A closed track takes none; its refusals were checked above.
        if (!run.Track.IsClosed)
        {
            var last = run.Next(new Step(0, new Act.RephraseChallenge(Words.Good[0].Raw)));
            var (m, p, b) = Request(last.Command);
            (await board.Send(m, p, rawJson: b)).EnsureSuccessStatusCode();
            await Agree(board, run, screen, "the last change");
        }
    }

    /// <summary>The board as the API, the store and a storyboard screen have it, each the twin's at the twin's version.</summary>
    private async Task Agree(Board board, TrackRun run, Screen screen, string after)
    {
        var expected = run.Show(run.Track);
        var count = run.Events.Count;
        var client = app.ClientFor("Emmy");

        using var read = await client.GetAsync(board.Path);
        var json = await read.Content.ReadAsStringAsync();
        Require(read.StatusCode == HttpStatusCode.OK, () => $"The board does not open ({(int)read.StatusCode}) after {after}: {json}");
        var etag = VersionedClient.VersionOf(read);
        var body = JsonNode.Parse(json)!.AsObject();
        Require(etag == count && body["version"]!.GetValue<long>() == count,
            () => $"The board opens with ETag {etag} and version {body["version"]} for {count} events, after {after}");
        body.Remove("version");
        var twin = JsonSerializer.SerializeToNode(run.Track, Json)!;
        Require(JsonNode.DeepEquals(body, twin), () => $"The API's board is not the domain's after {after}:{Environment.NewLine}api:  {body.ToJsonString()}{Environment.NewLine}twin: {twin.ToJsonString()}");
        var api = JsonSerializer.Deserialize<Track>(json, Json)!;
        Require(run.Show(api) == expected, () => $"The API's board reads back otherwise after {after}:{Environment.NewLine}{run.Show(api)}{Environment.NewLine}{expected}");
        Require(TrackModel.Lines(api, run.Name).SequenceEqual(run.Model.Lines(run.Name)),
            () => $"The API's board is not the model's after {after}:{Environment.NewLine}{string.Join(Environment.NewLine, TrackModel.Lines(api, run.Name))}");

        using var told = await client.GetAsync(board.Path + "/history");
        var history = JsonDocument.Parse(await told.Content.ReadAsStringAsync()).RootElement;
        Require(told.IsSuccessStatusCode && history.GetArrayLength() == count, () => $"The history has {history} for {count} events, after {after}");
        Require(history.EnumerateArray().Select(h => h.GetProperty("version").GetInt64()).SequenceEqual(Enumerable.Range(1, count).Select(v => (long)v)),
            () => $"The history's versions are not 1..{count} after {after}: {history}");
        Require(history.EnumerateArray().All(h => h.GetProperty("sentence").GetString() is { } s && s.StartsWith("Emmy ", StringComparison.Ordinal)
                && Invariants.SentenceProblem(s) is null),
            () => $"A history sentence is not one a person can read after {after}: {history}");

        var stored = await app.Services.GetRequiredService<StoredStreams>().Load<Track>(board.TrackId, CancellationToken.None);
        Require(stored is not null && stored.Version == count && run.Show(stored.State) == expected,
            () => $"The stored board a screen loads is at {stored?.Version} and differs after {after}:{Environment.NewLine}{(stored is null ? "none" : run.Show(stored.State))}");

        var (shown, version) = await screen.At(count);
        Require(version == count && shown is not null && run.Show(shown) == expected,
            () => $"The storyboard screen shows version {version} for {count} events after {after}:{Environment.NewLine}{(shown is null ? "none" : run.Show(shown))}{Environment.NewLine}{expected}");
    }

    /// <summary>A storyboard screen's board, opened as the page opens it and kept current from the live feed, as a circuit keeps it.</summary>
    private sealed class Screen(BoardState state)
    {
        private readonly SemaphoreSlim changed = new(0);

        public async Task Open(Guid trackId)
        {
            state.Changed += () =>
            {
                changed.Release();
                return Task.CompletedTask;
            };
            await state.Open(trackId);
        }

        /// <summary>The board once it reached <paramref name="version"/> (or what it shows when it does not, in time).</summary>
        public async Task<(Track? Track, long Version)> At(long version)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (state.Version < version && DateTime.UtcNow < deadline)
            {
                await changed.WaitAsync(Patience);
            }

            return (state.Track, state.Version);
        }
    }

    private JsonSerializerOptions Json => app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static int StatusOf(Refusal kind) => kind switch
    {
        Refusal.NotFound => 404,
        Refusal.Conflict => 409,
        _ => 400,
    };

    /// <summary>The command as a client sends it: method, path under the track, and the JSON body exactly as typed.</summary>
    private static (HttpMethod Method, string Path, string? Body) Request(object command) => command switch
    {
        RephraseChallenge c => (HttpMethod.Put, "/challenge", Body(("challenge", c.Challenge))),
        RenameTrack c => (HttpMethod.Put, "/title", Body(("title", c.Title))),
        CloseTrack c => (HttpMethod.Post, "/closed", Body(
            ("outcome", c.Outcome switch { TrackOutcome.ChallengeMet => "challengeMet", TrackOutcome.Stopped => "stopped", null => null, _ => "sideways" }), ("note", c.Note))),
        DefineMetric c => (HttpMethod.Post, "/metrics", Body(
            ("name", c.Name), ("unit", c.Unit), ("direction", c.Direction switch { BetterDirection.Higher => "higher", BetterDirection.Lower => "lower", _ => "sideways" }),
            ("target", c.Target), ("id", c.MetricId))),
        RecordMeasurement c => (HttpMethod.Post, $"/metrics/{c.MetricId}/measurements", Body(("on", Date(c.On)), ("value", c.Value), ("note", c.Note), ("id", c.MeasurementId))),
        CorrectMeasurement c => (HttpMethod.Post, $"/metrics/{c.MetricId}/measurements/{c.MeasurementId}/correction", Body(("value", c.Value), ("reason", c.Reason), ("note", c.Note))),
        SetTargetCondition c => (HttpMethod.Post, "/target-conditions", Body(
            ("description", c.Description), ("achieveBy", Date(c.AchieveBy)),
            ("metricTargets", c.MetricTargets.Select(t => new Dictionary<string, object?> { ["metricId"] = t.MetricId, ["target"] = t.Target }).ToList()),
            ("id", c.TargetConditionId))),
        EndCondition c => (HttpMethod.Post, $"/target-conditions/{c.Command.TargetConditionId}/{(c.Reached ? "reached" : "dropped")}", Body(("reason", c.Command.Reason))),
        DescribeCurrentCondition c => (HttpMethod.Post, "/current-conditions", Body(("on", Date(c.On)), ("description", c.Description), ("id", c.CurrentConditionId))),
        AddObstacle c => (HttpMethod.Post, "/obstacles", Body(("text", c.Text), ("id", c.ObstacleId))),
        RephraseObstacle c => (HttpMethod.Put, $"/obstacles/{c.ObstacleId}/text", Body(("text", c.Text))),
        FocusObstacle c => (HttpMethod.Post, $"/obstacles/{c.ObstacleId}/focus", null),
        TakeObstacleOutOfFocus c => (HttpMethod.Delete, $"/obstacles/{c.ObstacleId}/focus", null),
        Close c => (HttpMethod.Post, $"/obstacles/{c.Command.ObstacleId}/{(c.Resolved ? "resolved" : "dropped")}", Body(("note", c.Command.Note))),
        ReopenObstacle c => (HttpMethod.Post, $"/obstacles/{c.ObstacleId}/reopened", null),
        PlanExperiment c => (HttpMethod.Post, "/experiments", Body(("on", Date(c.On)), ("step", c.Step), ("expectation", c.Expectation), ("id", c.ExperimentId))),
        RecordExperimentResult c => (HttpMethod.Post, $"/experiments/{c.ExperimentId}/result", Body(("whatHappened", c.WhatHappened), ("learned", c.Learned), ("asExpected", c.AsExpected))),
        AgreeSmallStep c => (HttpMethod.Post, "/steps", Body(("text", c.Text), ("ownerId", c.OwnerId), ("due", Date(c.Due)), ("id", c.StepId))),
        ReassignSmallStep c => (HttpMethod.Put, $"/steps/{c.StepId}/owner", Body(("ownerId", c.OwnerId))),
        RescheduleSmallStep c => (HttpMethod.Put, $"/steps/{c.StepId}/due", Body(("due", Date(c.Due)))),
        FinishSmallStep c => (HttpMethod.Post, $"/steps/{c.StepId}/done", null),
        DropSmallStep c => (HttpMethod.Post, $"/steps/{c.StepId}/dropped", Body(("note", c.Reason))),
        _ => throw new ArgumentException($"No request for {command.GetType().Name}.", nameof(command)),
    };

    /// <summary>A drop's reason travels in the body's "note", and its problem names that.</summary>
    private static Reason AsSent(object command, Reason reason) =>
        command is Close { Resolved: false } or DropSmallStep && reason.Field == "reason" ? reason with { Field = "note" } : reason;

    /// <summary>What a client can find named in its own request: the body's properties and the ids in the path.</summary>
    private static IEnumerable<string> Named(object command, string? body)
    {
        IEnumerable<string> properties = body is null ? [] : JsonNode.Parse(body)!.AsObject().Select(p => p.Key);
        return properties.Concat(command.GetType().GetProperties().Where(p => p.PropertyType == typeof(Guid)).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]));
    }

    private static string Body(params (string Name, object? Value)[] properties) =>
        JsonSerializer.Serialize(properties.ToDictionary(p => p.Name, p => p.Value));

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static void Require(bool holds, Func<string> failure)
    {
        if (!holds)
        {
            throw new XunitException(failure());
        }
    }
}
