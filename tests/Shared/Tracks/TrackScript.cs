using System.Globalization;
using CsCheck;
using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Testing.Tracks;

// Shared by the domain's and the API's model tests (linked into both projects): random scripts of track commands.
// A step says what a person does in terms of the board ("the latest obstacle", "a new id", "a text with a BSN"), not
// in ids, so a script is generated without knowing the board and shrinks to fewer steps without losing its meaning.

/// <summary>One thing a person does, after the clock moved on by <see cref="Minutes"/>.</summary>
public sealed record Step(int Minutes, Act Act);

/// <summary>
/// Which existing thing a step names: 0 the latest of its kind, 1 the one before, and so on (wrapping round); or
/// <see cref="Unknown"/>, an id nothing on the board has; or <see cref="OtherKind"/>, an id the board uses for something else.
/// </summary>
public readonly record struct Pick(int Value)
{
    public const int Unknown = -1;
    public const int OtherKind = -2;
}

/// <summary>The id a step gives a new thing: a fresh one, one already on the board (<see cref="Reused"/>, by index), or empty.</summary>
public readonly record struct NewId(int Value)
{
    public const int Fresh = -1;
    public const int Empty = -2;

    public bool Reused => Value >= 0;
}

/// <summary>A member of the team by index, or the coach, a stranger, or no one.</summary>
public readonly record struct Who(int Value)
{
    public const int Coach = -1;
    public const int Stranger = -2;
    public const int Nobody = -3;
}

/// <summary>A date relative to today in the team's zone, or a fixed one (the edges of what a board accepts, and beyond).</summary>
public readonly record struct Day(int FromToday, LocalDate? Fixed = null)
{
    public LocalDate On(LocalDate today) => Fixed ?? today.PlusDays(FromToday);
}

public abstract record Act
{
    public sealed record RephraseChallenge(string? Challenge) : Act;

    public sealed record RenameTrack(string? Title) : Act;

    public sealed record CloseTrack(TrackOutcome? Outcome, string? Note) : Act;

    public sealed record DefineMetric(NewId Id, string? Name, string? Unit, BetterDirection Direction, decimal Target) : Act;

    public sealed record RecordMeasurement(Pick Metric, NewId Id, Day On, decimal Value, string? Note) : Act;

    public sealed record CorrectMeasurement(Pick Metric, Pick Measurement, decimal Value, string? Note, string? Reason) : Act;

    public sealed record SetTargetCondition(NewId Id, string? Description, Day AchieveBy, (Pick Metric, decimal Target)[] Targets) : Act;

    public sealed record EndTargetCondition(Pick Condition, string? Reason, bool Reached) : Act;

    public sealed record DescribeCurrentCondition(NewId Id, Day On, string? Description) : Act;

    public sealed record AddObstacle(NewId Id, string? Text) : Act;

    public sealed record RephraseObstacle(Pick Obstacle, string? Text) : Act;

    public sealed record FocusObstacle(Pick Obstacle) : Act;

    public sealed record TakeObstacleOutOfFocus(Pick Obstacle) : Act;

    public sealed record CloseObstacle(Pick Obstacle, string? Note, bool Resolved) : Act;

    public sealed record ReopenObstacle(Pick Obstacle) : Act;

    public sealed record PlanExperiment(NewId Id, Day On, string? Step, string? Expectation) : Act;

    public sealed record RecordExperimentResult(Pick Experiment, string? WhatHappened, string? Learned, bool AsExpected) : Act;

    public sealed record AgreeSmallStep(NewId Id, string? Text, Who Owner, Day Due) : Act;

    public sealed record ReassignSmallStep(Pick Step, Who Owner) : Act;

    public sealed record RescheduleSmallStep(Pick Step, Day Due) : Act;

    public sealed record FinishSmallStep(Pick Step) : Act;

    public sealed record DropSmallStep(Pick Step, string? Reason) : Act;
}

