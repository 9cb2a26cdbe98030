using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tracks;

/// <summary>
/// The rules of a KATA storyboard as pure functions: the track as it is, a command, who acts and when,
/// in; the events that follow, out. A broken rule throws a <see cref="DomainException"/> naming the field.
/// </summary>
public static class TrackDecisions
{
    public static TrackStarted Start(Team team, StartTrack command, Actor by, Instant now) =>
        new(Ids.New("id", command.TrackId, taken: command.TrackId == team.Id), team.Id, Text.Name("title", command.Title), Text.Free("challenge", command.Challenge), by, now);

    public static ChallengeRephrased RephraseChallenge(Track track, RephraseChallenge command, Actor by, Instant now) =>
        new(Open(track).Id, Text.Free("challenge", command.Challenge), by, now);

    /// <summary>A track's title is a one-line name, like its team's.</summary>
    public static TrackRenamed Rename(Track track, RenameTrack command, Actor by, Instant now)
    {
        EnsureOpen(track);
        return new TrackRenamed(track.Id, Text.Name("title", command.Title), by, now);
    }

    /// <summary>
    /// A track ends when its challenge is met or the team stops it, with a short note why. Nothing is removed: the board
    /// stays readable, in history and in the past views, and every later change to it is refused.
    /// </summary>
    public static TrackClosed Close(Track track, CloseTrack command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var outcome = command.Outcome is { } chosen && Enum.IsDefined(chosen)
            ? chosen
            : throw new DomainException("outcome", Phrase.Of("track.chooseOutcome"));
        return new TrackClosed(track.Id, outcome, Text.Free("note", command.Note), by, now);
    }

    /// <summary>Whether the track still takes changes; a closed one is refused, naming the track.</summary>
    public static void EnsureOpen(Track track)
    {
        if (track.Closure is { } closure)
        {
            throw DomainException.Conflict(
                "trackId",
                closure.Outcome == TrackOutcome.ChallengeMet ? Phrase.Of("track.closedChallengeMet") : Phrase.Of("track.closedStopped"));
        }
    }

    private static Track Open(Track track)
    {
        EnsureOpen(track);
        return track;
    }

    public static MetricDefined DefineMetric(Track track, DefineMetric command, Actor by, Instant now)
    {
        EnsureOpen(track);
        EnsureNew(track, command.MetricId);
        var name = Text.Name("name", command.Name);
        if (track.Metrics.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw DomainException.Conflict("name", Phrase.Of("track.metricExists", name));
        }

        if (!Enum.IsDefined(command.Direction))
        {
            throw new DomainException("direction", Phrase.Of("track.chooseDirection"));
        }

        return new MetricDefined(track.Id, command.MetricId, name, Text.Name("unit", command.Unit), command.Direction, Bounds.Number("target", command.Target), by, now);
    }

    public static MeasurementRecorded RecordMeasurement(Track track, RecordMeasurement command, Actor by, Instant now)
    {
        EnsureOpen(track);
        EnsureNew(track, command.MeasurementId);
        _ = MetricOf(track, command.MetricId);
        return new MeasurementRecorded(
            track.Id, command.MetricId, command.MeasurementId, Bounds.Date("on", command.On), Bounds.Number("value", command.Value),
            Text.Optional("note", command.Note), by, now);
    }

    /// <summary>At most one target condition is active; it is measurable and lies ahead (in the team's zone).</summary>
    public static TargetConditionSet SetTargetCondition(Track track, SetTargetCondition command, Actor by, Instant now, DateTimeZone zone)
    {
        EnsureOpen(track);
        EnsureNew(track, command.TargetConditionId);
        if (track.ActiveTargetCondition is { } active)
        {
            throw DomainException.Conflict(
                "targetCondition",
                Phrase.Of("track.targetConditionActive", active.Description));
        }

        var description = Text.Free("description", command.Description);
        if (Bounds.Date("achieveBy", command.AchieveBy) < now.InZone(zone).Date)
        {
            throw new DomainException("achieveBy", Phrase.Of("track.achieveByInPast"));
        }

        if (command.MetricTargets is null || command.MetricTargets.Count == 0)
        {
            throw new DomainException("metricTargets", Phrase.Of("track.metricTargetsMissing"));
        }

        var targets = new List<MetricTarget>();
        for (var i = 0; i < command.MetricTargets.Count; i++)
        {
            var target = command.MetricTargets[i] ?? throw new DomainException($"metricTargets[{i}]", Phrase.Of("text.required"));
            _ = MetricOf(track, target.MetricId, $"metricTargets[{i}].metricId");
            if (targets.Any(t => t.MetricId == target.MetricId))
            {
                throw new DomainException($"metricTargets[{i}].metricId", Phrase.Of("track.metricTargetTwice"));
            }

            targets.Add(new MetricTarget(target.MetricId, Bounds.Number($"metricTargets[{i}].target", target.Target)));
        }

        return new TargetConditionSet(track.Id, command.TargetConditionId, description, command.AchieveBy, targets, by, now);
    }

