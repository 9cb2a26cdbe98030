using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using NodaTime.Text;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Language;
using Obeya.Web.Teams;

namespace Obeya.Web.Tracks;

/// <summary>What a team's page shows of each of its tracks.</summary>
public sealed record TrackSummary(
    Guid Id, Guid TeamId, string Title, string Challenge, string? TargetCondition, LocalDate? AchieveBy, Instant LastChangedAt,
    TrackClosure? Closure = null)
{
    public static TrackSummary Of(Track track) => new(
        track.Id, track.TeamId, track.Title, track.Challenge, track.ActiveTargetCondition?.Description,
        track.ActiveTargetCondition?.AchieveBy, track.LastChangedAt, track.Closure);
}

/// <summary>The tactical goal a new track is to serve.</summary>
public sealed record GoalLink(Guid ProgrammeId, Guid TacticalGoalId);

/// <summary>One line of a track's history as the API tells it: the actor by their name of today.</summary>
public sealed record HistoryLine(long Version, Instant At, string By, string Sentence);

/// <summary>The storyboard document, folded inline by the domain's own From and With, so the domain needs no Marten.</summary>
public sealed class TrackProjection : DomainProjection<Track>
{
    public override Track? Evolve(Track? snapshot, Guid id, IEvent e) =>
        e.Data is TrackStarted started ? Track.From(started) : snapshot?.With(e.Data);
}

/// <summary>Improvement tracks: the storyboard, its history and its past, and every change to it.</summary>
public static class TrackEndpoints
{
    /// <summary>A track as the writer handles it: owned by its team, its items for screens' races.</summary>
    public static readonly StreamKind<Track> Kind = new(TrackNotFound, t => t.TeamId, TrackItems.Of);

    public static StoreOptions ConfigureTracks(this StoreOptions options)
    {
        options.Projections.Add<TrackProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Track>().Index(t => t.TeamId);
        return options;
    }

    public static IEndpointRouteBuilder MapTracks(this IEndpointRouteBuilder api)
    {
        var teamTracks = api.MapGroup("/teams/{teamId:guid}/tracks").WithTags("Tracks");
        teamTracks.MapGet("/", ListTracks).Requires(Permission.ReadBoards).WithSummary("A team's improvement tracks");
        teamTracks.MapPost("/", StartTrack).Requires(Permission.ChangeBoards).WithSummary("Start an improvement track with its challenge (retry-safe with a client id)");

        // Reading is the group's rule; every change narrows it to changing.
        var track = api.MapGroup("/tracks/{trackId:guid}").WithTags("Tracks").Requires(Permission.ReadBoards);
        track.MapGet("/", GetTrack).WithSummary("The storyboard; with ?asOf=2026-03-12 (end of that day in the team's zone) or an instant, as it was then");
        track.MapGet("/history", GetHistory).WithSummary("Who did what when, in Dutch sentences, oldest first");
        MapChanges(track);
        return api;
    }

