using System.Globalization;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Testing.Tracks;

/// <summary>A reason the model expects a command to be refused: the field a person is told about, and what kind of "no" it is.</summary>
public readonly record struct Reason(string Field, Refusal Kind)
{
    public override string ToString() => $"{Field} ({Kind})";
}

/// <summary>The commands with a choice in them, as one value each, so a script can hold and print them like the others.</summary>
public sealed record EndCondition(EndTargetCondition Command, bool Reached);

public sealed record Close(CloseObstacle Command, bool Resolved);

/// <summary>
/// What should be on a storyboard, kept in plain lists from the rules of DOMAIN.md and nothing of the domain's code: for
/// each command, every reason it should be refused (none: it is accepted), and what the board then shows. The domain
/// checks in some order and names one reason; it must be one of these.
/// </summary>
public sealed class TrackModel(Guid trackId, Guid teamId, string title, string challenge, Team team, Instant startedAt)
{
    private sealed record MetricRow(Guid Id, string Name, string Unit, BetterDirection Direction, decimal Target, List<MeasurementRow> Measurements);

    private sealed record MeasurementRow(Guid Id, LocalDate On, decimal Value, string? Note, decimal? CorrectedFrom, string? CorrectionReason);

    private sealed record ConditionRow(Guid Id, string Description, LocalDate AchieveBy, List<MetricTarget> Targets, TargetConditionState State, Instant SetAt, string? EndReason, Instant? EndedAt);

    private sealed record CurrentRow(Guid Id, LocalDate On, string Description);

    private sealed record ObstacleRow(Guid Id, string Text, ObstacleState State, Instant AddedAt, string? Note);

    private sealed record ExperimentRow(Guid Id, Guid ObstacleId, LocalDate On, string Step, string Expectation, string? WhatHappened, string? Learned, bool? AsExpected);

    private sealed record StepRow(Guid Id, string Text, Guid OwnerId, string OwnerName, LocalDate Due, int Sessions, SmallStepState State);

    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private static readonly LocalDate Earliest = new(2000, 1, 1);
    private static readonly LocalDate Latest = new(2100, 12, 31);

    private readonly List<MetricRow> metrics = [];
    private readonly List<ConditionRow> conditions = [];
    private readonly List<CurrentRow> currents = [];
    private readonly List<ObstacleRow> obstacles = [];
    private readonly List<ExperimentRow> experiments = [];
    private readonly List<StepRow> steps = [];
    private string currentChallenge = challenge;
    private string currentTitle = title;
    private (TrackOutcome Outcome, string Note, Instant At)? closure;
    private Guid? focus;
    private Instant lastChanged = startedAt;

    public Guid TrackId { get; } = trackId;

    public Team Team { get; } = team;

    // What a step can name, newest last.
    public IReadOnlyList<Guid> Metrics => [.. metrics.Select(m => m.Id)];

    public IReadOnlyList<Guid> Measurements => [.. metrics.SelectMany(m => m.Measurements).Select(x => x.Id)];

    public IReadOnlyList<Guid> TargetConditions => [.. conditions.Select(c => c.Id)];

    public IReadOnlyList<Guid> Obstacles => [.. obstacles.Select(o => o.Id)];

    public IReadOnlyList<Guid> Experiments => [.. experiments.Select(e => e.Id)];

    public IReadOnlyList<Guid> SmallSteps => [.. steps.Select(s => s.Id)];

    /// <summary>Every id the board uses, the track's own first.</summary>
    public IReadOnlyList<Guid> AllIds =>
    [
        TrackId, .. Metrics, .. Measurements, .. TargetConditions, .. currents.Select(c => c.Id), .. Obstacles, .. Experiments, .. SmallSteps,
    ];

