using NodaTime;

namespace Obeya.Domain.Tracks;

/// <summary>
/// One line of a track's history: who did what, when. <see cref="Action"/> is what was done without its subject
/// ("zette obstakel '…' in focus"), so the web layer can tell it with the actor's current name.
/// </summary>
public sealed record HistoryEntry(long Version, Instant At, Actor By, Phrase Action);

/// <summary>
/// A track's history and its past states, read from its events alone. Each phrase is told against the board as it
/// stood just before the event, so "focus" can name the obstacle by its text at that moment.
/// </summary>
public static class TrackHistory
{
    /// <summary>A value the board no longer has, as the sentence shows it.</summary>
    private const string Unknown = "?";

    public static IReadOnlyList<HistoryEntry> Of(IReadOnlyList<object> events)
    {
        var entries = new List<HistoryEntry>(events.Count);
        Track? before = null;
        foreach (var e in events)
        {
            entries.Add(Next(ref before, e, entries.Count + 1));
        }

        return entries;
    }

    /// <summary>
    /// The entry of <paramref name="e"/> told against <paramref name="before"/>, which then moves on past it: for
    /// telling a stream a piece at a time (the audit trail keeps where it got to).
    /// </summary>
    public static HistoryEntry Next(ref Track? before, object e, long version)
    {
        var fact = (IFact)e;
        var entry = new HistoryEntry(version, fact.At, fact.By, Describe(e, before));
        before = before is null ? Track.From((TrackStarted)e) : before.With(e);
        return entry;
    }

    /// <summary>
    /// The board as it stood at <paramref name="moment"/>, or null if the track had not started yet. Only the leading
    /// events count: should clocks ever disagree, a later event stamped earlier must not build a board that never was.
    /// </summary>
    public static Track? AsOf(IEnumerable<object> events, Instant moment)
    {
        var until = Until(events, moment);
        return until.Count == 0 ? null : Track.Replay(until);
    }

    /// <summary>The events that made the board as it stood at <paramref name="moment"/>: their count is its version then.</summary>
    public static IReadOnlyList<object> Until(IEnumerable<object> events, Instant moment) =>
        [.. events.TakeWhile(e => ((IFact)e).At <= moment)];

