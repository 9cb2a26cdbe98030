using NodaTime;

namespace Obeya.Domain.Tracks;

public enum BetterDirection
{
    Higher,
    Lower,
}

public enum TargetConditionState
{
    Active,
    Reached,
    Dropped,
}

public enum ObstacleState
{
    Open,
    Resolved,
    Dropped,
}

public enum SmallStepState
{
    Open,
    Done,
    Dropped,
}

/// <summary>Why a track was closed: its challenge met, or stopped (it no longer serves, or another track takes over).</summary>
public enum TrackOutcome
{
    ChallengeMet,
    Stopped,
}

/// <summary>How and when a track ended, with the team's note.</summary>
public sealed record TrackClosure(TrackOutcome Outcome, string Note, Instant At);

public sealed record MetricTarget(Guid MetricId, decimal Target);

/// <summary>A dated value. A corrected measurement keeps its first value in <see cref="CorrectedFrom"/>.</summary>
public sealed record Measurement(Guid Id, LocalDate On, decimal Value, string? Note, decimal? CorrectedFrom = null, string? CorrectionReason = null);

public sealed record Metric(
    Guid Id, string Name, string Unit, BetterDirection Direction, decimal Target, IReadOnlyList<Measurement> Measurements)
{
    /// <summary>The most recent measurement by date: what "now" is for this metric.</summary>
    public Measurement? Latest => Measurements.Count == 0 ? null : Measurements.MaxBy(m => m.On);
}

public sealed record TargetCondition(
    Guid Id, string Description, LocalDate AchieveBy, IReadOnlyList<MetricTarget> MetricTargets,
    TargetConditionState State, Instant SetAt, string? EndReason = null, Instant? EndedAt = null);

public sealed record CurrentCondition(Guid Id, LocalDate On, string Description);

public sealed record Obstacle(
    Guid Id, string Text, ObstacleState State, Instant AddedAt, string? ClosingNote = null, ObstacleEscalation? Escalation = null, ObstacleOrigin? Origin = null);

/// <summary>Where an obstacle was escalated to on the Obeya, and, once resolved there, how.</summary>
public sealed record ObstacleEscalation(Guid ProgrammeId, string ProgrammeName, Guid ImpedimentId, string GoalResult, Instant At, string? Resolution = null);

/// <summary>
/// A small action with one owner, due by a coming session. More than two sessions ahead is too big. When it was agreed
/// and when it was done or dropped are what the rhythm counts with (a board stored before they were kept has none).
/// </summary>
public sealed record SmallStep(
    Guid Id, string Text, Guid OwnerId, string OwnerName, LocalDate Due, int SessionsAhead, SmallStepState State,
    Instant? AgreedAt = null, Instant? ClosedAt = null)
{
    public const int MaxSessionsAhead = 2;

    public bool IsTooBig => SessionsAhead > MaxSessionsAhead;

    public bool IsOverdueOn(LocalDate today) => State == SmallStepState.Open && Due < today;

    /// <summary>Whether the step was agreed by <paramref name="moment"/> and still open then.</summary>
    public bool IsOpenAt(Instant moment) =>
        (AgreedAt ?? Instant.MinValue) <= moment && (State == SmallStepState.Open || (ClosedAt is { } closed && closed > moment));
}

public sealed record Experiment(
    Guid Id, Guid ObstacleId, LocalDate On, string Step, string Expectation,
    string? WhatHappened, string? Learned, bool? AsExpected, Instant? LearnedAt = null)
{
    /// <summary>Planned but its result (what happened and what was learned) is not recorded yet.</summary>
    public bool IsOpen => Learned is null;
}

