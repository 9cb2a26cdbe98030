using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Processes;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Tracks;

namespace Obeya.Web.Processes;

public sealed record AddProcessRequest(string Name, string? Customer = null, string? QuestionBehind = null, Guid? Id = null);

public sealed record DescribeProcessRequest(string Name, string? Customer = null, string? QuestionBehind = null);

public sealed record ValueStreamStepRequest(
    Guid Id, string Name, string Who, int ProcessMinutes, int WaitMinutesBefore, decimal FirstTimeRightPercent, Guid? ReworkTo = null);

public sealed record DrawMapRequest(MapState State, string Name, int DemandPerWeek, IReadOnlyList<ValueStreamStepRequest> Steps);

public sealed record NewMapRequest(MapState State, string Name, int DemandPerWeek, IReadOnlyList<ValueStreamStepRequest> Steps, Guid? Id = null);

public sealed record LinkProcessTrackRequest(Guid TrackId, Guid? StepId = null);

/// <summary>
/// A process in the catalogue's list: what it is, whose, whether it is mapped, and whether a running track improves it
/// (<see cref="Tracks"/> counts the running ones: the coverage).
/// </summary>
public sealed record ProcessSummary(
    Guid Id, string Name, Guid OwningTeamId, string TeamName, string? Customer, string? QuestionBehind, bool Mapped, bool BeingImproved,
    int Maps, int Tracks, ValueStreamTotals? CurrentTotals);

/// <summary>A map as the API answers it: its steps in order and what they add up to.</summary>
public sealed record MapView(Guid Id, MapState State, string Name, int DemandPerWeek, IReadOnlyList<ValueStreamStep> Steps, ValueStreamTotals Totals, Instant DrawnAt);

/// <summary>A track improving the process, with its team and where it stands.</summary>
public sealed record ProcessTrackView(Guid TrackId, string Title, Guid TeamId, bool Closed, Guid? StepId, Instant LinkedAt);

public sealed record ProcessView(
    Guid Id, string Name, Guid OwningTeamId, string TeamName, string? Customer, string? QuestionBehind, bool Mapped, bool BeingImproved,
    IReadOnlyList<MapView> Maps, IReadOnlyList<ProcessTrackView> Tracks, Instant AddedAt, Instant LastChangedAt);

public sealed class ProcessProjection : DomainProjection<Process>
{
    public override Process? Evolve(Process? snapshot, Guid id, IEvent e) =>
        e.Data is ProcessAdded added ? Process.From(added) : snapshot?.With(e.Data);
}

/// <summary>
/// The process catalogue ("Processen") through the API: everyone signed in reads it; the owning team's members and
/// coaches keep its processes, their value stream maps and the tracks linked to them.
/// </summary>
public static class ProcessEndpoints
{
    /// <summary>A process belongs to its owning team: the team's rules are asked by the route, on that team.</summary>
    public static readonly StreamKind<Process> Kind = new(ProcessNotFound, TeamOf: p => p.OwningTeamId);

    public static DomainException ProcessNotFound() => DomainException.NotFound("processId", Phrase.Of("process.notFound"));

    public static StoreOptions ConfigureProcesses(this StoreOptions options)
    {
        options.Projections.Add<ProcessProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Process>().Index(p => p.OwningTeamId);
        return options;
    }

    public static IEndpointRouteBuilder MapProcesses(this IEndpointRouteBuilder api)
    {
        var catalogue = api.MapGroup("/processes").WithTags("Processes");
        catalogue.MapGet("/", List).RequiresSignIn()
            .WithSummary("The process catalogue by name: search in name, customer and the question behind it; teamId, mapped and improved filter");
        catalogue.MapGet("/{processId:guid}", Get).RequiresSignIn()
            .WithSummary("A process with its value stream maps (and their totals) and the tracks that improve it; with ?asOf=2026-11-01 (end of that day in "
                + "Europe/Amsterdam) or an instant, its maps and tracks as they were then");
        api.MapPost("/teams/{teamId:guid}/processes", Add).WithTags("Processes").Requires(Permission.ChangeBoards)
            .WithSummary("Add a process owned by the team");
        catalogue.MapPut("/{processId:guid}", (Guid processId, DescribeProcessRequest r, HttpContext http) =>
                Change(http, processId, (p, by, now) => ProcessDecisions.Describe(p, new DescribeProcess(r.Name, r.Customer, r.QuestionBehind), by, now)))
            .Requires(Permission.ChangeBoards).WithSummary("Describe the process again: name, customer, the question behind the question");
        catalogue.MapPost("/{processId:guid}/maps", (Guid processId, NewMapRequest r, HttpContext http) =>
                Change(http, processId, (p, by, now) => ProcessDecisions.Draw(
                    p, new DrawValueStreamMap(r.Id ?? Guid.CreateVersion7(), r.State, r.Name, r.DemandPerWeek, Steps(r.Steps)), isNew: true, by, now)))
            .Requires(Permission.ChangeBoards).WithSummary("Draw a new value stream map of the process (current: one per process; future: any number)");
        catalogue.MapPut("/{processId:guid}/maps/{mapId:guid}", (Guid processId, Guid mapId, DrawMapRequest r, HttpContext http) =>
                Change(http, processId, (p, by, now) => ProcessDecisions.Draw(
                    p, new DrawValueStreamMap(mapId, r.State, r.Name, r.DemandPerWeek, Steps(r.Steps)), isNew: false, by, now)))
            .Requires(Permission.ChangeBoards).WithSummary("Draw a value stream map again, whole: its steps in order, the demand, its state");
        catalogue.MapPost("/{processId:guid}/tracks", LinkTrack).Requires(Permission.ChangeBoards)
            .WithSummary("Link an improvement track to the process, at one of its drawn steps or on the whole");
        catalogue.MapDelete("/{processId:guid}/tracks/{linkedTrackId:guid}", (Guid processId, Guid linkedTrackId, HttpContext http) =>
                Change(http, processId, (p, by, now) => ProcessDecisions.UnlinkTrack(p, linkedTrackId, by, now)))
            .Requires(Permission.ChangeBoards).WithSummary("Unlink a track from the process");
        api.MapCatalogueImport();
        return api;
    }

