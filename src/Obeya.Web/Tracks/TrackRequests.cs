using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Web.Tracks;

// Request bodies of the track API. An optional Id lets a client name what it creates, so a retry
// after a lost answer is recognised instead of creating a second one.

/// <summary>
/// Optionally the tactical goal the new track serves, in one of the programmes: the team says so when it starts the track
/// (afterwards linking is the programme director's, in the Obeya).
/// </summary>
public sealed record StartTrackRequest(string Title, string Challenge, Guid? Id = null, GoalLink? Goal = null);

public sealed record RenameTrackRequest(string Title);

/// <summary>Why the track ends (challengeMet or stopped) and a short note.</summary>
public sealed record CloseTrackRequest([property: System.Text.Json.Serialization.JsonRequired] TrackOutcome Outcome, string Note);

public sealed record RephraseChallengeRequest(string Challenge);

public sealed record DefineMetricRequest(string Name, string Unit, BetterDirection Direction, decimal Target, Guid? Id = null);

public sealed record RecordMeasurementRequest(LocalDate On, decimal Value, string? Note = null, Guid? Id = null);

public sealed record CorrectMeasurementRequest(decimal Value, string Reason, string? Note = null);

public sealed record SetTargetConditionRequest(string Description, LocalDate AchieveBy, IReadOnlyList<MetricTarget> MetricTargets, Guid? Id = null);

public sealed record ReasonRequest(string Reason);

public sealed record DescribeCurrentConditionRequest(LocalDate On, string Description, Guid? Id = null);

public sealed record ObstacleRequest(string Text, Guid? Id = null);

/// <summary>No id: rephrasing names the obstacle in the route, and an id here would be read by nobody.</summary>
public sealed record RephraseObstacleRequest(string Text);

public sealed record NoteRequest(string? Note = null);

public sealed record PlanExperimentRequest(LocalDate On, string Step, string Expectation, Guid? Id = null);

public sealed record ExperimentResultRequest(string WhatHappened, string Learned, bool AsExpected);

public sealed record AgreeSmallStepRequest(string Text, Guid OwnerId, LocalDate Due, Guid? Id = null);

public sealed record ReassignSmallStepRequest(Guid OwnerId);

public sealed record RescheduleSmallStepRequest(LocalDate Due);