    /// <summary>Every reason <paramref name="command"/> should be refused at <paramref name="now"/>; none when it should be accepted.</summary>
    public IReadOnlyList<Reason> Refusals(object command, Instant now)
    {
        var reasons = new List<Reason>();
        var today = now.InZone(Zone).Date;
        // A closed track takes no change at all.
        if (closure is not null)
        {
            reasons.Add(new("trackId", Refusal.Conflict));
        }

        switch (command)
        {
            case RephraseChallenge c:
                Free(reasons, "challenge", c.Challenge);
                break;
            case RenameTrack c:
                Name(reasons, "title", c.Title);
                break;
            case CloseTrack c:
                if (c.Outcome is not (TrackOutcome.ChallengeMet or TrackOutcome.Stopped))
                {
                    reasons.Add(new("outcome", Refusal.Invalid));
                }

                Free(reasons, "note", c.Note);
                break;
            case DefineMetric c:
                NewThing(reasons, c.MetricId);
                if (Name(reasons, "name", c.Name) is { } name && metrics.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    reasons.Add(new("name", Refusal.Conflict));
                }

                Name(reasons, "unit", c.Unit);
                if (c.Direction is not (BetterDirection.Higher or BetterDirection.Lower))
                {
                    reasons.Add(new("direction", Refusal.Invalid));
                }

                Kept(reasons, "target", c.Target);
                break;
            case RecordMeasurement c:
                NewThing(reasons, c.MeasurementId);
                Known(reasons, "metricId", Metric(c.MetricId));
                InBounds(reasons, "on", c.On);
                Kept(reasons, "value", c.Value);
                Optional(reasons, "note", c.Note);
                break;
            case CorrectMeasurement c:
                if (Metric(c.MetricId) is not { } metric)
                {
                    reasons.Add(new("metricId", Refusal.NotFound));
                }
                else if (metric.Measurements.All(x => x.Id != c.MeasurementId))
                {
                    reasons.Add(new("measurementId", Refusal.NotFound));
                }

                Kept(reasons, "value", c.Value);
                Optional(reasons, "note", c.Note);
                Free(reasons, "reason", c.Reason);
                break;
            case SetTargetCondition c:
                NewThing(reasons, c.TargetConditionId);
                if (Active is not null)
                {
                    reasons.Add(new("targetCondition", Refusal.Conflict));
                }

                Free(reasons, "description", c.Description);
                if (!InBounds(reasons, "achieveBy", c.AchieveBy) || c.AchieveBy < today)
                {
                    reasons.Add(new("achieveBy", Refusal.Invalid));
                }

                if (c.MetricTargets.Count == 0)
                {
                    reasons.Add(new("metricTargets", Refusal.Invalid));
                }

                for (var i = 0; i < c.MetricTargets.Count; i++)
                {
                    Known(reasons, $"metricTargets[{i}].metricId", Metric(c.MetricTargets[i].MetricId));
                    if (c.MetricTargets.Take(i).Any(t => t.MetricId == c.MetricTargets[i].MetricId))
                    {
                        reasons.Add(new($"metricTargets[{i}].metricId", Refusal.Invalid));
                    }

                    Kept(reasons, $"metricTargets[{i}].target", c.MetricTargets[i].Target);
                }

                break;
            case EndCondition c:
                if (conditions.FirstOrDefault(t => t.Id == c.Command.TargetConditionId) is not { } condition)
                {
                    reasons.Add(new("targetConditionId", Refusal.NotFound));
                }
                else if (condition.State != TargetConditionState.Active)
                {
                    reasons.Add(new("targetConditionId", Refusal.Conflict));
                }

                Free(reasons, "reason", c.Command.Reason);
                break;
            case DescribeCurrentCondition c:
                NewThing(reasons, c.CurrentConditionId);
                InBounds(reasons, "on", c.On);
                Free(reasons, "description", c.Description);
                break;
            case AddObstacle c:
                NewThing(reasons, c.ObstacleId);
                Free(reasons, "text", c.Text);
                break;
            case RephraseObstacle c:
                OpenObstacle(reasons, c.ObstacleId);
                Free(reasons, "text", c.Text);
                break;
            case FocusObstacle c:
                if (OpenObstacle(reasons, c.ObstacleId) is { } toFocus)
                {
                    if (focus == toFocus.Id || OpenExperiment is not null)
                    {
                        reasons.Add(new("obstacleId", Refusal.Conflict));
                    }
                }

                break;
            case TakeObstacleOutOfFocus c:
                if (Known(reasons, "obstacleId", Obstacle(c.ObstacleId)) is { } focused && (focus != focused.Id || OpenExperimentAgainst(focused.Id)))
                {
                    reasons.Add(new("obstacleId", Refusal.Conflict));
                }

                break;
            case Close c:
                if (OpenObstacle(reasons, c.Command.ObstacleId) is { } closing && OpenExperimentAgainst(closing.Id))
                {
                    reasons.Add(new("obstacleId", Refusal.Conflict));
                }

                Optional(reasons, "note", c.Command.Note);
                break;
            case ReopenObstacle c:
                if (Known(reasons, "obstacleId", Obstacle(c.ObstacleId)) is { State: ObstacleState.Open })
                {
                    reasons.Add(new("obstacleId", Refusal.Conflict));
                }

                break;
            case PlanExperiment c:
                NewThing(reasons, c.ExperimentId);
                if (focus is null)
                {
                    reasons.Add(new("obstacleId", Refusal.Conflict));
                }

                if (OpenExperiment is not null)
                {
                    reasons.Add(new("experimentId", Refusal.Conflict));
                }

                InBounds(reasons, "on", c.On);
                Free(reasons, "step", c.Step);
                Free(reasons, "expectation", c.Expectation);
                break;
            case RecordExperimentResult c:
                if (Known(reasons, "experimentId", experiments.FirstOrDefault(e => e.Id == c.ExperimentId)) is { Learned: not null })
                {
                    reasons.Add(new("experimentId", Refusal.Conflict));
                }

                Free(reasons, "whatHappened", c.WhatHappened);
                Free(reasons, "learned", c.Learned);
                break;
            case AgreeSmallStep c:
                NewThing(reasons, c.StepId);
                Free(reasons, "text", c.Text);
                Owner(reasons, c.OwnerId);
                Due(reasons, c.Due, today);
                break;
            case ReassignSmallStep c:
                var reassigned = OpenStep(reasons, c.StepId);
                if (Owner(reasons, c.OwnerId) is { } owner && reassigned?.OwnerId == owner.Id)
                {
                    reasons.Add(new("ownerId", Refusal.Conflict));
                }

                break;
            case RescheduleSmallStep c:
                OpenStep(reasons, c.StepId);
                Due(reasons, c.Due, today);
                break;
            case FinishSmallStep c:
                OpenStep(reasons, c.StepId);
                break;
            case DropSmallStep c:
                OpenStep(reasons, c.StepId);
                Optional(reasons, "note", c.Reason);
                break;
            default:
                throw new ArgumentException($"The model knows no {command.GetType().Name}.", nameof(command));
        }

        return reasons;
    }

