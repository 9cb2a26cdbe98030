using NodaTime;

namespace Obeya.Domain.Programmes;

/// <summary>Op koers, risico, geblokkeerd, bereikt: the status of a goal or a track on the Obeya.</summary>
public enum GoalStatus
{
    OnTrack,
    AtRisk,
    Blocked,
    Achieved,
}

public enum NodeKind
{
    Goal,
    Track,
}

/// <summary>A goal (transition or tactical) or a team's track: what a dependency connects.</summary>
public sealed record Node(NodeKind Kind, Guid Id);

/// <summary>Where an escalated impediment came from: an obstacle on a team's board.</summary>
public sealed record EscalatedObstacle(Guid TeamId, Guid TrackId, Guid ObstacleId, string TrackTitle);

public sealed record ProgrammeStarted(Guid ProgrammeId, string Name, Actor By, Instant At) : IFact;

public sealed record ProgrammeRenamed(Guid ProgrammeId, string Name, Actor By, Instant At) : IFact;

public sealed record TransitionGoalAdded(Guid ProgrammeId, Guid GoalId, string Result, string Owner, LocalDate Horizon, Actor By, Instant At) : IFact;

public sealed record TacticalGoalAdded(
    Guid ProgrammeId, Guid GoalId, Guid TransitionGoalId, string Result, string Owner, LocalDate Due, Actor By, Instant At) : IFact;

public sealed record GoalAchieved(Guid ProgrammeId, Guid GoalId, Actor By, Instant At) : IFact;

/// <summary>A team's track now serves this tactical goal (a track serves one tactical goal at a time).</summary>
public sealed record TrackLinked(Guid ProgrammeId, Guid TacticalGoalId, Guid TrackId, Guid TeamId, Actor By, Instant At) : IFact;

/// <summary>
/// Someone set a goal's status against the roll-up, with a reason. It holds while the roll-up still says
/// <see cref="DerivedWhenSet"/>; when the situation below changes, it lapses.
/// </summary>
public sealed record StatusOverridden(
    Guid ProgrammeId, Guid GoalId, GoalStatus Status, string Reason, GoalStatus DerivedWhenSet, Actor By, Instant At) : IFact;

public sealed record ImpedimentRaised(
    Guid ProgrammeId, Guid ImpedimentId, Guid GoalId, string Text, string Owner, LocalDate ExpectedBy, EscalatedObstacle? Source,
    Actor By, Instant At) : IFact;

public sealed record ImpedimentResolved(Guid ProgrammeId, Guid ImpedimentId, string Resolution, Actor By, Instant At) : IFact;

public sealed record DependencyAdded(Guid ProgrammeId, Guid DependencyId, Node From, Node To, string? Note, Actor By, Instant At) : IFact;

public sealed record TransitionGoal(Guid Id, string Result, string Owner, LocalDate Horizon, bool Achieved);

public sealed record TacticalGoal(Guid Id, Guid TransitionGoalId, string Result, string Owner, LocalDate Due, bool Achieved, IReadOnlyList<Guid> TrackIds);

public sealed record StatusOverride(GoalStatus Status, string Reason, GoalStatus DerivedWhenSet, Actor By, Instant At);

public sealed record Impediment(
    Guid Id, Guid GoalId, string Text, string Owner, LocalDate ExpectedBy, EscalatedObstacle? Source, Instant RaisedAt,
    string? Resolution = null, Instant? ResolvedAt = null)
{
    public bool IsOpen => ResolvedAt is null;
}

/// <summary>"From needs To": From cannot finish, or is held up, while To is not there.</summary>
public sealed record Dependency(Guid Id, Node From, Node To, string? Note);

/// <summary>
/// A transition (programma) as the Obeya room steers it: strategic transition goals, tactical goals under them with
/// the teams' tracks that serve them, impediments, dependencies and status overrides. Statuses are not stored: the
/// roll-up derives them from this and the tracks below (<see cref="Rollup"/>).
/// </summary>
public sealed record Programme(
    Guid Id,
    string Name,
    IReadOnlyList<TransitionGoal> TransitionGoals,
    IReadOnlyList<TacticalGoal> TacticalGoals,
    IReadOnlyList<Impediment> Impediments,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyDictionary<Guid, StatusOverride> Overrides,
    Instant LastChangedAt)
{
    public static Programme From(ProgrammeStarted e) =>
        new(e.ProgrammeId, e.Name, [], [], [], [], new Dictionary<Guid, StatusOverride>(), e.At);

    public Programme With(object e) => Dispatch(e) with { LastChangedAt = ((IFact)e).At };

    private Programme Dispatch(object e) => e switch
    {
        ProgrammeRenamed x => this with { Name = x.Name },
        TransitionGoalAdded x => this with { TransitionGoals = [.. TransitionGoals, new TransitionGoal(x.GoalId, x.Result, x.Owner, x.Horizon, false)] },
        TacticalGoalAdded x => this with
        {
            TacticalGoals = [.. TacticalGoals, new TacticalGoal(x.GoalId, x.TransitionGoalId, x.Result, x.Owner, x.Due, false, [])],
        },
        GoalAchieved x => this with
        {
            TransitionGoals = [.. TransitionGoals.Select(g => g.Id == x.GoalId ? g with { Achieved = true } : g)],
            TacticalGoals = [.. TacticalGoals.Select(g => g.Id == x.GoalId ? g with { Achieved = true } : g)],
        },
        TrackLinked x => this with
        {
            // A track serves one tactical goal: linking it elsewhere moves it.
            TacticalGoals = [.. TacticalGoals.Select(g => g with
            {
                TrackIds = g.Id == x.TacticalGoalId ? [.. g.TrackIds.Where(t => t != x.TrackId), x.TrackId] : [.. g.TrackIds.Where(t => t != x.TrackId)],
            })],
        },
        StatusOverridden x => this with
        {
            Overrides = new Dictionary<Guid, StatusOverride>(Overrides) { [x.GoalId] = new(x.Status, x.Reason, x.DerivedWhenSet, x.By, x.At) },
        },
        ImpedimentRaised x => this with
        {
            Impediments = [.. Impediments, new Impediment(x.ImpedimentId, x.GoalId, x.Text, x.Owner, x.ExpectedBy, x.Source, x.At)],
        },
        ImpedimentResolved x => this with
        {
            Impediments = [.. Impediments.Select(i => i.Id == x.ImpedimentId ? i with { Resolution = x.Resolution, ResolvedAt = x.At } : i)],
        },
        DependencyAdded x => this with { Dependencies = [.. Dependencies, new Dependency(x.DependencyId, x.From, x.To, x.Note)] },
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing programme.", nameof(e)),
    };

    /// <summary>Whether this programme already uses <paramref name="id"/> for itself, a goal, an impediment or a dependency.</summary>
    public bool Uses(Guid id) =>
        Id == id || HasGoal(id) || Impediments.Any(i => i.Id == id) || Dependencies.Any(d => d.Id == id);

    public bool HasGoal(Guid goalId) => TransitionGoals.Any(g => g.Id == goalId) || TacticalGoals.Any(g => g.Id == goalId);

    public bool HasTrack(Guid trackId) => TacticalGoals.Any(g => g.TrackIds.Contains(trackId));

    public string? ResultOf(Guid goalId) =>
        TransitionGoals.FirstOrDefault(g => g.Id == goalId)?.Result ?? TacticalGoals.FirstOrDefault(g => g.Id == goalId)?.Result;
}
