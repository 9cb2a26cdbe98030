using NodaTime;

namespace Obeya.Domain.Processes;

/// <summary>A process in the catalogue, owned by the team that improves it: its members and coaches keep it.</summary>
public sealed record ProcessAdded(
    Guid ProcessId, string Name, Guid OwningTeamId, string? Customer, string? QuestionBehind, Actor By, Instant At) : IFact;

/// <summary>The process's description as a whole: name, customer and the question behind the question.</summary>
public sealed record ProcessDescribed(Guid ProcessId, string Name, string? Customer, string? QuestionBehind, Actor By, Instant At) : IFact;

/// <summary>A map drawn or drawn again, whole: every version stays in the stream, so a map can be seen as it was.</summary>
public sealed record ValueStreamMapDrawn(
    Guid ProcessId, Guid MapId, MapState State, string Name, int DemandPerWeek, IReadOnlyList<ValueStreamStep> Steps, Actor By, Instant At) : IFact;

/// <summary>An improvement track works on this process, at one of its steps or on the whole of it.</summary>
public sealed record TrackLinkedToProcess(Guid ProcessId, Guid TrackId, Guid? StepId, Actor By, Instant At) : IFact;

public sealed record TrackUnlinkedFromProcess(Guid ProcessId, Guid TrackId, Actor By, Instant At) : IFact;

/// <summary>A value stream map as last drawn: its steps in order, the customer demand, and what they add up to.</summary>
public sealed record ValueStreamMap(Guid Id, MapState State, string Name, int DemandPerWeek, IReadOnlyList<ValueStreamStep> Steps, Instant DrawnAt)
{
    public ValueStreamTotals Totals => ValueStreamTotals.Of(Steps);
}

/// <summary>A track improving the process, and the step it works on (null: the process as a whole).</summary>
public sealed record ProcessTrack(Guid TrackId, Guid? StepId, Instant LinkedAt);

/// <summary>
/// One of the organisation's processes ("Processen"): what it does for whom, the question behind the customer's
/// question ("een klant vraagt geen paspoort aan, maar wil gaan reizen"), its value stream maps (one of the current
/// state, any number of future ones) and the tracks that improve it.
/// </summary>
public sealed record Process(
    Guid Id, string Name, Guid OwningTeamId, string? Customer, string? QuestionBehind, IReadOnlyList<ValueStreamMap> Maps,
    IReadOnlyList<ProcessTrack> Tracks, Instant AddedAt, Instant LastChangedAt, IReadOnlyList<Guid>? FormerTrackIds = null)
{
    /// <summary>Tracks once linked and unlinked since: unlinking one again is a conflict, not a mistaken id.</summary>
    public IReadOnlyList<Guid> FormerTracks => FormerTrackIds ?? [];

    public ValueStreamMap? CurrentMap => Maps.FirstOrDefault(m => m.State == MapState.Current);

    /// <summary>Mapped: a current-state map with at least one step.</summary>
    public bool Mapped => CurrentMap is { Steps.Count: > 0 };

    /// <summary>A track is linked to it; whether that track still runs, the catalogue asks the tracks (its coverage).</summary>
    public bool BeingImproved => Tracks.Count > 0;

    public static Process From(ProcessAdded e) => new(e.ProcessId, e.Name, e.OwningTeamId, e.Customer, e.QuestionBehind, [], [], e.At, e.At);

    public Process With(object e)
    {
        var next = e switch
        {
            ProcessDescribed x => this with { Name = x.Name, Customer = x.Customer, QuestionBehind = x.QuestionBehind },
            ValueStreamMapDrawn x => this with { Maps = Replace(Maps, new ValueStreamMap(x.MapId, x.State, x.Name, x.DemandPerWeek, x.Steps, x.At)) },
            TrackLinkedToProcess x => this with { Tracks = [.. Tracks.Where(t => t.TrackId != x.TrackId), new ProcessTrack(x.TrackId, x.StepId, x.At)] },
            TrackUnlinkedFromProcess x => Unlinked(x.TrackId),
            _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing process.", nameof(e)),
        };
        return next with { LastChangedAt = ((IFact)e).At };
    }

    private Process Unlinked(Guid trackId) => this with
    {
        Tracks = [.. Tracks.Where(t => t.TrackId != trackId)],
        FormerTrackIds = [.. FormerTracks.Where(id => id != trackId), trackId],
    };

    /// <summary>A map drawn again keeps its place among the maps; a new one comes last.</summary>
    private static IReadOnlyList<ValueStreamMap> Replace(IReadOnlyList<ValueStreamMap> maps, ValueStreamMap drawn) =>
        maps.Any(m => m.Id == drawn.Id) ? [.. maps.Select(m => m.Id == drawn.Id ? drawn : m)] : [.. maps, drawn];

    /// <summary>The process as it stood at <paramref name="asOf"/>: its events up to then; null before it was added.</summary>
    public static Process? AsOf(IEnumerable<object> events, Instant asOf)
    {
        Process? process = null;
        foreach (var e in events.Where(e => ((IFact)e).At <= asOf))
        {
            process = e is ProcessAdded added ? From(added) : process?.With(e);
        }

        return process;
    }
}

public sealed record AddProcess(Guid ProcessId, string Name, Guid OwningTeamId, string? Customer, string? QuestionBehind);

public sealed record DescribeProcess(string Name, string? Customer, string? QuestionBehind);

public sealed record DrawValueStreamMap(Guid MapId, MapState State, string Name, int DemandPerWeek, IReadOnlyList<ValueStreamStep> Steps);

/// <summary>The catalogue's rules: named processes, one current-state map each, tracks linked to a step that is drawn.</summary>
public static class ProcessDecisions
{
    /// <summary>Demand beyond this per week is not one process of a municipality.</summary>
    public const int MaxDemandPerWeek = 1_000_000;