    /// <summary>What an accepted command leaves on the board.</summary>
    public void Apply(object command, Instant now)
    {
        lastChanged = now;
        switch (command)
        {
            case RephraseChallenge c:
                currentChallenge = Words.Of(c.Challenge).AsFree!;
                break;
            case RenameTrack c:
                currentTitle = Words.Of(c.Title).AsName!;
                break;
            case CloseTrack c:
                closure = (c.Outcome!.Value, Words.Of(c.Note).AsFree!, now);
                break;
            case DefineMetric c:
                metrics.Add(new(c.MetricId, Words.Of(c.Name).AsName!, Words.Of(c.Unit).AsName!, c.Direction, Number.Of(c.Target).Kept!.Value, []));
                break;
            case RecordMeasurement c:
                Metric(c.MetricId)!.Measurements.Add(new(c.MeasurementId, c.On, Number.Of(c.Value).Kept!.Value, OptionalText(c.Note), null, null));
                break;
            case CorrectMeasurement c:
                var list = Metric(c.MetricId)!.Measurements;
                var at = list.FindIndex(x => x.Id == c.MeasurementId);
                list[at] = list[at] with
                {
                    Value = Number.Of(c.Value).Kept!.Value,
                    Note = OptionalText(c.Note) ?? list[at].Note,
                    CorrectedFrom = list[at].CorrectedFrom ?? list[at].Value,
                    CorrectionReason = Words.Of(c.Reason).AsFree,
                };
                break;
            case SetTargetCondition c:
                conditions.Add(new(
                    c.TargetConditionId, Words.Of(c.Description).AsFree!, c.AchieveBy,
                    [.. c.MetricTargets.Select(t => new MetricTarget(t.MetricId, Number.Of(t.Target).Kept!.Value))], TargetConditionState.Active, now, null, null));
                break;
            case EndCondition c:
                Replace(conditions, c.Command.TargetConditionId, x => x.Id, x => x with
                {
                    State = c.Reached ? TargetConditionState.Reached : TargetConditionState.Dropped,
                    EndReason = Words.Of(c.Command.Reason).AsFree,
                    EndedAt = now,
                });
                break;
            case DescribeCurrentCondition c:
                currents.Add(new(c.CurrentConditionId, c.On, Words.Of(c.Description).AsFree!));
                break;
            case AddObstacle c:
                obstacles.Add(new(c.ObstacleId, Words.Of(c.Text).AsFree!, ObstacleState.Open, now, null));
                break;
            case RephraseObstacle c:
                Replace(obstacles, c.ObstacleId, o => o.Id, o => o with { Text = Words.Of(c.Text).AsFree! });
                break;
            case FocusObstacle c:
                focus = c.ObstacleId;
                break;
            case TakeObstacleOutOfFocus:
                focus = null;
                break;
            case Close c:
                Replace(obstacles, c.Command.ObstacleId, o => o.Id, o => o with
                {
                    State = c.Resolved ? ObstacleState.Resolved : ObstacleState.Dropped,
                    Note = OptionalText(c.Command.Note),
                });
                if (focus == c.Command.ObstacleId)
                {
                    focus = null;
                }

                break;
            case ReopenObstacle c:
                Replace(obstacles, c.ObstacleId, o => o.Id, o => o with { State = ObstacleState.Open, Note = null });
                break;
            case PlanExperiment c:
                experiments.Add(new(c.ExperimentId, focus!.Value, c.On, Words.Of(c.Step).AsFree!, Words.Of(c.Expectation).AsFree!, null, null, null));
                break;
            case RecordExperimentResult c:
                Replace(experiments, c.ExperimentId, e => e.Id, e => e with
                {
                    WhatHappened = Words.Of(c.WhatHappened).AsFree,
                    Learned = Words.Of(c.Learned).AsFree,
                    AsExpected = c.AsExpected,
                });
                break;
            case AgreeSmallStep c:
                steps.Add(new(c.StepId, Words.Of(c.Text).AsFree!, c.OwnerId, Team.Member(c.OwnerId)!.Name, c.Due, SessionsUntil(now, c.Due), SmallStepState.Open));
                break;
            case ReassignSmallStep c:
                Replace(steps, c.StepId, s => s.Id, s => s with { OwnerId = c.OwnerId, OwnerName = Team.Member(c.OwnerId)!.Name });
                break;
            case RescheduleSmallStep c:
                Replace(steps, c.StepId, s => s.Id, s => s with { Due = c.Due, Sessions = SessionsUntil(now, c.Due) });
                break;
            case FinishSmallStep c:
                Replace(steps, c.StepId, s => s.Id, s => s with { State = SmallStepState.Done });
                break;
            case DropSmallStep c:
                Replace(steps, c.StepId, s => s.Id, s => s with { State = SmallStepState.Dropped });
                break;
            default:
                throw new ArgumentException($"The model knows no {command.GetType().Name}.", nameof(command));
        }
    }

