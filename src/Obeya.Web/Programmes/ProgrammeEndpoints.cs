using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Domain.Programmes;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Teams;
using Obeya.Web.Tracks;

namespace Obeya.Web.Programmes;

public sealed record StartProgrammeRequest(string Name, Guid? Id = null);

// Dates, statuses and reasons the domain requires are required here too, so the API's description says so.

public sealed record RenameProgrammeRequest(string Name);

public sealed record TransitionGoalRequest(string Result, string Owner, LocalDate Horizon, Guid? Id = null);

public sealed record TacticalGoalRequest(Guid TransitionGoalId, string Result, string Owner, LocalDate Due, Guid? Id = null);

public sealed record LinkTrackRequest(Guid TrackId);

public sealed record OverrideStatusRequest(GoalStatus Status, string Reason);

public sealed record ImpedimentRequest(Guid GoalId, string Text, string Owner, LocalDate ExpectedBy, Guid? Id = null);

public sealed record ResolveImpedimentRequest(string Resolution);

public sealed record DependencyRequest(Node From, Node To, string? Note = null, Guid? Id = null);

/// <summary>The storyboard's panel passes a date left empty on to the domain, which names it; over the API it must be sent.</summary>
public sealed record EscalateObstacleRequest(Guid ProgrammeId, Guid GoalId, string Owner, [property: System.Text.Json.Serialization.JsonRequired] LocalDate? ExpectedBy = null);