    /// <summary>The question behind the question is a sentence or two, not a report.</summary>
    public const int QuestionMaxLength = 500;

    public static ProcessAdded Add(AddProcess command, Actor by, Instant now) => new(
        Ids.New("id", command.ProcessId, taken: false), Text.Name("name", command.Name),
        command.OwningTeamId == Guid.Empty ? throw DomainException.NotFound("teamId", Phrase.Of("team.notFound")) : command.OwningTeamId,
        Text.OptionalName("customer", command.Customer), Text.Optional("questionBehind", command.QuestionBehind, QuestionMaxLength), by, now);

    public static ProcessDescribed Describe(Process process, DescribeProcess command, Actor by, Instant now) => new(
        process.Id, Text.Name("name", command.Name), Text.OptionalName("customer", command.Customer),
        Text.Optional("questionBehind", command.QuestionBehind, QuestionMaxLength), by, now);

    /// <summary>
    /// A map drawn anew or again (by its id). A process has one current-state map: drawing a second one is refused,
    /// drawing the same one again is how it changes. Step ids are unique across the process's maps, except that a
    /// future map may keep the ids of the current one's steps it keeps.
    /// </summary>
    /// <param name="isNew">A new map names its id as "id" (taken: 409); one drawn again must exist ("mapId": 404).</param>
    public static ValueStreamMapDrawn Draw(Process process, DrawValueStreamMap command, bool isNew, Actor by, Instant now)
    {
        if (isNew)
        {
            _ = Ids.New("id", command.MapId, process.Id == command.MapId || process.Maps.Any(m => m.Id == command.MapId)
                || process.Maps.Any(m => m.Steps.Any(s => s.Id == command.MapId)));
        }
        else if (process.Maps.All(m => m.Id != command.MapId))
        {
            throw DomainException.NotFound("mapId", Phrase.Of("vsm.mapNotFound"));
        }

        if (command.State == MapState.Current && process.CurrentMap is { } current && current.Id != command.MapId)
        {
            throw DomainException.Conflict("state", Phrase.Of("vsm.oneCurrentMap", current.Name));
        }

        if (command.DemandPerWeek is < 0 or > MaxDemandPerWeek)
        {
            throw new DomainException("demandPerWeek", Phrase.Of("number.between", 0, MaxDemandPerWeek));
        }

        var steps = ValueStreamSteps.Validated(command.Steps);
        // A step's id names a step only: not the process, nor one of its maps.
        var mapIds = process.Maps.Select(m => m.Id).Append(command.MapId).Append(process.Id).ToHashSet();
        for (var i = 0; i < steps.Count; i++)
        {
            _ = Ids.New($"steps[{i}].id", steps[i].Id, mapIds.Contains(steps[i].Id));
        }

        // A step a track works on stays while the track does: drawn away, the link would point at nothing.
        var redrawn = process.Maps.FirstOrDefault(m => m.Id == command.MapId);
        var elsewhere = process.Maps.Where(m => m.Id != command.MapId).SelectMany(m => m.Steps).Select(s => s.Id).ToHashSet();
        if (redrawn is not null && process.Tracks.Any(t => t.StepId is { } step
                && redrawn.Steps.Any(s => s.Id == step) && steps.All(s => s.Id != step) && !elsewhere.Contains(step)))
        {
            throw DomainException.Conflict("steps", Phrase.Of("vsm.stepHasTrack"));
        }

        return new ValueStreamMapDrawn(process.Id, command.MapId, command.State, Text.Name("name", command.Name), command.DemandPerWeek, steps, by, now);
    }

    /// <summary>A track works on the process, at a step drawn in one of its maps or on the whole; linked again, it moves.</summary>
    public static TrackLinkedToProcess LinkTrack(Process process, Guid trackId, Guid? stepId, Actor by, Instant now)
    {
        if (trackId == Guid.Empty)
        {
            throw DomainException.NotFound("trackId", Phrase.Of("track.notFound"));
        }

        if (stepId is { } step && process.Maps.All(m => m.Steps.All(s => s.Id != step)))
        {
            throw DomainException.NotFound("stepId", Phrase.Of("vsm.stepNotFound"));
        }

        return new TrackLinkedToProcess(process.Id, trackId, stepId, by, now);
    }

    /// <summary>Unlinks a linked track; one unlinked already is a conflict, one never linked is not found.</summary>
    public static TrackUnlinkedFromProcess UnlinkTrack(Process process, Guid trackId, Actor by, Instant now) =>
        process.Tracks.Any(t => t.TrackId == trackId)
            ? new TrackUnlinkedFromProcess(process.Id, trackId, by, now)
            : process.FormerTracks.Contains(trackId)
                ? throw DomainException.Conflict("linkedTrackId", Phrase.Of("vsm.trackNotLinked"))
                : throw DomainException.NotFound("linkedTrackId", Phrase.Of("vsm.trackNotLinked"));
}

/// <summary>How far a team's processes are mapped and being improved: the coverage the Obeya room shows.</summary>
public sealed record TeamCoverage(Guid TeamId, int Processes, int Mapped, int Improved);

public static class ProcessCoverage
{
    /// <summary>Per owning team: its processes, those mapped, and those a running track works on.</summary>
    public static IReadOnlyList<TeamCoverage> Of(IEnumerable<Process> processes, IReadOnlySet<Guid> runningTracks) =>
        [.. processes.GroupBy(p => p.OwningTeamId).Select(team => new TeamCoverage(
            team.Key, team.Count(), team.Count(p => p.Mapped), team.Count(p => p.Tracks.Any(t => runningTracks.Contains(t.TrackId)))))];
}