    /// <summary>What <paramref name="e"/> did, told against the board <paramref name="t"/> as it stood just before it.</summary>
    public static Phrase Describe(object e, Track? t) => e switch
    {
        TrackStarted x => Phrase.Of("history.track.started", x.Title, x.Challenge),
        ChallengeRephrased x => Phrase.Of("history.track.challengeRephrased", x.Challenge),
        TrackRenamed x => Phrase.Of("history.track.renamed", t?.Title, x.Title),
        TrackClosed x => Phrase.Of("history.track.closed", x.Outcome == TrackOutcome.ChallengeMet ? Phrase.Of("history.track.outcome.challengeMet") : Phrase.Of("history.track.outcome.stopped"), x.Note),
        MetricDefined x => Phrase.Of("history.track.metricDefined", x.Name, x.Target, x.Unit, x.Direction == BetterDirection.Higher ? Phrase.Of("history.track.higher") : Phrase.Of("history.track.lower")),
        MeasurementRecorded x => Phrase.Of("history.track.measurementRecorded", Metric(t, x.MetricId)?.Name, x.Value, Metric(t, x.MetricId)?.Unit, x.On),
        MeasurementCorrected x => Corrected(t, x),
        TargetConditionSet x => Phrase.Of("history.track.targetConditionSet", x.Description, x.AchieveBy),
        TargetConditionReached x => Phrase.Of("history.track.targetConditionReached", Condition(t, x.TargetConditionId), x.Reason),
        TargetConditionDropped x => Phrase.Of("history.track.targetConditionDropped", Condition(t, x.TargetConditionId), x.Reason),
        CurrentConditionDescribed x => Phrase.Of("history.track.currentConditionDescribed", x.On, x.Description),
        ObstacleAdded x => Phrase.Of("history.track.obstacleAdded", x.Text),
        ObstacleRephrased x => Phrase.Of("history.track.obstacleRephrased", Obstacle(t, x.ObstacleId), x.Text),
        ObstacleFocused x => Phrase.Of("history.track.obstacleFocused", Obstacle(t, x.ObstacleId)),
        ObstacleTakenOutOfFocus x => Phrase.Of("history.track.obstacleTakenOutOfFocus", Obstacle(t, x.ObstacleId)),
        ObstacleResolved { Note: { } note } x => Phrase.Of("history.track.obstacleResolvedWithNote", Obstacle(t, x.ObstacleId), note),
        ObstacleResolved x => Phrase.Of("history.track.obstacleResolved", Obstacle(t, x.ObstacleId)),
        ObstacleDropped { Reason: { } reason } x => Phrase.Of("history.track.obstacleDroppedWithReason", Obstacle(t, x.ObstacleId), reason),
        ObstacleDropped x => Phrase.Of("history.track.obstacleDropped", Obstacle(t, x.ObstacleId)),
        ObstacleReopened x => Phrase.Of("history.track.obstacleReopened", Obstacle(t, x.ObstacleId)),
        ObstacleEscalated x => Phrase.Of("history.track.obstacleEscalated", Obstacle(t, x.ObstacleId), x.GoalResult, x.ProgrammeName),
        EscalationResolved x => Phrase.Of("history.track.escalationResolved", Obstacle(t, x.ObstacleId), x.Resolution),
        ExperimentPlanned x => Phrase.Of("history.track.experimentPlanned", Obstacle(t, x.ObstacleId), x.Step, x.Expectation),
        ExperimentResultRecorded x =>
            Phrase.Of("history.track.experimentResultRecorded", Experiment(t, x.ExperimentId), x.AsExpected ? Phrase.Of("history.track.asExpected") : Phrase.Of("history.track.notAsExpected"), x.WhatHappened, x.Learned),
        SmallStepAgreed x => Phrase.Of("history.track.smallStepAgreed", x.Text, x.OwnerName, x.Due),
        SmallStepReassigned x => Phrase.Of("history.track.smallStepReassigned", Step(t, x.StepId), x.OwnerName),
        SmallStepRescheduled x => Phrase.Of("history.track.smallStepRescheduled", Step(t, x.StepId), x.Due),
        SmallStepDone x => Phrase.Of("history.track.smallStepDone", Step(t, x.StepId)),
        SmallStepDropped { Reason: { } reason } x => Phrase.Of("history.track.smallStepDroppedWithReason", Step(t, x.StepId), reason),
        SmallStepDropped x => Phrase.Of("history.track.smallStepDropped", Step(t, x.StepId)),
        _ => UnknownEvent(e),
    };

    /// <summary>What a version of Obeya that does not know <paramref name="e"/> can still say of it.</summary>
    public static Phrase UnknownEvent(object e) => Phrase.Of("history.unknownEvent", e.GetType().Name);

    private static Phrase Corrected(Track? t, MeasurementCorrected x)
    {
        var metric = Metric(t, x.MetricId);
        var old = metric?.Measurements.FirstOrDefault(m => m.Id == x.MeasurementId);
        return Phrase.Of("history.track.measurementCorrected", old is null ? Unknown : (object)old.On, metric?.Name, old is null ? Unknown : (object)old.Value, x.Value, x.Reason);
    }

    private static Metric? Metric(Track? t, Guid id) => t?.Metrics.FirstOrDefault(m => m.Id == id);

    private static string? Condition(Track? t, Guid id) => t?.TargetConditions.FirstOrDefault(c => c.Id == id)?.Description;

    private static string? Obstacle(Track? t, Guid id) => t?.Obstacles.FirstOrDefault(o => o.Id == id)?.Text;

    private static string? Experiment(Track? t, Guid id) => t?.Experiments.FirstOrDefault(x => x.Id == id)?.Step;

    private static string? Step(Track? t, Guid id) => t?.SmallSteps.FirstOrDefault(s => s.Id == id)?.Text;
}