    public static CurrentConditionDescribed DescribeCurrentCondition(Track track, DescribeCurrentCondition command, Actor by, Instant now)
    {
        EnsureOpen(track);
        EnsureNew(track, command.CurrentConditionId);
        return new CurrentConditionDescribed(
            track.Id, command.CurrentConditionId, Bounds.Date("on", command.On), Text.Free("description", command.Description), by, now);
    }

    public static ObstacleAdded AddObstacle(Track track, AddObstacle command, Actor by, Instant now)
    {
        EnsureOpen(track);
        EnsureNew(track, command.ObstacleId);
        return new ObstacleAdded(track.Id, command.ObstacleId, Text.Free("text", command.Text), by, now);
    }

    /// <summary>Focusing an obstacle takes focus from the one that had it: at most one is ever in focus.</summary>
    public static ObstacleFocused FocusObstacle(Track track, FocusObstacle command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var obstacle = ObstacleOf(track, command.ObstacleId);
        if (obstacle.State != ObstacleState.Open)
        {
            throw DomainException.Conflict("obstacleId", Phrase.Of("track.onlyOpenObstacleInFocus"));
        }

        if (track.FocusedObstacleId == obstacle.Id)
        {
            throw DomainException.Conflict("obstacleId", Phrase.Of("track.obstacleAlreadyInFocus"));
        }

        if (track.FocusedObstacle is { } focused)
        {
            RefuseWhileExperimentRuns(track, focused);
        }

        return new ObstacleFocused(track.Id, obstacle.Id, by, now);
    }

    /// <summary>An experiment is always against the obstacle in focus, and one runs at a time.</summary>
    public static ExperimentPlanned PlanExperiment(Track track, PlanExperiment command, Actor by, Instant now)
    {
        EnsureOpen(track);
        EnsureNew(track, command.ExperimentId);
        if (track.FocusedObstacle is not { } focused)
        {
            throw DomainException.Conflict("obstacleId", Phrase.Of("track.focusObstacleFirst"));
        }

        if (track.OpenExperiment is { } open)
        {
            throw DomainException.Conflict(
                "experimentId", Phrase.Of("track.experimentRunning", open.Step));
        }

        return new ExperimentPlanned(
            track.Id, command.ExperimentId, focused.Id, Bounds.Date("on", command.On),
            Text.Free("step", command.Step), Text.Free("expectation", command.Expectation), by, now);
    }

    /// <summary>A result is complete only with what happened and what was learned.</summary>
    public static ExperimentResultRecorded RecordExperimentResult(Track track, RecordExperimentResult command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var experiment = track.Experiments.FirstOrDefault(e => e.Id == command.ExperimentId)
            ?? throw DomainException.NotFound("experimentId", Phrase.Of("track.experimentNotFound"));
        if (!experiment.IsOpen)
        {
            throw DomainException.Conflict("experimentId", Phrase.Of("track.experimentResultRecorded"));
        }

        return new ExperimentResultRecorded(
            track.Id, experiment.Id, Text.Free("whatHappened", command.WhatHappened),
            Text.Free("learned", command.Learned), command.AsExpected, by, now);
    }

    /// <summary>The active target condition ends as reached or dropped, with a reason; it stays in history.</summary>
    public static object EndTargetCondition(Track track, EndTargetCondition command, bool reached, Actor by, Instant now)
    {
        EnsureOpen(track);
        var condition = track.TargetConditions.FirstOrDefault(t => t.Id == command.TargetConditionId)
            ?? throw DomainException.NotFound("targetConditionId", Phrase.Of("track.targetConditionNotFound"));
        if (condition.State != TargetConditionState.Active)
        {
            throw DomainException.Conflict("targetConditionId", Phrase.Of("track.targetConditionEnded"));
        }

        var reason = Text.Free("reason", command.Reason);
        return reached
            ? new TargetConditionReached(track.Id, condition.Id, reason, by, now)
            : new TargetConditionDropped(track.Id, condition.Id, reason, by, now);
    }