    /// <summary>Every change names the version it read in If-Match and answers the new one in ETag.</summary>
    private static void MapChanges(RouteGroupBuilder track)
    {
        track.MapPut("/title", (Guid trackId, RenameTrackRequest r, HttpContext http) =>
            Write(http, trackId, trackId, (t, d) => TrackDecisions.Rename(t, new(r.Title), d.By, d.Now)))
            .Requires(Permission.ChangeBoards).WithSummary("Rename the track");
        track.MapPost("/closed", (Guid trackId, CloseTrackRequest r, HttpContext http) =>
            Write(http, trackId, trackId, (t, d) => TrackDecisions.Close(t, new(r.Outcome, r.Note), d.By, d.Now)))
            .Requires(Permission.ChangeBoards)
            .WithSummary("Close the track (challengeMet or stopped, with a note): it stays readable, and refuses every later change");

        track.MapPut("/challenge", (Guid trackId, RephraseChallengeRequest r, HttpContext http) =>
            Write(http, trackId, trackId, (t, d) => TrackDecisions.RephraseChallenge(t, new(r.Challenge), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);

        track.MapPost("/metrics", (Guid trackId, DefineMetricRequest r, HttpContext http) => Created(r.Id, id =>
            Write(http, trackId, id, (t, d) => TrackDecisions.DefineMetric(t, new(id, r.Name, r.Unit, r.Direction, r.Target), d.By, d.Now), created: true)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/metrics/{metricId:guid}/measurements", (Guid trackId, Guid metricId, RecordMeasurementRequest r, HttpContext http) => Created(r.Id, id =>
            Write(http, trackId, id, (t, d) => TrackDecisions.RecordMeasurement(t, new(metricId, id, r.On, r.Value, r.Note), d.By, d.Now), created: true)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/metrics/{metricId:guid}/measurements/{measurementId:guid}/correction",
            (Guid trackId, Guid metricId, Guid measurementId, CorrectMeasurementRequest r, HttpContext http) =>
            Write(http, trackId, measurementId, (t, d) => TrackDecisions.CorrectMeasurement(t, new(metricId, measurementId, r.Value, r.Note, r.Reason), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);

        track.MapPost("/target-conditions", (Guid trackId, SetTargetConditionRequest r, HttpContext http) => Created(r.Id, id =>
            Write(http, trackId, id, (t, d) => TrackDecisions.SetTargetCondition(
                t, new(id, r.Description, r.AchieveBy, r.MetricTargets), d.By, d.Now, d.Team.Cadence.GetZone()), created: true)))
            .Requires(Permission.ChangeBoards);
        // Named as the domain names it, so a refusal's field is the route's.
        track.MapPost("/target-conditions/{targetConditionId:guid}/reached", (Guid trackId, Guid targetConditionId, ReasonRequest r, HttpContext http) =>
            Write(http, trackId, targetConditionId, (t, d) => TrackDecisions.EndTargetCondition(t, new(targetConditionId, r.Reason), reached: true, d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/target-conditions/{targetConditionId:guid}/dropped", (Guid trackId, Guid targetConditionId, ReasonRequest r, HttpContext http) =>
            Write(http, trackId, targetConditionId, (t, d) => TrackDecisions.EndTargetCondition(t, new(targetConditionId, r.Reason), reached: false, d.By, d.Now)))
            .Requires(Permission.ChangeBoards);

        track.MapPost("/current-conditions", (Guid trackId, DescribeCurrentConditionRequest r, HttpContext http) => Created(r.Id, id =>
            Write(http, trackId, id, (t, d) => TrackDecisions.DescribeCurrentCondition(t, new(id, r.On, r.Description), d.By, d.Now), created: true)))
            .Requires(Permission.ChangeBoards);

        track.MapPost("/obstacles", (Guid trackId, ObstacleRequest r, HttpContext http) => Created(r.Id, id =>
            Write(http, trackId, id, (t, d) => TrackDecisions.AddObstacle(t, new(id, r.Text), d.By, d.Now), created: true)))
            .Requires(Permission.ChangeBoards);
        track.MapPut("/obstacles/{obstacleId:guid}/text", (Guid trackId, Guid obstacleId, RephraseObstacleRequest r, HttpContext http) =>
            Write(http, trackId, obstacleId, (t, d) => TrackDecisions.RephraseObstacle(t, new(obstacleId, r.Text), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/obstacles/{obstacleId:guid}/focus", (Guid trackId, Guid obstacleId, HttpContext http) =>
            Write(http, trackId, obstacleId, (t, d) => TrackDecisions.FocusObstacle(t, new(obstacleId), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapDelete("/obstacles/{obstacleId:guid}/focus", (Guid trackId, Guid obstacleId, HttpContext http) =>
            Write(http, trackId, obstacleId, (t, d) => TrackDecisions.TakeObstacleOutOfFocus(t, new(obstacleId), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/obstacles/{obstacleId:guid}/resolved", (Guid trackId, Guid obstacleId, NoteRequest r, HttpContext http) =>
            Write(http, trackId, obstacleId, (t, d) => TrackDecisions.CloseObstacle(t, new(obstacleId, r.Note), resolved: true, d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/obstacles/{obstacleId:guid}/dropped", (Guid trackId, Guid obstacleId, NoteRequest r, HttpContext http) =>
            Write(http, trackId, obstacleId, (t, d) => TrackDecisions.CloseObstacle(t, new(obstacleId, r.Note), resolved: false, d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/obstacles/{obstacleId:guid}/reopened", (Guid trackId, Guid obstacleId, HttpContext http) =>
            Write(http, trackId, obstacleId, (t, d) => TrackDecisions.ReopenObstacle(t, new(obstacleId), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);

        track.MapPost("/experiments", (Guid trackId, PlanExperimentRequest r, HttpContext http) => Created(r.Id, id =>
            Write(http, trackId, id, (t, d) => TrackDecisions.PlanExperiment(t, new(id, r.On, r.Step, r.Expectation), d.By, d.Now), created: true)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/experiments/{experimentId:guid}/result", (Guid trackId, Guid experimentId, ExperimentResultRequest r, HttpContext http) =>
            Write(http, trackId, experimentId, (t, d) => TrackDecisions.RecordExperimentResult(
                t, new(experimentId, r.WhatHappened, r.Learned, r.AsExpected), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);

        track.MapPost("/steps", (Guid trackId, AgreeSmallStepRequest r, HttpContext http) => Created(r.Id, id =>
            Write(http, trackId, id, (t, d) => TrackDecisions.AgreeSmallStep(t, d.Team, new(id, r.Text, r.OwnerId, r.Due), d.By, d.Now), created: true)))
            .Requires(Permission.ChangeBoards);
        track.MapPut("/steps/{stepId:guid}/owner", (Guid trackId, Guid stepId, ReassignSmallStepRequest r, HttpContext http) =>
            Write(http, trackId, stepId, (t, d) => TrackDecisions.ReassignSmallStep(t, d.Team, new(stepId, r.OwnerId), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPut("/steps/{stepId:guid}/due", (Guid trackId, Guid stepId, RescheduleSmallStepRequest r, HttpContext http) =>
            Write(http, trackId, stepId, (t, d) => TrackDecisions.RescheduleSmallStep(t, d.Team, new(stepId, r.Due), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/steps/{stepId:guid}/done", (Guid trackId, Guid stepId, HttpContext http) =>
            Write(http, trackId, stepId, (t, d) => TrackDecisions.FinishSmallStep(t, new(stepId), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
        track.MapPost("/steps/{stepId:guid}/dropped", (Guid trackId, Guid stepId, NoteRequest r, HttpContext http) =>
            Write(http, trackId, stepId, (t, d) => TrackDecisions.DropSmallStep(t, new(stepId, r.Note), d.By, d.Now)))
            .Requires(Permission.ChangeBoards);
    }

    private static Task<IResult> Created(Guid? requestedId, Func<Guid, Task<IResult>> write) => write(requestedId ?? Guid.CreateVersion7());

    /// <summary>A change to a track from the API: the version If-Match names, the team the route already checked.</summary>
    private static async Task<IResult> Write(HttpContext http, Guid trackId, Guid id, Func<Track, Decision, object> decide, bool created = false)
    {
        var written = await http.RequestServices.GetRequiredService<Writer>().Change(
            Kind, trackId, http.User, Permission.ChangeBoards, new Versioning.Exactly(Versions.Expected(http)), (t, d) => [decide(t, d)],
            http.RequestAborted, EndpointRules.CheckedTeamOf(http));
        return ApiAnswers.Written(http, written, id, created ? $"/api/v1/tracks/{trackId}" : null);
    }

    /// <summary>A team's tracks: the open ones first, then the closed ones, each in the order they were started.</summary>
    public static async Task<IReadOnlyList<TrackSummary>> TracksOf(IQuerySession session, Guid teamId, CancellationToken ct)
    {
        var tracks = await session.Query<Track>().Where(t => t.TeamId == teamId).ToListAsync(ct);
        return [.. tracks.OrderBy(t => t.Closure is not null).ThenBy(t => t.StartedAt).Select(TrackSummary.Of)];
    }

    public static DomainException TrackNotFound() => DomainException.NotFound("trackId", Phrase.Of("track.notFound"));

    private static async Task<IReadOnlyList<TrackSummary>> ListTracks(Guid teamId, IQuerySession session, CancellationToken ct)
    {
        await TeamEndpoints.LoadTeam(session, teamId, ct);
        return await TracksOf(session, teamId, ct);
    }

    /// <summary>A new track of the team the route checked; its first event, decided by the domain.</summary>
    private static async Task<IResult> StartTrack(
        Guid teamId, StartTrackRequest request, HttpContext http, IQuerySession session, Writer writer, AccessCheck access, CancellationToken ct)
    {
        var team = EndpointRules.CheckedTeamOf(http)?.Team ?? await TeamEndpoints.LoadTeam(session, teamId, ct);
        var (track, version) = await StartAsync(writer, access, session, http.User, team, new StartTrack(request.Id ?? Guid.CreateVersion7(), request.Title, request.Challenge), request.Goal, ct);
        return ApiAnswers.Versioned(http, track, version, createdAt: $"/api/v1/tracks/{track.Id}");
    }

    /// <summary>
    /// A new track, from the API and the team page alike, by a member or coach of the team (asked here, on the team read).
    /// Linking it to a tactical goal is a write to the programme's stream: a team may say which goal its own new track
    /// serves (only at the start; moving a track later is the programme director's). The link is decided first on the
    /// programme as it is, so a wrong goal refuses before anything is stored; then the track is started, then linked. The
    /// link is an addition decided again on the newest programme and goals are never removed, so after the start only an
    /// outage can stop it; then the track exists without its link, and the director links it in the Obeya.
    /// </summary>
    public static async Task<(Track Track, long Version)> StartAsync(
        Writer writer, AccessCheck access, IQuerySession session, System.Security.Claims.ClaimsPrincipal user, Obeya.Domain.Teams.Team team,
        StartTrack command, GoalLink? link, CancellationToken ct)
    {
        await access.Demand(user, Permission.ChangeBoards, team);
        var by = Actors.Of(user);
        var started = TrackDecisions.Start(team, command, by, writer.Now);
        var track = Track.From(started);
        if (link is not null)
        {
            try
            {
                var programme = (link.ProgrammeId == Guid.Empty ? null : await session.LoadAsync<Obeya.Domain.Programmes.Programme>(link.ProgrammeId, ct))
                    ?? throw Programmes.ProgrammeEndpoints.ProgrammeNotFound();
                _ = Obeya.Domain.Programmes.ProgrammeDecisions.LinkTrack(programme, link.TacticalGoalId, track, by, writer.Now);
            }
            catch (DomainException refusal)
            {
                // Named as the request names it: the goal's programmeId or tacticalGoalId.
                throw new DomainException($"goal.{refusal.Field}", refusal.Says, refusal.Refusal);
            }
        }

        var written = await writer.Start(Kind, started.TrackId, [started], ct);
        if (link is not null)
        {
            await writer.Change(
                Programmes.ProgrammeEndpoints.Kind, link.ProgrammeId, Versioning.Newest, _ => Task.CompletedTask,
                (p, now) => [Obeya.Domain.Programmes.ProgrammeDecisions.LinkTrack(p, link.TacticalGoalId, track, by, now)], ct);
        }

        return (track, written.Version);
    }

    /// <summary>Now: the stored board as stored (no replay). As of a moment: replayed from the events up to then.</summary>
    private static async Task<IResult> GetTrack(Guid trackId, string? asOf, HttpContext http, StoredStreams reads, IQuerySession session, CancellationToken ct)
    {
        if (asOf is null)
        {
            return ApiAnswers.Versioned(http, await reads.Json<Track>(trackId, ct) ?? throw TrackNotFound());
        }

        var events = await session.Events.FetchStreamAsync(trackId, token: ct);
        if (events.Count == 0)
        {
            throw TrackNotFound();
        }

        var zone = (await TeamEndpoints.LoadTeam(session, ((TrackStarted)events[0].Data).TeamId, ct)).Cadence.GetZone();
        var moment = MomentOf(asOf, zone);
        var until = TrackHistory.Until(events.Select(e => e.Data), moment);
        var past = until.Count == 0
            ? throw DomainException.NotFound("asOf", Phrase.Of("track.notYetThen"))
            : Track.Replay(until);
        return ApiAnswers.Versioned(http, past, until.Count);
    }

    private static async Task<IReadOnlyList<HistoryLine>> GetHistory(Guid trackId, IQuerySession session, AccountNames names, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(trackId, token: ct);
        if (events.Count == 0)
        {
            throw TrackNotFound();
        }

        var history = TrackHistory.Of([.. events.Select(e => e.Data)]);
        var nameOf = await names.For(history.Select(h => h.By), ct);
        return [.. history.Select(h => new HistoryLine(h.Version, h.At, nameOf(h.By), Words.Say("history.sentence", nameOf(h.By), h.Action)))];
    }

    /// <summary>A date means the end of that day in the team's zone; an instant means that instant.</summary>
    /// <summary>The last moment of <paramref name="day"/> in <paramref name="zone"/>: what "as it was on that day" means.</summary>
    public static Instant EndOf(LocalDate day, DateTimeZone zone) => day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() - Duration.Epsilon;

    public static Instant MomentOf(string asOf, DateTimeZone zone)
    {
        if (LocalDatePattern.Iso.Parse(asOf) is { Success: true } date)
        {
            return EndOf(Bounds.Date("asOf", date.Value), zone);
        }

        return InstantPattern.ExtendedIso.Parse(asOf) is { Success: true } instant
            ? instant.Value
            : throw new DomainException("asOf", Phrase.Of("track.asOfFormat"));
    }
}
