using NodaTime;

namespace Obeya.Domain.Tracks;

// The facts of an improvement track's stream. Each names the track, who acted and when.

public sealed record TrackStarted(Guid TrackId, Guid TeamId, string Title, string Challenge, string By, Instant At);

public sealed record ChallengeRephrased(Guid TrackId, string Challenge, string By, Instant At);

public sealed record MetricDefined(
    Guid TrackId, Guid MetricId, string Name, string Unit, BetterDirection Direction, decimal Target, string By, Instant At);

public sealed record MeasurementRecorded(
    Guid TrackId, Guid MetricId, Guid MeasurementId, LocalDate On, decimal Value, string? Note, string By, Instant At);

public sealed record TargetConditionSet(
    Guid TrackId, Guid TargetConditionId, string Description, LocalDate AchieveBy,
    IReadOnlyList<MetricTarget> MetricTargets, string By, Instant At);

public sealed record CurrentConditionDescribed(
    Guid TrackId, Guid CurrentConditionId, LocalDate On, string Description, string By, Instant At);

public sealed record ObstacleAdded(Guid TrackId, Guid ObstacleId, string Text, string By, Instant At);

public sealed record ObstacleFocused(Guid TrackId, Guid ObstacleId, string By, Instant At);

public sealed record ExperimentPlanned(
    Guid TrackId, Guid ExperimentId, Guid ObstacleId, LocalDate On, string Step, string Expectation, string By, Instant At);

public sealed record ExperimentResultRecorded(
    Guid TrackId, Guid ExperimentId, string WhatHappened, string Learned, bool AsExpected, string By, Instant At);
