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

public sealed record MetricTarget(Guid MetricId, decimal Target);

public sealed record Measurement(Guid Id, LocalDate On, decimal Value, string? Note);

public sealed record Metric(
    Guid Id, string Name, string Unit, BetterDirection Direction, decimal Target, IReadOnlyList<Measurement> Measurements)
{
    /// <summary>The most recent measurement by date: what "now" is for this metric.</summary>
    public Measurement? Latest => Measurements.Count == 0 ? null : Measurements.MaxBy(m => m.On);
}

public sealed record TargetCondition(
    Guid Id, string Description, LocalDate AchieveBy, IReadOnlyList<MetricTarget> MetricTargets,
    TargetConditionState State, Instant SetAt);

public sealed record CurrentCondition(Guid Id, LocalDate On, string Description);

public sealed record Obstacle(Guid Id, string Text, ObstacleState State, Instant AddedAt);

public sealed record Experiment(
    Guid Id, Guid ObstacleId, LocalDate On, string Step, string Expectation,
    string? WhatHappened, string? Learned, bool? AsExpected)
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
    Instant StartedAt,
    Instant LastChangedAt)
{
    public TargetCondition? ActiveTargetCondition => TargetConditions.FirstOrDefault(t => t.State == TargetConditionState.Active);

    /// <summary>The latest description of today's situation, by date, then by when it was written.</summary>
    public CurrentCondition? CurrentCondition => CurrentConditions.Count == 0 ? null : CurrentConditions[^1];

    public Obstacle? FocusedObstacle => Obstacles.FirstOrDefault(o => o.Id == FocusedObstacleId);

    public Experiment? OpenExperiment => Experiments.FirstOrDefault(e => e.IsOpen);

    public static Track From(TrackStarted e) =>
        new(e.TrackId, e.TeamId, e.Title, e.Challenge, [], [], [], [], null, [], e.At, e.At);

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
        Obstacles = [.. Obstacles, new Obstacle(e.ObstacleId, e.Text, ObstacleState.Open, e.At)],
        LastChangedAt = e.At,
    };

    private Track With(ObstacleFocused e) => this with { FocusedObstacleId = e.ObstacleId, LastChangedAt = e.At };

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
        }),
        LastChangedAt = e.At,
    };

    /// <summary>Applies any track event: for folding a list of events (tests, demo data, time travel).</summary>
    public Track With(object e) => e switch
    {
        ChallengeRephrased x => With(x),
        MetricDefined x => With(x),
        MeasurementRecorded x => With(x),
        TargetConditionSet x => With(x),
        CurrentConditionDescribed x => With(x),
        ObstacleAdded x => With(x),
        ObstacleFocused x => With(x),
        ExperimentPlanned x => With(x),
        ExperimentResultRecorded x => With(x),
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
