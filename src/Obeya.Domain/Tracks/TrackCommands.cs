using NodaTime;

namespace Obeya.Domain.Tracks;

// What a person asks of a track. Ids of new things are chosen by the caller, so a retried command
// names the same thing and the host can recognise it.

public sealed record StartTrack(Guid TrackId, string Title, string Challenge);

public sealed record RephraseChallenge(string Challenge);

public sealed record RenameTrack(string Title);

public sealed record CloseTrack(TrackOutcome? Outcome, string Note);

public sealed record DefineMetric(Guid MetricId, string Name, string Unit, BetterDirection Direction, decimal Target);

public sealed record RecordMeasurement(Guid MetricId, Guid MeasurementId, LocalDate On, decimal Value, string? Note);

public sealed record SetTargetCondition(Guid TargetConditionId, string Description, LocalDate AchieveBy, IReadOnlyList<MetricTarget> MetricTargets);

public sealed record DescribeCurrentCondition(Guid CurrentConditionId, LocalDate On, string Description);

public sealed record AddObstacle(Guid ObstacleId, string Text);

public sealed record FocusObstacle(Guid ObstacleId);

public sealed record PlanExperiment(Guid ExperimentId, LocalDate On, string Step, string Expectation);

public sealed record RecordExperimentResult(Guid ExperimentId, string WhatHappened, string Learned, bool AsExpected);

public sealed record EndTargetCondition(Guid TargetConditionId, string Reason);

/// <summary>A metric's measurements from a file: the rows read, and what to do with a date already measured.</summary>
public sealed record ImportMeasurements(Guid MetricId, IReadOnlyList<ImportRow> Rows, DuplicateDates Duplicates);

public sealed record CorrectMeasurement(Guid MetricId, Guid MeasurementId, decimal Value, string? Note, string Reason);

public sealed record RephraseObstacle(Guid ObstacleId, string Text);

public sealed record TakeObstacleOutOfFocus(Guid ObstacleId);

public sealed record CloseObstacle(Guid ObstacleId, string? Note);

public sealed record ReopenObstacle(Guid ObstacleId);

public sealed record AgreeSmallStep(Guid StepId, string Text, Guid OwnerId, LocalDate Due);

public sealed record ReassignSmallStep(Guid StepId, Guid OwnerId);

public sealed record RescheduleSmallStep(Guid StepId, LocalDate Due);

public sealed record FinishSmallStep(Guid StepId);

public sealed record DropSmallStep(Guid StepId, string? Reason);