/// <summary>
/// A text a person might type, with what the board should keep of it: as a free text (null: refused), as a one-line
/// name (null: refused), and whether it counts as left empty (refused where required, nothing where optional).
/// This table is the model's knowledge of the text rules, written out case by case rather than computed.
/// </summary>
public sealed record Words(string Label, string? Raw, string? AsFree, string? AsName, bool Blank = false)
{
    public static readonly IReadOnlyList<Words> Good =
    [
        new("obstacle", "Terugmeldingen zonder reden", "Terugmeldingen zonder reden", "Terugmeldingen zonder reden"),
        new("learning", "Vaste contactpersoon werkt beter", "Vaste contactpersoon werkt beter", "Vaste contactpersoon werkt beter"),
        new("figure", "43% teruggemeld", "43% teruggemeld", "43% teruggemeld"),
        new("shouted", "43% TERUGGEMELD", "43% TERUGGEMELD", "43% TERUGGEMELD"),
        new("unit", "%", "%", "%"),
        new("padded", "  Bel het re-integratiebedrijf \t", "Bel het re-integratiebedrijf", "Bel het re-integratiebedrijf"),
        new("accent", "Cafe\u0301 overleg", "Caf\u00e9 overleg", "Caf\u00e9 overleg"),
        new("phone", "Bel 06-12345678 terug", "Bel 06-12345678 terug", "Bel 06-12345678 terug"),
    ];

    public static readonly IReadOnlyList<Words> Odd =
    [
        new("empty", "", null, null, Blank: true),
        new("spaces", "   ", null, null, Blank: true),
        new("zero-width", "\u200B\u200B", null, null, Blank: true),
        new("null", null, null, null, Blank: true),
        new("two lines", "Eerst bellen\r\ndan mailen", "Eerst bellen\ndan mailen", null),
        new("201 long", new string('x', 201), new string('x', 201), null),
        new("4001 long", new string('y', 4001), null, null),
        new("bsn", "Klant 111222333 belde", null, null),
        new("bell", "Bel\u0007len", null, null),
        new("word bullet", "\uF0B7 Bellen", null, null),
    ];

    private static readonly Dictionary<string, Words> ByRaw = Good.Concat(Odd).Where(w => w.Raw is not null).ToDictionary(w => w.Raw!);

    private static readonly Words Null = Odd.Single(w => w.Raw is null);

    /// <summary>The case a raw text came from: every text a script sends is one of the table's.</summary>
    public static Words Of(string? raw) =>
        raw is null ? Null : ByRaw.TryGetValue(raw, out var words) ? words : throw new ArgumentException($"'{raw}' is not a text of the table.", nameof(raw));

    public static Gen<string?> Any { get; } =
        Gen.Frequency((12, Gen.OneOf([.. Good.Select(w => w.Raw)])), (1, Gen.OneOf([.. Odd.Select(w => w.Raw)])));

    /// <summary>Optional texts are mostly left out.</summary>
    public static Gen<string?> Optional { get; } = Gen.Frequency((3, Gen.Const((string?)null)), (3, Any));
}

/// <summary>A number a person might type, with what the board should keep (null: refused).</summary>
public sealed record Number(decimal Raw, decimal? Kept)
{
    public static readonly IReadOnlyList<Number> Good =
    [
        new(0m, 0m), new(41.5m, 41.5m), new(60m, 60m), new(-3.25m, -3.25m), new(41.50m, 41.5m), new(7.10000m, 7.1m), new(0.1234m, 0.1234m),
        new(1_000_000_000m, 1_000_000_000m), new(-1_000_000_000m, -1_000_000_000m),
    ];

    public static readonly IReadOnlyList<Number> Odd =
    [
        new(1_000_000_000.0001m, null), new(-2_000_000_000m, null), new(0.12345m, null),
    ];

    // Keyed by how the number is written: 41.50 and 41.5 are equal decimals but not the same input.
    private static readonly Dictionary<string, Number> ByText = Good.Concat(Odd).ToDictionary(n => Key(n.Raw));

    public static Number Of(decimal raw) => ByText.TryGetValue(Key(raw), out var number) ? number : throw new ArgumentException($"{raw} is not a number of the table.", nameof(raw));

    public static Gen<decimal> Any { get; } = Gen.Frequency((12, Gen.OneOf([.. Good.Select(n => n.Raw)])), (1, Gen.OneOf([.. Odd.Select(n => n.Raw)])));