    /// <summary>A wrong measurement is corrected, never deleted: the first value stays visible.</summary>
    /// <summary>The reason a correction by an import gives, in the board's language of record.</summary>
    public const string ImportCorrectionReason = "Gecorrigeerd bij een import";

    /// <summary>
    /// A file of measurements as one change: a measurement for each new date and, as chosen, a correction for each date
    /// already measured with another value. Rows are checked again as the domain checks one measurement; nothing is
    /// decided when none changes anything (the same file imported twice).
    /// </summary>
    public static IReadOnlyList<IFact> ImportMeasurements(Track track, ImportMeasurements command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var metric = MetricOf(track, command.MetricId);
        if (command.Rows.Count > MeasurementFile.MaxRows)
        {
            throw new DomainException("rows", Phrase.Of("import.tooManyRows", command.Rows.Count, MeasurementFile.MaxRows));
        }

        if (command.Rows.GroupBy(r => r.On).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException("rows", Phrase.Of("import.dateTwice", twice.Key, twice.First().Line));
        }

        var rows = command.Rows
            .Select(r => r with { On = Bounds.Date("on", r.On), Value = Bounds.Number("value", r.Value), Note = Text.Optional("note", r.Note) })
            .ToList();
        var plan = MeasurementImportPlan.Of(metric, rows, command.Duplicates);
        return
        [
            .. plan.New.Select(r => new MeasurementRecorded(track.Id, metric.Id, Guid.CreateVersion7(), r.On, r.Value, r.Note, by, now)),
            .. plan.Corrections.Select(c => new MeasurementCorrected(
                track.Id, metric.Id, c.Stored.Id, c.Row.Value, c.Row.Note ?? c.Stored.Note, ImportCorrectionReason, by, now)),
        ];
    }

    public static MeasurementCorrected CorrectMeasurement(Track track, CorrectMeasurement command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var metric = MetricOf(track, command.MetricId);
        if (metric.Measurements.All(m => m.Id != command.MeasurementId))
        {
            throw DomainException.NotFound("measurementId", Phrase.Of("track.measurementNotFound"));
        }

        return new MeasurementCorrected(
            track.Id, metric.Id, command.MeasurementId, Bounds.Number("value", command.Value), Text.Optional("note", command.Note),
            Text.Free("reason", command.Reason), by, now);
    }

    public static ObstacleRephrased RephraseObstacle(Track track, RephraseObstacle command, Actor by, Instant now) =>
        new(track.Id, OpenObstacleOf(Open(track), command.ObstacleId).Id, Text.Free("text", command.Text), by, now);

    public static ObstacleTakenOutOfFocus TakeObstacleOutOfFocus(Track track, TakeObstacleOutOfFocus command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var obstacle = ObstacleOf(track, command.ObstacleId);
        if (track.FocusedObstacleId != obstacle.Id)
        {
            throw DomainException.Conflict("obstacleId", Phrase.Of("track.obstacleNotInFocus"));
        }

        RefuseWhileExperimentRuns(track, obstacle);
        return new ObstacleTakenOutOfFocus(track.Id, obstacle.Id, by, now);
    }

    /// <summary>An obstacle is resolved (or dropped) once no experiment runs against it; it leaves the focus.</summary>
    public static object CloseObstacle(Track track, CloseObstacle command, bool resolved, Actor by, Instant now)
    {
        EnsureOpen(track);
        var obstacle = OpenObstacleOf(track, command.ObstacleId);
        RefuseWhileExperimentRuns(track, obstacle);
        // Named as the API and the screens send it: a note, why it was resolved or dropped.
        var note = Text.Optional("note", command.Note);
        return resolved
            ? new ObstacleResolved(track.Id, obstacle.Id, note, by, now)
            : new ObstacleDropped(track.Id, obstacle.Id, note, by, now);
    }

    public static ObstacleReopened ReopenObstacle(Track track, ReopenObstacle command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var obstacle = ObstacleOf(track, command.ObstacleId);
        if (obstacle.State == ObstacleState.Open)
        {
            throw DomainException.Conflict("obstacleId", Phrase.Of("track.obstacleAlreadyOpen"));
        }

        return new ObstacleReopened(track.Id, obstacle.Id, by, now);
    }

    /// <summary>A small step has exactly one owner, a member of the team, and a due date that is not past.</summary>
    public static SmallStepAgreed AgreeSmallStep(Track track, Team team, AgreeSmallStep command, Actor by, Instant now)
    {
        EnsureOpen(track);
        EnsureNew(track, command.StepId);
        var text = Text.Free("text", command.Text);
        var owner = OwnerOf(team, command.OwnerId);
        var sessionsAhead = SessionsAhead(team, command.Due, now);
        return new SmallStepAgreed(track.Id, command.StepId, text, owner.Id, owner.Name, command.Due, sessionsAhead, by, now);
    }