/// <summary>
/// One KATA storyboard (verbetertraject), folded from its events. It is both what decisions check and
/// what the storyboard screen reads. Nothing is removed: history stays in the lists.
/// </summary>
public sealed record Track(
    Guid Id,
    Guid TeamId,
    string Title,
    string Challenge,
    IReadOnlyList<TargetCondition> TargetConditions,
    IReadOnlyList<CurrentCondition> CurrentConditions,
    IReadOnlyList<Metric> Metrics,
    IReadOnlyList<Obstacle> Obstacles,
    Guid? FocusedObstacleId,
    IReadOnlyList<Experiment> Experiments,
    IReadOnlyList<SmallStep> SmallSteps,
    Instant StartedAt,
    Instant LastChangedAt,
    TrackClosure? Closure = null,
    Instant? FocusedSince = null)
{
    public bool IsClosed => Closure is not null;

    public TargetCondition? ActiveTargetCondition => TargetConditions.FirstOrDefault(t => t.State == TargetConditionState.Active);

    /// <summary>The latest description of today's situation, by date, then by when it was written.</summary>
    public CurrentCondition? CurrentCondition => CurrentConditions.Count == 0 ? null : CurrentConditions[^1];

    public Obstacle? FocusedObstacle => Obstacles.FirstOrDefault(o => o.Id == FocusedObstacleId);

    public Experiment? OpenExperiment => Experiments.FirstOrDefault(e => e.IsOpen);

    /// <summary>
    /// The one target a metric shows everywhere (storyboard, wall, print): the active target condition's target for
    /// it, else the target the metric was defined with.
    /// </summary>
    public decimal TargetOf(Metric metric) =>
        ActiveTargetCondition?.MetricTargets.FirstOrDefault(t => t.MetricId == metric.Id)?.Target ?? metric.Target;

    public static Track From(TrackStarted e) =>
        new(e.TrackId, e.TeamId, e.Title, e.Challenge, [], [], [], [], null, [], [], e.At, e.At);

    private Track With(TrackRenamed e) => this with { Title = e.Title, LastChangedAt = e.At };

    private Track With(TrackClosed e) => this with { Closure = new TrackClosure(e.Outcome, e.Note, e.At), LastChangedAt = e.At };

    private Track With(ChallengeRephrased e) => this with { Challenge = e.Challenge, LastChangedAt = e.At };

    private Track With(MetricDefined e) => this with
    {
        Metrics = [.. Metrics, new Metric(e.MetricId, e.Name, e.Unit, e.Direction, e.Target, [])],
        LastChangedAt = e.At,
    };

    private Track With(MeasurementRecorded e) => this with
    {
        Metrics = Replace(Metrics, m => m.Id == e.MetricId, m => m with
        {
            Measurements = [.. m.Measurements, new Measurement(e.MeasurementId, e.On, e.Value, e.Note)],
        }),
        LastChangedAt = e.At,
    };

    private Track With(TargetConditionSet e) => this with
    {
        TargetConditions =
        [
            .. TargetConditions,
            new TargetCondition(e.TargetConditionId, e.Description, e.AchieveBy, e.MetricTargets, TargetConditionState.Active, e.At),
        ],
        LastChangedAt = e.At,
    };

    private Track With(CurrentConditionDescribed e) => this with
    {
        // Kept in date order so that the last one is "now", whatever order they were written in.
        CurrentConditions = [.. CurrentConditions.Append(new CurrentCondition(e.CurrentConditionId, e.On, e.Description)).OrderBy(c => c.On)],
        LastChangedAt = e.At,
    };

    private Track With(ObstacleAdded e) => this with
    {
        Obstacles = [.. Obstacles, new Obstacle(e.ObstacleId, e.Text, ObstacleState.Open, e.At, Origin: e.Origin)],
        LastChangedAt = e.At,
    };

    private Track With(ObstacleFocused e) => this with { FocusedObstacleId = e.ObstacleId, FocusedSince = e.At, LastChangedAt = e.At };

    private Track With(ExperimentPlanned e) => this with
    {
        Experiments = [.. Experiments, new Experiment(e.ExperimentId, e.ObstacleId, e.On, e.Step, e.Expectation, null, null, null)],
        LastChangedAt = e.At,
    };

    private Track With(ExperimentResultRecorded e) => this with
    {
        Experiments = Replace(Experiments, x => x.Id == e.ExperimentId, x => x with
        {
            WhatHappened = e.WhatHappened,
            Learned = e.Learned,
            AsExpected = e.AsExpected,
            LearnedAt = e.At,
        }),
        LastChangedAt = e.At,
    };

    private Track With(TargetConditionReached e) => EndTargetCondition(e.TargetConditionId, TargetConditionState.Reached, e.Reason, e.At);

    private Track With(TargetConditionDropped e) => EndTargetCondition(e.TargetConditionId, TargetConditionState.Dropped, e.Reason, e.At);

    private Track EndTargetCondition(Guid id, TargetConditionState state, string reason, Instant at) => this with
    {
        TargetConditions = Replace(TargetConditions, t => t.Id == id, t => t with { State = state, EndReason = reason, EndedAt = at }),
        LastChangedAt = at,
    };

    private Track With(MeasurementCorrected e) => this with
    {
        Metrics = Replace(Metrics, m => m.Id == e.MetricId, m => m with
        {
            Measurements = Replace(m.Measurements, x => x.Id == e.MeasurementId, x => x with
            {
                Value = e.Value,
                Note = e.Note ?? x.Note,
                CorrectedFrom = x.CorrectedFrom ?? x.Value,
                CorrectionReason = e.Reason,
            }),
        }),
        LastChangedAt = e.At,
    };

    private Track With(ObstacleRephrased e) => ChangeObstacle(e.ObstacleId, o => o with { Text = e.Text }, e.At);

    private Track With(ObstacleTakenOutOfFocus e) => this with { FocusedObstacleId = null, FocusedSince = null, LastChangedAt = e.At };

    private Track With(ObstacleResolved e) =>
        ChangeObstacle(e.ObstacleId, o => o with { State = ObstacleState.Resolved, ClosingNote = e.Note }, e.At).OutOfFocus(e.ObstacleId);

    private Track With(ObstacleDropped e) =>
        ChangeObstacle(e.ObstacleId, o => o with { State = ObstacleState.Dropped, ClosingNote = e.Reason }, e.At).OutOfFocus(e.ObstacleId);

    private Track With(ObstacleReopened e) => ChangeObstacle(e.ObstacleId, o => o with { State = ObstacleState.Open, ClosingNote = null }, e.At);

    private Track With(ObstacleEscalated e) =>
        ChangeObstacle(e.ObstacleId, o => o with { Escalation = new ObstacleEscalation(e.ProgrammeId, e.ProgrammeName, e.ImpedimentId, e.GoalResult, e.At) }, e.At);

    private Track With(EscalationResolved e) =>
        ChangeObstacle(e.ObstacleId, o => o with { Escalation = o.Escalation is { } escalation ? escalation with { Resolution = e.Resolution } : null }, e.At);

    private Track ChangeObstacle(Guid id, Func<Obstacle, Obstacle> change, Instant at) =>
        this with { Obstacles = Replace(Obstacles, o => o.Id == id, change), LastChangedAt = at };

    /// <summary>A closed obstacle cannot stay in focus.</summary>
    private Track OutOfFocus(Guid obstacleId) => FocusedObstacleId == obstacleId ? this with { FocusedObstacleId = null, FocusedSince = null } : this;

    private Track With(SmallStepAgreed e) => this with
    {
        SmallSteps = [.. SmallSteps, new SmallStep(e.StepId, e.Text, e.OwnerId, e.OwnerName, e.Due, e.SessionsAhead, SmallStepState.Open, e.At)],
        LastChangedAt = e.At,
    };

    private Track With(SmallStepReassigned e) => ChangeStep(e.StepId, s => s with { OwnerId = e.OwnerId, OwnerName = e.OwnerName }, e.At);

    private Track With(SmallStepRescheduled e) => ChangeStep(e.StepId, s => s with { Due = e.Due, SessionsAhead = e.SessionsAhead }, e.At);

    private Track With(SmallStepDone e) => ChangeStep(e.StepId, s => s with { State = SmallStepState.Done, ClosedAt = e.At }, e.At);

    private Track With(SmallStepDropped e) => ChangeStep(e.StepId, s => s with { State = SmallStepState.Dropped, ClosedAt = e.At }, e.At);

    private Track ChangeStep(Guid id, Func<SmallStep, SmallStep> change, Instant at) =>
        this with { SmallSteps = Replace(SmallSteps, s => s.Id == id, change), LastChangedAt = at };

    /// <summary>Applies any track event: for folding a list of events (tests, demo data, time travel).</summary>
    public Track With(object e) => Dispatch(e);

    private Track Dispatch(object e) => e switch
    {
        ChallengeRephrased x => With(x),
        TrackRenamed x => With(x),
        TrackClosed x => With(x),
        MetricDefined x => With(x),
        MeasurementRecorded x => With(x),
        TargetConditionSet x => With(x),
        CurrentConditionDescribed x => With(x),
        ObstacleAdded x => With(x),
        ObstacleFocused x => With(x),
        ExperimentPlanned x => With(x),
        ExperimentResultRecorded x => With(x),
        TargetConditionReached x => With(x),
        TargetConditionDropped x => With(x),
        MeasurementCorrected x => With(x),
        ObstacleRephrased x => With(x),
        ObstacleTakenOutOfFocus x => With(x),
        ObstacleResolved x => With(x),
        ObstacleDropped x => With(x),
        ObstacleReopened x => With(x),
        ObstacleEscalated x => With(x),
        EscalationResolved x => With(x),
        SmallStepAgreed x => With(x),
        SmallStepReassigned x => With(x),
        SmallStepRescheduled x => With(x),
        SmallStepDone x => With(x),
        SmallStepDropped x => With(x),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing track.", nameof(e)),
    };

    /// <summary>The track that a stream of events describes; the first must be <see cref="TrackStarted"/>.</summary>
    public static Track Replay(IEnumerable<object> events)
    {
        Track? track = null;
        foreach (var e in events)
        {
            track = track is null ? From((TrackStarted)e) : track.With(e);
        }

        return track ?? throw new ArgumentException("A track starts with TrackStarted.", nameof(events));
    }

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, Func<T, bool> match, Func<T, T> change) =>
        [.. items.Select(item => match(item) ? change(item) : item)];
}
