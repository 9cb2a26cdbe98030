using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tracks;

/// <summary>
/// The rules of a KATA storyboard as pure functions: the track as it is, a command, who acts and when,
/// in; the events that follow, out. A broken rule throws a <see cref="DomainException"/> naming the field.
/// </summary>
public static class TrackDecisions
{
    public static TrackStarted Start(Team team, StartTrack command, string by, Instant now) =>
        new(command.TrackId, team.Id, Text.Name("title", command.Title), Text.Free("challenge", command.Challenge), by, now);

    public static ChallengeRephrased RephraseChallenge(Track track, RephraseChallenge command, string by, Instant now) =>
        new(track.Id, Text.Free("challenge", command.Challenge), by, now);

    public static MetricDefined DefineMetric(Track track, DefineMetric command, string by, Instant now)
    {
        var name = Text.Name("name", command.Name);
        if (track.Metrics.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw DomainException.Conflict("name", $"Er is al een meetcriterium '{name}'.");
        }

        if (!Enum.IsDefined(command.Direction))
        {
            throw new DomainException("direction", "Kies of hoger of lager beter is.");
        }

        return new MetricDefined(track.Id, command.MetricId, name, Text.Name("unit", command.Unit), command.Direction, command.Target, by, now);
    }

    public static MeasurementRecorded RecordMeasurement(Track track, RecordMeasurement command, string by, Instant now)
    {
        _ = MetricOf(track, command.MetricId);
        return new MeasurementRecorded(
            track.Id, command.MetricId, command.MeasurementId, command.On, command.Value, Text.Optional("note", command.Note), by, now);
    }

    /// <summary>At most one target condition is active; it is measurable and lies ahead (in the team's zone).</summary>
    public static TargetConditionSet SetTargetCondition(Track track, SetTargetCondition command, string by, Instant now, DateTimeZone zone)
    {
        if (track.ActiveTargetCondition is { } active)
        {
            throw DomainException.Conflict(
                "targetCondition",
                $"Er is al een actieve doeltoestand ('{active.Description}'). Markeer die eerst als bereikt of laat hem vallen.");
        }

        var description = Text.Free("description", command.Description);
        if (command.AchieveBy < now.InZone(zone).Date)
        {
            throw new DomainException("achieveBy", "De datum waarop de doeltoestand bereikt moet zijn, ligt in het verleden.");
        }

        if (command.MetricTargets is null || command.MetricTargets.Count == 0)
        {
            throw new DomainException("metricTargets", "Een doeltoestand is meetbaar: geef minstens één meetcriterium met een doelwaarde.");
        }

        foreach (var target in command.MetricTargets)
        {
            _ = MetricOf(track, target.MetricId, "metricTargets");
        }

        return new TargetConditionSet(track.Id, command.TargetConditionId, description, command.AchieveBy, command.MetricTargets, by, now);
    }

    public static CurrentConditionDescribed DescribeCurrentCondition(Track track, DescribeCurrentCondition command, string by, Instant now) =>
        new(track.Id, command.CurrentConditionId, command.On, Text.Free("description", command.Description), by, now);

    public static ObstacleAdded AddObstacle(Track track, AddObstacle command, string by, Instant now) =>
        new(track.Id, command.ObstacleId, Text.Free("text", command.Text), by, now);

    /// <summary>Focusing an obstacle takes focus from the one that had it: at most one is ever in focus.</summary>
    public static ObstacleFocused FocusObstacle(Track track, FocusObstacle command, string by, Instant now)
    {
        var obstacle = ObstacleOf(track, command.ObstacleId);
        if (obstacle.State != ObstacleState.Open)
        {
            throw DomainException.Conflict("obstacleId", "Alleen een open obstakel kan in focus staan.");
        }

        if (track.OpenExperiment is { } open && open.ObstacleId != obstacle.Id)
        {
            throw DomainException.Conflict(
                "obstacleId", $"Het experiment '{open.Step}' loopt nog tegen het huidige obstakel. Leg eerst de uitkomst vast.");
        }

        return new ObstacleFocused(track.Id, obstacle.Id, by, now);
    }

    /// <summary>An experiment is always against the obstacle in focus, and one runs at a time.</summary>
    public static ExperimentPlanned PlanExperiment(Track track, PlanExperiment command, string by, Instant now)
    {
        if (track.FocusedObstacle is not { } focused)
        {
            throw DomainException.Conflict("obstacleId", "Zet eerst een obstakel in focus: een experiment is altijd gericht op een obstakel.");
        }

        if (track.OpenExperiment is { } open)
        {
            throw DomainException.Conflict(
                "experimentId", $"Het experiment '{open.Step}' loopt nog. Leg eerst vast wat er gebeurde en wat jullie leerden.");
        }

        return new ExperimentPlanned(
            track.Id, command.ExperimentId, focused.Id, command.On,
            Text.Free("step", command.Step), Text.Free("expectation", command.Expectation), by, now);
    }

    /// <summary>A result is complete only with what happened and what was learned.</summary>
    public static ExperimentResultRecorded RecordExperimentResult(Track track, RecordExperimentResult command, string by, Instant now)
    {
        var experiment = track.Experiments.FirstOrDefault(e => e.Id == command.ExperimentId)
            ?? throw DomainException.NotFound("experimentId", "Dit experiment bestaat niet op dit bord.");
        if (!experiment.IsOpen)
        {
            throw DomainException.Conflict("experimentId", "De uitkomst van dit experiment is al vastgelegd.");
        }

        return new ExperimentResultRecorded(
            track.Id, experiment.Id, Text.Free("whatHappened", command.WhatHappened),
            Text.Free("learned", command.Learned), command.AsExpected, by, now);
    }

    private static Metric MetricOf(Track track, Guid metricId, string field = "metricId") =>
        track.Metrics.FirstOrDefault(m => m.Id == metricId)
        ?? throw DomainException.NotFound(field, "Dit meetcriterium bestaat niet op dit bord.");

    private static Obstacle ObstacleOf(Track track, Guid obstacleId) =>
        track.Obstacles.FirstOrDefault(o => o.Id == obstacleId)
        ?? throw DomainException.NotFound("obstacleId", "Dit obstakel bestaat niet op dit bord.");
}