    /// <summary>The steps as the body lists them; a hole in the list is refused by its place.</summary>
    private static IReadOnlyList<ValueStreamStep> Steps(IReadOnlyList<ValueStreamStepRequest?>? steps) =>
        [.. (steps ?? []).Select((s, i) => s is null
            ? throw new DomainException($"steps[{i}]", Phrase.Of("vsm.stepMissing"))
            : new ValueStreamStep(s.Id, s.Name, s.Who, s.ProcessMinutes, s.WaitMinutesBefore, s.FirstTimeRightPercent, s.ReworkTo))];

    private static Task<IReadOnlyList<ProcessSummary>> List(
        string? search, string? teamId, string? mapped, string? improved, IQuerySession session, CancellationToken ct) =>
        Catalogue(session, search, Optional<Guid>("teamId", teamId, Guid.TryParse), Optional<bool>("mapped", mapped, bool.TryParse),
            Optional<bool>("improved", improved, bool.TryParse), ct);

    /// <summary>The catalogue by name, as the API lists it and the Processen screen shows it.</summary>
    public static async Task<IReadOnlyList<ProcessSummary>> Catalogue(
        IQuerySession session, string? search, Guid? team, bool? isMapped, bool? isImproved, CancellationToken ct)
    {
        var words = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var processes = await session.Query<Process>().ToListAsync(ct);
        var teams = (await session.Query<Team>().ToListAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
        var running = await RunningTracks(session, ct);
        int Running(Process p) => p.Tracks.Count(t => running.Contains(t.TrackId));
        return [.. processes
            .Where(p => team is null || p.OwningTeamId == team)
            .Where(p => isMapped is null || p.Mapped == isMapped)
            .Where(p => isImproved is null || Running(p) > 0 == isImproved)
            .Where(p => words.All(w => $"{p.Name} {p.Customer} {p.QuestionBehind} {teams.GetValueOrDefault(p.OwningTeamId)}".Contains(w, StringComparison.CurrentCultureIgnoreCase)))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture)
            .Select(p => new ProcessSummary(
                p.Id, p.Name, p.OwningTeamId, teams.GetValueOrDefault(p.OwningTeamId) ?? "–", p.Customer, p.QuestionBehind, p.Mapped, Running(p) > 0,
                p.Maps.Count, Running(p), p.CurrentMap?.Totals))];
    }

    /// <summary>The tracks still running: a process a closed track worked on is no longer being improved.</summary>
    public static async Task<HashSet<Guid>> RunningTracks(IQuerySession session, CancellationToken ct) =>
        [.. await session.Query<Track>().Where(t => t.Closure == null).Select(t => t.Id).ToListAsync(ct)];

    private delegate bool Parser<T>(string text, out T value);

    private static T? Optional<T>(string field, string? text, Parser<T> parse)
        where T : struct =>
        text is null ? null : parse(text, out var value) ? value : throw new DomainException(field, Phrase.Of("process.filterUnreadable"));

    private static async Task<ProcessView> Get(Guid processId, string? asOf, IQuerySession session, CancellationToken ct)
    {
        var process = (processId == Guid.Empty ? null : await session.LoadAsync<Process>(processId, ct)) ?? throw ProcessNotFound();
        if (asOf is not null)
        {
            process = await AsOf(session, processId, TrackEndpoints.MomentOf(asOf, Programmes.ProgrammeEndpoints.Zone), ct)
                ?? throw DomainException.NotFound("asOf", Phrase.Of("process.notYetThen"));
        }

        return await ViewOf(session, process, ct);
    }

