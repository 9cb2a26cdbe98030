using NodaTime;

namespace Obeya.Domain.Tracks;

// The facts of an improvement track's stream. Each names the track, who acted and when.

public sealed record TrackStarted(Guid TrackId, Guid TeamId, string Title, string Challenge, Actor By, Instant At) : IFact;

public sealed record ChallengeRephrased(Guid TrackId, string Challenge, Actor By, Instant At) : IFact;

public sealed record MetricDefined(
    Guid TrackId, Guid MetricId, string Name, string Unit, BetterDirection Direction, decimal Target, Actor By, Instant At) : IFact;

public sealed record MeasurementRecorded(
    Guid TrackId, Guid MetricId, Guid MeasurementId, LocalDate On, decimal Value, string? Note, Actor By, Instant At) : IFact;

public sealed record TargetConditionSet(
    Guid TrackId, Guid TargetConditionId, string Description, LocalDate AchieveBy,
    IReadOnlyList<MetricTarget> MetricTargets, Actor By, Instant At) : IFact;

public sealed record CurrentConditionDescribed(
    Guid TrackId, Guid CurrentConditionId, LocalDate On, string Description, Actor By, Instant At) : IFact;

/// <param name="Origin">Where the obstacle came from when customer signals became it; null: the team named it.</param>
public sealed record ObstacleAdded(Guid TrackId, Guid ObstacleId, string Text, Actor By, Instant At, ObstacleOrigin? Origin = null) : IFact;

/// <summary>The customer signals an obstacle came from ("uit 37 klantsignalen over 'terugmelding zonder reden'"), and their process.</summary>
public sealed record ObstacleOrigin(Guid ThemeId, string Theme, int Signals, Guid? ProcessId, string? Process);

public sealed record ObstacleFocused(Guid TrackId, Guid ObstacleId, Actor By, Instant At) : IFact;

public sealed record ExperimentPlanned(
    Guid TrackId, Guid ExperimentId, Guid ObstacleId, LocalDate On, string Step, string Expectation, Actor By, Instant At) : IFact;

public sealed record ExperimentResultRecorded(
    Guid TrackId, Guid ExperimentId, string WhatHappened, string Learned, bool AsExpected, Actor By, Instant At) : IFact;

public sealed record TargetConditionReached(Guid TrackId, Guid TargetConditionId, string Reason, Actor By, Instant At) : IFact;

public sealed record TargetConditionDropped(Guid TrackId, Guid TargetConditionId, string Reason, Actor By, Instant At) : IFact;

public sealed record MeasurementCorrected(
    Guid TrackId, Guid MetricId, Guid MeasurementId, decimal Value, string? Note, string Reason, Actor By, Instant At) : IFact;

public sealed record ObstacleRephrased(Guid TrackId, Guid ObstacleId, string Text, Actor By, Instant At) : IFact;

public sealed record ObstacleTakenOutOfFocus(Guid TrackId, Guid ObstacleId, Actor By, Instant At) : IFact;

public sealed record ObstacleResolved(Guid TrackId, Guid ObstacleId, string? Note, Actor By, Instant At) : IFact;

public sealed record ObstacleDropped(Guid TrackId, Guid ObstacleId, string? Reason, Actor By, Instant At) : IFact;

public sealed record ObstacleReopened(Guid TrackId, Guid ObstacleId, Actor By, Instant At) : IFact;

/// <summary>The obstacle went up to a goal of the Obeya room as an impediment; the team keeps it on its board.</summary>
public sealed record ObstacleEscalated(
    Guid TrackId, Guid ObstacleId, Guid ProgrammeId, string ProgrammeName, Guid ImpedimentId, string GoalResult, Actor By, Instant At) : IFact;

/// <summary>The Obeya room resolved the impediment this obstacle became, and says how.</summary>
public sealed record EscalationResolved(Guid TrackId, Guid ObstacleId, Guid ImpedimentId, string Resolution, Actor By, Instant At) : IFact;

/// <summary><see cref="SessionsAhead"/> counts the team's sessions until the due date, when the step was agreed.</summary>
public sealed record SmallStepAgreed(
    Guid TrackId, Guid StepId, string Text, Guid OwnerId, string OwnerName, LocalDate Due, int SessionsAhead, Actor By, Instant At) : IFact;

public sealed record SmallStepReassigned(Guid TrackId, Guid StepId, Guid OwnerId, string OwnerName, Actor By, Instant At) : IFact;

public sealed record SmallStepRescheduled(Guid TrackId, Guid StepId, LocalDate Due, int SessionsAhead, Actor By, Instant At) : IFact;

public sealed record SmallStepDone(Guid TrackId, Guid StepId, Actor By, Instant At) : IFact;

public sealed record SmallStepDropped(Guid TrackId, Guid StepId, string? Reason, Actor By, Instant At) : IFact;

public sealed record TrackRenamed(Guid TrackId, string Title, Actor By, Instant At) : IFact;

/// <summary>The track ended: its challenge met, or stopped. It stays readable, and nothing on it changes any more.</summary>
public sealed record TrackClosed(Guid TrackId, TrackOutcome Outcome, string Note, Actor By, Instant At) : IFact;