    public static SmallStepReassigned ReassignSmallStep(Track track, Team team, ReassignSmallStep command, Actor by, Instant now)
    {
        EnsureOpen(track);
        var step = OpenStepOf(track, command.StepId);
        var owner = OwnerOf(team, command.OwnerId);
        if (owner.Id == step.OwnerId)
        {
            throw DomainException.Conflict("ownerId", Phrase.Of("track.alreadyStepOwner", owner.Name));
        }

        return new SmallStepReassigned(track.Id, step.Id, owner.Id, owner.Name, by, now);
    }

    public static SmallStepRescheduled RescheduleSmallStep(Track track, Team team, RescheduleSmallStep command, Actor by, Instant now) =>
        new(track.Id, OpenStepOf(Open(track), command.StepId).Id, command.Due, SessionsAhead(team, command.Due, now), by, now);

    public static SmallStepDone FinishSmallStep(Track track, FinishSmallStep command, Actor by, Instant now) =>
        new(track.Id, OpenStepOf(Open(track), command.StepId).Id, by, now);

    public static SmallStepDropped DropSmallStep(Track track, DropSmallStep command, Actor by, Instant now) =>
        new(track.Id, OpenStepOf(Open(track), command.StepId).Id, Text.Optional("note", command.Reason), by, now);

    private static TeamMember OwnerOf(Team team, Guid ownerId) =>
        team.Member(ownerId) ?? throw new DomainException("ownerId", Phrase.Of("track.stepOwnerNotMember"));

    private static int SessionsAhead(Team team, LocalDate due, Instant now)
    {
        if (Bounds.Date("due", due) < now.InZone(team.Cadence.GetZone()).Date)
        {
            throw new DomainException("due", Phrase.Of("date.inPast"));
        }

        return team.Cadence.SessionsUntil(now, due);
    }

    private static SmallStep OpenStepOf(Track track, Guid stepId)
    {
        var step = track.SmallSteps.FirstOrDefault(s => s.Id == stepId)
            ?? throw DomainException.NotFound("stepId", Phrase.Of("track.stepNotFound"));
        return step.State == SmallStepState.Open
            ? step
            : throw DomainException.Conflict("stepId", step.State == SmallStepState.Done ? Phrase.Of("track.stepDone") : Phrase.Of("track.stepDropped"));
    }

    private static Obstacle OpenObstacleOf(Track track, Guid obstacleId)
    {
        var obstacle = ObstacleOf(track, obstacleId);
        return obstacle.State == ObstacleState.Open
            ? obstacle
            : throw DomainException.Conflict("obstacleId", Phrase.Of("track.obstacleClosed"));
    }

    private static void RefuseWhileExperimentRuns(Track track, Obstacle obstacle)
    {
        if (track.OpenExperiment is { } open && open.ObstacleId == obstacle.Id)
        {
            throw DomainException.Conflict(
                "obstacleId", Phrase.Of("track.experimentRunningOnObstacle", open.Step));
        }
    }

    /// <summary>
    /// Callers choose the ids of new things (so a retry names the same thing); an id already on the board is refused,
    /// whatever it names.
    /// </summary>
    private static void EnsureNew(Track track, Guid id) => Ids.New("id", id, Uses(track, id));

    private static bool Uses(Track track, Guid id) =>
        track.Id == id
            || track.Metrics.Any(m => m.Id == id || m.Measurements.Any(x => x.Id == id))
            || track.TargetConditions.Any(t => t.Id == id)
            || track.CurrentConditions.Any(c => c.Id == id)
            || track.Obstacles.Any(o => o.Id == id)
            || track.Experiments.Any(e => e.Id == id)
            || track.SmallSteps.Any(s => s.Id == id);

    private static Metric MetricOf(Track track, Guid metricId, string field = "metricId") =>
        track.Metrics.FirstOrDefault(m => m.Id == metricId)
        ?? throw DomainException.NotFound(field, Phrase.Of("track.metricNotFound"));

    private static Obstacle ObstacleOf(Track track, Guid obstacleId) =>
        track.Obstacles.FirstOrDefault(o => o.Id == obstacleId)
        ?? throw DomainException.NotFound("obstacleId", Phrase.Of("track.obstacleNotFound"));
}