    /// <summary>
    /// The board as the model sees it, one line per thing, in the order a screen lists them; <see cref="Lines(Track, Func{Guid, string})"/>
    /// writes a track the same way, so the two compare line by line.
    /// </summary>
    public IReadOnlyList<string> Lines(Func<Guid, string> name)
    {
        var lines = new List<string>
        {
            $"track {name(TrackId)} of team {name(teamId)}: '{currentTitle}', challenge '{currentChallenge}', last changed {T(lastChanged)}",
            closure is { } c ? $"closed: {c.Outcome}, '{c.Note}' at {T(c.At)}" : "open",
        };
        foreach (var m in metrics)
        {
            lines.Add($"metric {name(m.Id)} '{m.Name}' in '{m.Unit}', {m.Direction} is better, target {Show(m.Target)}");
            lines.AddRange(m.Measurements.Select(x =>
                $"  measurement {name(x.Id)} on {D(x.On)}: {Show(x.Value)}, note '{x.Note}', corrected from {Show(x.CorrectedFrom)} because '{x.CorrectionReason}'"));
        }

        lines.AddRange(conditions.Select(c =>
            $"target condition {name(c.Id)} '{c.Description}' by {D(c.AchieveBy)} [{string.Join(", ", c.Targets.Select(t => $"{name(t.MetricId)}: {Show(t.Target)}"))}], {c.State} (set {T(c.SetAt)}), ended '{c.EndReason}' at {T(c.EndedAt)}"));
        lines.Add($"active target condition: {(Active is { } active ? name(active.Id) : "none")}");
        // Kept in date order, those of one date in the order they were written.
        lines.AddRange(currents.OrderBy(c => c.On).Select(c => $"current condition {name(c.Id)} on {D(c.On)}: '{c.Description}'"));
        lines.AddRange(obstacles.Select(o => $"obstacle {name(o.Id)} '{o.Text}', {o.State} (added {T(o.AddedAt)}), note '{o.Note}'"));
        lines.Add($"in focus: {(focus is { } f ? name(f) : "none")}");
        lines.AddRange(experiments.Select(e =>
            $"experiment {name(e.Id)} against {name(e.ObstacleId)} on {D(e.On)}: '{e.Step}' expecting '{e.Expectation}'; happened '{e.WhatHappened}', learned '{e.Learned}', as expected {e.AsExpected}"));
        lines.Add($"open experiment: {(OpenExperiment is { } open ? name(open.Id) : "none")}");
        lines.AddRange(steps.Select(s =>
            $"step {name(s.Id)} '{s.Text}' by {name(s.OwnerId)} ({s.OwnerName}) due {D(s.Due)}, {Sessions(s.Sessions)}, {s.State}"));
        return lines;
    }