    private static string Key(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

public static class TrackScript
{
    /// <summary>Monday 23 November 2026, 09:00 in Amsterdam: where every script's clock starts.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 8, 0);

    private static readonly Gen<Pick> Pick = Gen.Frequency(
        (10, Gen.Int[0, 3]), (1, Gen.Const(Tracks.Pick.Unknown)), (1, Gen.Const(Tracks.Pick.OtherKind))).Select(v => new Pick(v));

    private static readonly Gen<NewId> NewId = Gen.Frequency(
        (14, Gen.Const(Tracks.NewId.Fresh)), (1, Gen.Int[0, 9]), (1, Gen.Const(Tracks.NewId.Empty))).Select(v => new NewId(v));

    private static readonly Gen<Who> Who = Gen.Frequency(
        (8, Gen.Int[0, 2]), (1, Gen.Const(Tracks.Who.Coach)), (1, Gen.Const(Tracks.Who.Stranger)), (1, Gen.Const(Tracks.Who.Nobody)))
        .Select(v => new Who(v));

    private static readonly Gen<Day> Day = Gen.Frequency(
        (12, Gen.OneOf(0, 1, 2, 3, 7, 14, 60).Select(d => new Day(d))),
        (2, Gen.OneOf(-1, -30, 400).Select(d => new Day(d))),
        (1, Gen.OneOf(new LocalDate(1999, 12, 31), new LocalDate(2000, 1, 1), new LocalDate(2100, 12, 31), new LocalDate(2101, 1, 1), new LocalDate(9999, 12, 31))
            .Select(d => new Day(0, d))));

    private static readonly Gen<BetterDirection> Direction = Gen.Frequency(
        (5, Gen.OneOf(BetterDirection.Higher, BetterDirection.Lower)), (1, Gen.Const((BetterDirection)7)));

    private static readonly Gen<int> Minutes = Gen.Frequency(
        (4, Gen.Const(0)), (4, Gen.Int[1, 90]), (1, Gen.Const(24 * 60)), (1, Gen.Int[2 * 24 * 60, 6 * 24 * 60]));

    /// <summary>Mostly one or two metric targets; now and then none, or three that may repeat a metric.</summary>
    private static readonly Gen<(Pick, decimal)[]> Targets = Gen.Frequency(
        (6, Gen.Select(Pick, Number.Any).Array[1, 2]), (1, Gen.Select(Pick, Number.Any).Array[0, 3]));

    private static readonly Gen<TrackOutcome?> Outcome = Gen.Frequency(
        (5, Gen.OneOf<TrackOutcome?>(TrackOutcome.ChallengeMet, TrackOutcome.Stopped)), (1, Gen.OneOf<TrackOutcome?>(null, (TrackOutcome)7)));

    private static readonly Gen<Act> RenameTrack = Words.Any.Select(t => (Act)new Act.RenameTrack(t));
    private static readonly Gen<Act> CloseTrack = Gen.Select(Outcome, Words.Any, (o, note) => (Act)new Act.CloseTrack(o, note));
    private static readonly Gen<Act> Rephrase = Words.Any.Select(t => (Act)new Act.RephraseChallenge(t));
    private static readonly Gen<Act> DefineMetric = Gen.Select(NewId, Words.Any, Words.Any, Direction, Number.Any, (id, name, unit, d, target) => (Act)new Act.DefineMetric(id, name, unit, d, target));
    private static readonly Gen<Act> RecordMeasurement = Gen.Select(Pick, NewId, Day, Number.Any, Words.Optional, (m, id, on, v, note) => (Act)new Act.RecordMeasurement(m, id, on, v, note));
    private static readonly Gen<Act> CorrectMeasurement = Gen.Select(Pick, Pick, Number.Any, Words.Optional, Words.Any, (m, x, v, note, reason) => (Act)new Act.CorrectMeasurement(m, x, v, note, reason));
    private static readonly Gen<Act> SetTargetCondition = Gen.Select(NewId, Words.Any, Day, Targets, (id, d, by, targets) => (Act)new Act.SetTargetCondition(id, d, by, targets));
    private static readonly Gen<Act> EndTargetCondition = Gen.Select(Pick, Words.Any, Gen.Bool, (c, reason, reached) => (Act)new Act.EndTargetCondition(c, reason, reached));
    private static readonly Gen<Act> DescribeCurrentCondition = Gen.Select(NewId, Day, Words.Any, (id, on, d) => (Act)new Act.DescribeCurrentCondition(id, on, d));
    private static readonly Gen<Act> AddObstacle = Gen.Select(NewId, Words.Any, (id, t) => (Act)new Act.AddObstacle(id, t));
    private static readonly Gen<Act> RephraseObstacle = Gen.Select(Pick, Words.Any, (o, t) => (Act)new Act.RephraseObstacle(o, t));
    private static readonly Gen<Act> FocusObstacle = Pick.Select(o => (Act)new Act.FocusObstacle(o));
    private static readonly Gen<Act> TakeObstacleOutOfFocus = Pick.Select(o => (Act)new Act.TakeObstacleOutOfFocus(o));
    private static readonly Gen<Act> CloseObstacle = Gen.Select(Pick, Words.Optional, Gen.Bool, (o, note, resolved) => (Act)new Act.CloseObstacle(o, note, resolved));
    private static readonly Gen<Act> ReopenObstacle = Pick.Select(o => (Act)new Act.ReopenObstacle(o));
    private static readonly Gen<Act> PlanExperiment = Gen.Select(NewId, Day, Words.Any, Words.Any, (id, on, s, e) => (Act)new Act.PlanExperiment(id, on, s, e));
    private static readonly Gen<Act> RecordExperimentResult = Gen.Select(Pick, Words.Any, Words.Any, Gen.Bool, (x, w, l, a) => (Act)new Act.RecordExperimentResult(x, w, l, a));
    private static readonly Gen<Act> AgreeSmallStep = Gen.Select(NewId, Words.Any, Who, Day, (id, t, o, due) => (Act)new Act.AgreeSmallStep(id, t, o, due));
    private static readonly Gen<Act> ReassignSmallStep = Gen.Select(Pick, Who, (s, o) => (Act)new Act.ReassignSmallStep(s, o));
    private static readonly Gen<Act> RescheduleSmallStep = Gen.Select(Pick, Day, (s, due) => (Act)new Act.RescheduleSmallStep(s, due));
    private static readonly Gen<Act> FinishSmallStep = Pick.Select(s => (Act)new Act.FinishSmallStep(s));
    private static readonly Gen<Act> DropSmallStep = Gen.Select(Pick, Words.Optional, (s, r) => (Act)new Act.DropSmallStep(s, r));

    /// <summary>Any command, weighted roughly as a team uses them.</summary>
    private static readonly Gen<Act> Act = Gen.Frequency(
        (2, Rephrase), (5, DefineMetric), (5, RecordMeasurement), (3, CorrectMeasurement), (5, SetTargetCondition), (4, EndTargetCondition),
        (3, DescribeCurrentCondition), (6, AddObstacle), (2, RephraseObstacle), (6, FocusObstacle), (2, TakeObstacleOutOfFocus), (3, CloseObstacle),
        (2, ReopenObstacle), (5, PlanExperiment), (5, RecordExperimentResult), (5, AgreeSmallStep), (2, ReassignSmallStep), (2, RescheduleSmallStep),
        (3, FinishSmallStep), (2, DropSmallStep), (1, RenameTrack), (1, CloseTrack));

    private static readonly Gen<Step> Step = Gen.Select(Minutes, Act, (m, a) => new Step(m, a));

    /// <summary>
    /// What a team sets up first, in this order, each now and then left out: a metric, two obstacles, one in focus, a target
    /// condition, an experiment, a step. Later steps then find things to name; shrinking leaves out what a failure does not need.
    /// </summary>
    private static readonly Gen<Step[]> Setup = Gen.Select(
        Maybe(DefineMetric), Maybe(AddObstacle), Maybe(AddObstacle), Maybe(FocusObstacle), Maybe(SetTargetCondition), Maybe(PlanExperiment), Maybe(AgreeSmallStep),
        (a, b, c, d, e, f, g) => (Step[])[.. new[] { a, b, c, d, e, f, g }.OfType<Step>()]);

    private static Gen<Step?> Maybe(Gen<Act> act) =>
        Gen.Frequency((3, Gen.Select(Minutes, act, (m, a) => (Step?)new Step(m, a))), (1, Gen.Const((Step?)null)));

    /// <summary>
    /// Scripts of up to <paramref name="maxSteps"/> steps: the set-up, then anything. Shrinking removes steps and simplifies
    /// what is left.
    /// </summary>
    public static Gen<Step[]> Steps(int maxSteps) =>
        Gen.Select(Setup, Step.Array[1, Math.Max(1, maxSteps - 7)], (setup, rest) => (Step[])[.. setup, .. rest]);
    /// <summary>How many scripts a test runs: its own default, or OBEYA_MODEL_ITER for a longer hunt.</summary>
    public static long Iterations(long byDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable("OBEYA_MODEL_ITER"), CultureInfo.InvariantCulture, out var iter) && iter > 0 ? iter : byDefault;

    /// <summary>OBEYA_MODEL_SEED replays the seed a failure printed (CsCheck_Seed does the same for every CsCheck test).</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("OBEYA_MODEL_SEED") is { Length: > 0 } seed ? seed : null;
}