    /// <summary>The process as its events had made it at <paramref name="moment"/>; null before it was added.</summary>
    public static async Task<Process?> AsOf(IQuerySession session, Guid processId, Instant moment, CancellationToken ct) =>
        Process.AsOf((await session.Events.FetchStreamAsync(processId, token: ct)).Select(e => e.Data), moment);

    public static async Task<ProcessView> ViewOf(IQuerySession session, Guid processId, CancellationToken ct) =>
        await ViewOf(session, (processId == Guid.Empty ? null : await session.LoadAsync<Process>(processId, ct)) ?? throw ProcessNotFound(), ct);

    public static async Task<ProcessView> ViewOf(IQuerySession session, Process process, CancellationToken ct)
    {
        var team = await session.LoadAsync<Team>(process.OwningTeamId, ct);
        var trackIds = process.Tracks.Select(t => t.TrackId).ToArray();
        var tracks = trackIds.Length == 0 ? [] : (await session.LoadManyAsync<Track>(ct, trackIds)).ToDictionary(t => t.Id);
        IReadOnlyList<ProcessTrackView> linked = [.. process.Tracks.Select(t => tracks.GetValueOrDefault(t.TrackId) is { } track
            ? new ProcessTrackView(t.TrackId, track.Title, track.TeamId, track.IsClosed, t.StepId, t.LinkedAt)
            : new ProcessTrackView(t.TrackId, "–", Guid.Empty, true, t.StepId, t.LinkedAt))];
        return new ProcessView(
            process.Id, process.Name, process.OwningTeamId, team?.Name ?? "–", process.Customer, process.QuestionBehind, process.Mapped,
            linked.Any(t => !t.Closed),
            [.. process.Maps.Select(m => new MapView(m.Id, m.State, m.Name, m.DemandPerWeek, m.Steps, m.Totals, m.DrawnAt))],
            linked,
            process.AddedAt, process.LastChangedAt);
    }

    private static async Task<IResult> Add(Guid teamId, AddProcessRequest request, HttpContext http, Writer writer, IQuerySession session, CancellationToken ct)
    {
        var added = ProcessDecisions.Add(
            new AddProcess(request.Id ?? Guid.CreateVersion7(), request.Name, teamId, request.Customer, request.QuestionBehind), Actors.Of(http.User), writer.Now);
        await writer.Start(Kind, added.ProcessId, [added], ct);
        return Results.Created($"/api/v1/processes/{added.ProcessId}", await ViewOf(session, added.ProcessId, ct));
    }

    private static async Task<IResult> LinkTrack(Guid processId, LinkProcessTrackRequest request, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        await LinkTrackAsync(http.RequestServices.GetRequiredService<Writer>(), session, http.User, processId, request, ct, EndpointRules.CheckedTeamOf(http));
        return Results.Ok(await ViewOf(session, processId, ct));
    }

    /// <summary>A track linked to the process: it may be any team's, as improvement of one process can run on several boards.</summary>
    public static async Task<Written> LinkTrackAsync(
        Writer writer, IQuerySession session, System.Security.Claims.ClaimsPrincipal user, Guid processId, LinkProcessTrackRequest request, CancellationToken ct,
        CheckedTeam? checkedTeam = null)
    {
        _ = (request.TrackId == Guid.Empty ? null : await session.LoadAsync<Track>(request.TrackId, ct)) ?? throw TrackEndpoints.TrackNotFound();
        return await ChangeAsync(writer, user, processId, (p, by, now) => ProcessDecisions.LinkTrack(p, request.TrackId, request.StepId, by, now), ct, checkedTeam);
    }

    /// <summary>
    /// Additions and whole descriptions: decided on the newest process, no version to expect. The route's rule asked
    /// for the owning team's boards already.
    /// </summary>
    private static async Task<IResult> Change(HttpContext http, Guid processId, Func<Process, Actor, Instant, object> decide)
    {
        await ChangeAsync(http.RequestServices.GetRequiredService<Writer>(), http.User, processId, decide, http.RequestAborted, EndpointRules.CheckedTeamOf(http));
        return Results.Ok(await ViewOf(http.RequestServices.GetRequiredService<IQuerySession>(), processId, http.RequestAborted));
    }

    /// <summary>A change to a process by whoever may change its owning team's boards, from the API and the process page alike.</summary>
    public static Task<Written> ChangeAsync(
        Writer writer, System.Security.Claims.ClaimsPrincipal user, Guid processId, Func<Process, Actor, Instant, object> decide, CancellationToken ct,
        CheckedTeam? checkedTeam = null) =>
        writer.Change(Kind, processId, user, Permission.ChangeBoards, Versioning.Newest, (p, d) => [decide(p, d.By, d.Now)], ct, checkedTeam);
}