    /// <summary>A track written as <see cref="Lines(Func{Guid, string})"/> writes the model.</summary>
    public static IReadOnlyList<string> Lines(Track t, Func<Guid, string> name)
    {
        var lines = new List<string>
        {
            $"track {name(t.Id)} of team {name(t.TeamId)}: '{t.Title}', challenge '{t.Challenge}', last changed {T(t.LastChangedAt)}",
            t.Closure is { } c ? $"closed: {c.Outcome}, '{c.Note}' at {T(c.At)}" : "open",
        };
        foreach (var m in t.Metrics)
        {
            lines.Add($"metric {name(m.Id)} '{m.Name}' in '{m.Unit}', {m.Direction} is better, target {Show(m.Target)}");
            lines.AddRange(m.Measurements.Select(x =>
                $"  measurement {name(x.Id)} on {D(x.On)}: {Show(x.Value)}, note '{x.Note}', corrected from {Show(x.CorrectedFrom)} because '{x.CorrectionReason}'"));
        }

        lines.AddRange(t.TargetConditions.Select(c =>
            $"target condition {name(c.Id)} '{c.Description}' by {D(c.AchieveBy)} [{string.Join(", ", c.MetricTargets.Select(x => $"{name(x.MetricId)}: {Show(x.Target)}"))}], {c.State} (set {T(c.SetAt)}), ended '{c.EndReason}' at {T(c.EndedAt)}"));
        lines.Add($"active target condition: {(t.ActiveTargetCondition is { } active ? name(active.Id) : "none")}");
        lines.AddRange(t.CurrentConditions.Select(c => $"current condition {name(c.Id)} on {D(c.On)}: '{c.Description}'"));
        lines.AddRange(t.Obstacles.Select(o => $"obstacle {name(o.Id)} '{o.Text}', {o.State} (added {T(o.AddedAt)}), note '{o.ClosingNote}'"));
        lines.Add($"in focus: {(t.FocusedObstacleId is { } f ? name(f) : "none")}");
        lines.AddRange(t.Experiments.Select(e =>
            $"experiment {name(e.Id)} against {name(e.ObstacleId)} on {D(e.On)}: '{e.Step}' expecting '{e.Expectation}'; happened '{e.WhatHappened}', learned '{e.Learned}', as expected {e.AsExpected}"));
        lines.Add($"open experiment: {(t.OpenExperiment is { } open ? name(open.Id) : "none")}");
        lines.AddRange(t.SmallSteps.Select(s =>
            $"step {name(s.Id)} '{s.Text}' by {name(s.OwnerId)} ({s.OwnerName}) due {D(s.Due)}, {Sessions(s.SessionsAhead, s.IsTooBig)}, {s.State}"));
        return lines;
    }

    private ConditionRow? Active => conditions.FirstOrDefault(c => c.State == TargetConditionState.Active);

    private ExperimentRow? OpenExperiment => experiments.FirstOrDefault(e => e.Learned is null);

    private bool OpenExperimentAgainst(Guid obstacleId) => OpenExperiment?.ObstacleId == obstacleId;

    private MetricRow? Metric(Guid id) => metrics.FirstOrDefault(m => m.Id == id);

    private ObstacleRow? Obstacle(Guid id) => obstacles.FirstOrDefault(o => o.Id == id);

    private void NewThing(List<Reason> reasons, Guid id)
    {
        if (id == Guid.Empty)
        {
            reasons.Add(new("id", Refusal.Invalid));
        }
        else if (AllIds.Contains(id))
        {
            reasons.Add(new("id", Refusal.Conflict));
        }
    }