/// <summary>
/// What every Obeya view reads: the programme, the statuses rolled up from the tracks below, and the day they were
/// rolled up for; the names of the teams whose tracks are linked, and what is blocked and why, oldest first.
/// </summary>
public sealed record ObeyaView(
    Programme Programme, RollupResult Rollup, LocalDate Today, IReadOnlyDictionary<Guid, string> Teams, IReadOnlyList<Blockage> Blocked,
    [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyDictionary<Guid, Obeya.Domain.Rhythm.CadenceHealth> Rhythms)
{
    public string TeamName(Guid? teamId) => teamId is { } id && Teams.TryGetValue(id, out var name) ? name : "–";
}

/// <summary>The programme document, folded inline by the domain's own From and With.</summary>
public sealed class ProgrammeProjection : DomainProjection<Programme>
{
    public override Programme? Evolve(Programme? snapshot, Guid id, IEvent e) =>
        e.Data is ProgrammeStarted started ? Programme.From(started) : snapshot?.With(e.Data);
}

/// <summary>The Obeya room: programmes, their goals, impediments and dependencies, and the status roll-up.</summary>
public static class ProgrammeEndpoints
{
    /// <summary>The zone in which the Obeya reads "today" (due dates, horizons, a track's rhythm).</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>A programme as the writer handles it: no team; steered by programme directors.</summary>
    public static readonly StreamKind<Programme> Kind = new(ProgrammeNotFound);

    public static StoreOptions ConfigureProgrammes(this StoreOptions options)
    {
        options.Projections.Add<ProgrammeProjection>(ProjectionLifecycle.Inline);
        return options;
    }

    public static IEndpointRouteBuilder MapProgrammes(this IEndpointRouteBuilder api)
    {
        // Everyone from the teams to the board of directors reads the Obeya; programme directors steer it.
        var programmes = api.MapGroup("/programmes").WithTags("Obeya").RequiresSignIn();
        programmes.MapGet("/", async (IQuerySession session, CancellationToken ct) =>
            await session.Query<Programme>().OrderBy(p => p.Name).ToListAsync(ct)).WithSummary("All programmes, by name");
        programmes.MapPost("/", Start).Requires(GlobalRole.ProgrammeDirector).WithSummary("Start a programme (a transition)");

        var programme = programmes.MapGroup("/{programmeId:guid}");
        programme.MapGet("/", async (Guid programmeId, IQuerySession session, IClock clock, CancellationToken ct) =>
            await Load(session, programmeId, clock, ct))
            .WithSummary("The programme with every goal's and track's status, rolled up now");
        programme.MapGet("/rhythm", async (Guid programmeId, IQuerySession session, IClock clock, CancellationToken ct) =>
            Rhythm.TeamRhythmView.Overview(await Load(session, programmeId, clock, ct)))
            .WithSummary("The rhythm (Borging) of every team with a track in the programme, the twelve weeks of its habit calendar, worst first");
        Steer(programme.MapPut("/name", (Guid programmeId, RenameProgrammeRequest r, HttpContext http) =>
            Change(http, programmeId, (p, by, now) => ProgrammeDecisions.Rename(p, new(r.Name), by, now)))).WithSummary("Rename the programme");
        Steer(programme.MapPost("/transition-goals", (Guid programmeId, TransitionGoalRequest r, HttpContext http) =>
            Change(http, programmeId, (p, by, now) => ProgrammeDecisions.AddTransitionGoal(p, new(r.Id ?? Guid.CreateVersion7(), r.Result, r.Owner, r.Horizon), by, now))));
        Steer(programme.MapPost("/tactical-goals", (Guid programmeId, TacticalGoalRequest r, HttpContext http) =>
            Change(http, programmeId, (p, by, now) => ProgrammeDecisions.AddTacticalGoal(
                p, new(r.Id ?? Guid.CreateVersion7(), r.TransitionGoalId, r.Result, r.Owner, r.Due), by, now))));
        Steer(programme.MapPost("/goals/{goalId:guid}/achieved", (Guid programmeId, Guid goalId, HttpContext http) =>
            Change(http, programmeId, (p, by, now) => ProgrammeDecisions.Achieve(p, goalId, by, now))));
        Steer(programme.MapPut("/goals/{goalId:guid}/status", OverrideStatus));
        Steer(programme.MapPost("/tactical-goals/{tacticalGoalId:guid}/tracks", LinkTrack));
        Steer(programme.MapPost("/impediments", (Guid programmeId, ImpedimentRequest r, HttpContext http) =>
            Change(http, programmeId, (p, by, now) => ProgrammeDecisions.Raise(p, new(r.Id ?? Guid.CreateVersion7(), r.GoalId, r.Text, r.Owner, r.ExpectedBy), by, now))));
        Steer(programme.MapPost("/impediments/{impedimentId:guid}/resolved", Resolve));
        Steer(programme.MapPost("/dependencies", (Guid programmeId, DependencyRequest r, HttpContext http) =>
            Change(http, programmeId, (p, by, now) => ProgrammeDecisions.AddDependency(p, new(r.Id ?? Guid.CreateVersion7(), r.From, r.To, r.Note), by, now))));

        // A team escalates its own obstacle: the team's rule, on the track's team.
        api.MapPost("/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/escalation", Escalate)
            .WithTags("Obeya").Requires(Permission.ChangeBoards)
            .WithSummary("Escalate an open obstacle to a goal of a programme: an impediment there, marked escalated on the board");
        return api;
    }

    private static RouteHandlerBuilder Steer(RouteHandlerBuilder endpoint) => endpoint.Requires(GlobalRole.ProgrammeDirector);

    public static DomainException ProgrammeNotFound() => DomainException.NotFound("programmeId", Phrase.Of("programme.notFound"));

    /// <summary>The programme, its linked tracks and their teams, rolled up for today.</summary>
    public static async Task<ObeyaView> Load(IQuerySession session, Guid programmeId, IClock clock, CancellationToken ct)
    {
        var programme = (programmeId == Guid.Empty ? null : await session.LoadAsync<Programme>(programmeId, ct)) ?? throw ProgrammeNotFound();
        var trackIds = programme.TacticalGoals.SelectMany(g => g.TrackIds).Distinct().ToArray();
        var tracks = trackIds.Length == 0 ? [] : await session.LoadManyAsync<Track>(ct, trackIds);
        var teamIds = tracks.Select(t => t.TeamId).Distinct().ToArray();
        var teams = teamIds.Length == 0 ? [] : await session.LoadManyAsync<Obeya.Domain.Teams.Team>(ct, teamIds);
        var now = clock.GetCurrentInstant();
        var today = now.InZone(Zone).Date;
        var rhythms = await Rhythm.CadenceHealthReads.RecentAsync(session, teams, now, ct);
        var rollup = Rollup.Compute(programme, tracks.ToDictionary(t => t.Id), rhythms, today);
        return new ObeyaView(programme, rollup, today, teams.ToDictionary(t => t.Id, t => t.Name), Blockages.Of(programme, rollup, Zone, today), rhythms);
    }

    private static async Task<IResult> Start(StartProgrammeRequest request, HttpContext http, Writer writer, AccessCheck access, CancellationToken ct)
    {
        var programme = await StartAsync(writer, access, http.User, new StartProgramme(request.Id ?? Guid.CreateVersion7(), request.Name), ct);
        return ApiAnswers.Versioned(http, programme, 1, createdAt: $"/api/v1/programmes/{programme.Id}");
    }

    /// <summary>A new programme, by a programme director: from the API and the Obeya list alike.</summary>
    public static async Task<Programme> StartAsync(Writer writer, AccessCheck access, System.Security.Claims.ClaimsPrincipal user, StartProgramme command, CancellationToken ct)
    {
        await access.Demand(user, GlobalRole.ProgrammeDirector);
        var started = ProgrammeDecisions.Start(command, Actors.Of(user), writer.Now);
        await writer.Start(Kind, started.ProgrammeId, [started], ct);
        return Programme.From(started);
    }

    /// <summary>Programme changes add things or settle them once, so they need no expected version.</summary>
    private static async Task<IResult> Change(HttpContext http, Guid programmeId, Func<Programme, Actor, Instant, object> decide) =>
        Results.Ok(await ChangeAsync(
            http.RequestServices.GetRequiredService<Writer>(), http.RequestServices.GetRequiredService<StoredStreams>(),
            http.RequestServices.GetRequiredService<AccessCheck>(), http.User, programmeId, decide, http.RequestAborted));

    /// <summary>
    /// One change to a programme, by a programme director (asked here too, for the screens), from the API and the Obeya
    /// views alike; one that lost a race is decided again on the newer programme. Answers the programme as it is now.
    /// </summary>
    public static async Task<Programme> ChangeAsync(
        Writer writer, StoredStreams reads, AccessCheck access, System.Security.Claims.ClaimsPrincipal user, Guid programmeId,
        Func<Programme, Actor, Instant, object> decide, CancellationToken ct)
    {
        // Steering is a global role: asked before the programme is even read.
        await access.Demand(user, GlobalRole.ProgrammeDirector);
        var by = Actors.Of(user);
        await writer.Change(Kind, programmeId, Versioning.Newest, _ => Task.CompletedTask, (p, now) => [decide(p, by, now)], ct);
        return (await reads.Load<Programme>(programmeId, ct) ?? throw ProgrammeNotFound()).State;
    }

    /// <summary>The override records what the roll-up says now, so it lapses when that changes.</summary>
    private static async Task<IResult> OverrideStatus(Guid programmeId, Guid goalId, OverrideStatusRequest r, HttpContext http, IClock clock)
    {
        var view = await Load(http.RequestServices.GetRequiredService<IQuerySession>(), programmeId, clock, http.RequestAborted);
        var derived = view.Rollup.Goals.TryGetValue(goalId, out var status) ? status.Derived : GoalStatus.OnTrack;
        return await Change(http, programmeId, (p, by, now) => ProgrammeDecisions.Override(p, new(goalId, r.Status, r.Reason), derived, by, now));
    }

    private static async Task<IResult> LinkTrack(Guid programmeId, Guid tacticalGoalId, LinkTrackRequest r, HttpContext http, IQuerySession session)
    {
        var track = (r.TrackId == Guid.Empty ? null : await session.LoadAsync<Track>(r.TrackId, http.RequestAborted))
            ?? throw DomainException.NotFound("trackId", Phrase.Of("track.notFound"));
        return await Change(http, programmeId, (p, by, now) => ProgrammeDecisions.LinkTrack(p, tacticalGoalId, track, by, now));
    }

    /// <summary>Resolving an escalated impediment also tells the team, in the same transaction.</summary>
    private static async Task<IResult> Resolve(
        Guid programmeId, Guid impedimentId, ResolveImpedimentRequest r, HttpContext http, Writer writer, StoredStreams reads, AccessCheck access,
        CancellationToken ct) =>
        Results.Ok(await ResolveAsync(writer, reads, access, http.User, programmeId, impedimentId, r.Resolution, ct));

    /// <summary>
    /// The impediment resolved on the programme and, when it came from a team's obstacle, the team told on its board: one
    /// transaction, both streams through the writer, so the board's version stays the store's.
    /// </summary>
    public static async Task<Programme> ResolveAsync(
        Writer writer, StoredStreams reads, AccessCheck access, System.Security.Claims.ClaimsPrincipal user, Guid programmeId, Guid impedimentId,
        string? resolution, CancellationToken ct)
    {
        await access.Demand(user, GlobalRole.ProgrammeDirector);
        var by = Actors.Of(user);
        var programme = (await reads.Load<Programme>(programmeId, ct) ?? throw ProgrammeNotFound()).State;
        // Where an impediment came from never changes, so which board to tell is known before the write.
        if (programme.Impediments.FirstOrDefault(i => i.Id == impedimentId)?.Source is { } source)
        {
            await writer.ChangeBoth(
                (Kind, programmeId, Versioning.Newest), (TrackEndpoints.Kind, source.TrackId, Versioning.Newest),
                (_, p, _, now) =>
                {
                    var (resolved, told) = ProgrammeDecisions.Resolve(p, impedimentId, resolution, by, now);
                    return Task.FromResult<(IEnumerable<object>, IEnumerable<object>)>(([resolved], told is null ? [] : [told]));
                },
                ct);
        }
        else
        {
            await writer.Change(Kind, programmeId, Versioning.Newest, _ => Task.CompletedTask,
                (p, now) => [ProgrammeDecisions.Resolve(p, impedimentId, resolution, by, now).Resolved], ct);
        }

        return (await reads.Load<Programme>(programmeId, ct) ?? throw ProgrammeNotFound()).State;
    }

    private static async Task<IResult> Escalate(
        Guid trackId, Guid obstacleId, EscalateObstacleRequest r, HttpContext http, Writer writer, AccessCheck access, CancellationToken ct)
    {
        var (impedimentId, written) = await EscalateAsync(writer, access, http.User, trackId, new Versioning.Exactly(Versions.Expected(http)), obstacleId, r, ct);
        return ApiAnswers.Written(http, written, impedimentId, createdAt: $"/api/v1/programmes/{r.ProgrammeId}");
    }

    /// <summary>
    /// One action, two streams, one transaction: the impediment on the Obeya and the mark on the team's board, from the
    /// API (the version If-Match names) and the storyboard (the version it shows) alike.
    /// </summary>
    public static async Task<(Guid ImpedimentId, Written Board)> EscalateAsync(
        Writer writer, AccessCheck access, System.Security.Claims.ClaimsPrincipal user, Guid trackId, Versioning versioning, Guid obstacleId,
        EscalateObstacleRequest r, CancellationToken ct)
    {
        var impedimentId = Guid.CreateVersion7();
        var (board, _) = await writer.ChangeBoth(
            (TrackEndpoints.Kind, trackId, versioning), (Kind, r.ProgrammeId, Versioning.Newest),
            async (session, track, programme, now) =>
            {
                await access.Demand(user, Permission.ChangeBoards, await TeamEndpoints.LoadTeam(session, track.TeamId, ct));
                var (raised, escalated) = ProgrammeDecisions.Escalate(
                    programme, track, new EscalateObstacle(impedimentId, r.GoalId, obstacleId, r.Owner, r.ExpectedBy), Actors.Of(user), now);
                return ([escalated], [raised]);
            },
            ct);
        return (impedimentId, board);
    }
}