    private static T? Known<T>(List<Reason> reasons, string field, T? thing)
        where T : class
    {
        if (thing is null)
        {
            reasons.Add(new(field, Refusal.NotFound));
        }

        return thing;
    }

    private ObstacleRow? OpenObstacle(List<Reason> reasons, Guid id)
    {
        var obstacle = Known(reasons, "obstacleId", Obstacle(id));
        if (obstacle is { State: not ObstacleState.Open })
        {
            reasons.Add(new("obstacleId", Refusal.Conflict));
            return null;
        }

        return obstacle;
    }

    private StepRow? OpenStep(List<Reason> reasons, Guid id)
    {
        var step = Known(reasons, "stepId", steps.FirstOrDefault(s => s.Id == id));
        if (step is { State: not SmallStepState.Open })
        {
            reasons.Add(new("stepId", Refusal.Conflict));
        }

        return step;
    }

    /// <summary>Only members own steps: not the coach, not a stranger.</summary>
    private TeamMember? Owner(List<Reason> reasons, Guid ownerId)
    {
        var member = Team.Members.FirstOrDefault(m => m.Id == ownerId);
        if (member is null)
        {
            reasons.Add(new("ownerId", Refusal.Invalid));
        }

        return member;
    }

    private static void Due(List<Reason> reasons, LocalDate due, LocalDate today)
    {
        if (!InBounds(reasons, "due", due) || due < today)
        {
            reasons.Add(new("due", Refusal.Invalid));
        }
    }

    private static bool InBounds(List<Reason> reasons, string field, LocalDate date)
    {
        if (date < Earliest || date > Latest)
        {
            reasons.Add(new(field, Refusal.Invalid));
            return false;
        }

        return true;
    }

    private static void Kept(List<Reason> reasons, string field, decimal value)
    {
        if (Number.Of(value).Kept is null)
        {
            reasons.Add(new(field, Refusal.Invalid));
        }
    }

    private static void Free(List<Reason> reasons, string field, string? text)
    {
        if (Words.Of(text).AsFree is null)
        {
            reasons.Add(new(field, Refusal.Invalid));
        }
    }

    private static string? Name(List<Reason> reasons, string field, string? text)
    {
        var name = Words.Of(text).AsName;
        if (name is null)
        {
            reasons.Add(new(field, Refusal.Invalid));
        }

        return name;
    }

    private static void Optional(List<Reason> reasons, string field, string? text)
    {
        var words = Words.Of(text);
        if (!words.Blank && words.AsFree is null)
        {
            reasons.Add(new(field, Refusal.Invalid));
        }
    }

    private static string? OptionalText(string? text) => Words.Of(text) is { Blank: true } ? null : Words.Of(text).AsFree;

    /// <summary>
    /// The team's sessions (Tuesday and Thursday at 09:00 in Amsterdam) from now up to and including the due date,
    /// counted here day by day; beyond a year only "too big" matters.
    /// </summary>
    private static int SessionsUntil(Instant now, LocalDate due)
    {
        var count = 0;
        for (var date = now.InZone(Zone).Date; date <= due && count <= 400; date = date.PlusDays(1))
        {
            if (date.DayOfWeek is IsoDayOfWeek.Tuesday or IsoDayOfWeek.Thursday && (date + new LocalTime(9, 0)).InZoneLeniently(Zone).ToInstant() >= now)
            {
                count++;
            }
        }

        return count;
    }

    private static string Sessions(int count) => count > 300 ? "too big (far ahead)" : $"{count} sessions ahead{(count > 2 ? ", too big" : "")}";

    private static string Sessions(int count, bool tooBig) => count > 300 && tooBig ? "too big (far ahead)" : $"{count} sessions ahead{(tooBig ? ", too big" : "")}";

    // Written by hand: these run for every line of every board of every step, and NodaTime's patterns cost more.
    private static string D(LocalDate d) => $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}";

    private static string T(Instant? at) => at?.InUtc() is { } u ? $"{u.Year:D4}-{u.Month:D2}-{u.Day:D2} {u.Hour:D2}:{u.Minute:D2}:{u.Second:D2}Z" : "-";

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static void Replace<T>(List<T> list, Guid id, Func<T, Guid> idOf, Func<T, T> change)
    {
        var at = list.FindIndex(x => idOf(x) == id);
        list[at] = change(list[at]);
    }
}
