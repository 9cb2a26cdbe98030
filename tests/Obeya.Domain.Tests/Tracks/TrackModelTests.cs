using System.Collections.Concurrent;
using CsCheck;
using Obeya.Domain.Tracks;
using Obeya.Testing.Tracks;
using Xunit.Sdk;

namespace Obeya.Domain.Tests.Tracks;

/// <summary>
/// Random scripts of everything a team does on a storyboard, right and wrong, checked after every step against a model of
/// what the board should show and against the rules of DOMAIN.md. A failure prints the shrunk script as its commands.
/// </summary>
public class TrackModelTests
{
    private const int MaxSteps = 40;

    [Fact]
    public void random_scripts_keep_the_board_the_model_the_rules_and_the_history_in_agreement() =>
        TrackScript.Steps(MaxSteps).Sample(Play, iter: TrackScript.Iterations(400), seed: TrackScript.Seed, print: Explained);

    /// <summary>
    /// A model test that never reaches a rule proves nothing: the scripts must reach every event and every kind of
    /// refusal. CsCheck samples beyond the seed at random, so the rarest (a closing note that is not text, on a track not
    /// yet closed) once went unreached in 300 scripts; 1,000 take a second.
    /// </summary>
    [Fact]
    public void the_scripts_reach_every_event_and_every_kind_of_refusal()
    {
        var events = new ConcurrentDictionary<string, int>();
        var refusals = new ConcurrentDictionary<string, int>();
        TrackScript.Steps(MaxSteps).Sample(steps =>
        {
            var run = new TrackRun();
            foreach (var outcome in steps.Select(run.Next))
            {
                foreach (var e in outcome.Events)
                {
                    events.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }

                if (outcome.Refused is { } refused)
                {
                    refusals.AddOrUpdate($"{outcome.Command.GetType().Name} {refused.Field} {refused.Refusal}", 1, (_, n) => n + 1);
                }
            }
        }, iter: 1000, seed: "0000000000000");

        string[] reachable =
        [
            nameof(ChallengeRephrased), nameof(MetricDefined), nameof(MeasurementRecorded), nameof(MeasurementCorrected), nameof(TargetConditionSet),
            nameof(TargetConditionReached), nameof(TargetConditionDropped), nameof(CurrentConditionDescribed), nameof(ObstacleAdded), nameof(ObstacleRephrased),
            nameof(ObstacleFocused), nameof(ObstacleTakenOutOfFocus), nameof(ObstacleResolved), nameof(ObstacleDropped), nameof(ObstacleReopened),
            nameof(ExperimentPlanned), nameof(ExperimentResultRecorded), nameof(SmallStepAgreed), nameof(SmallStepReassigned), nameof(SmallStepRescheduled),
            nameof(SmallStepDone), nameof(SmallStepDropped), nameof(TrackRenamed), nameof(TrackClosed),
        ];
        events.Keys.Should().Contain(reachable);
        refusals.Keys.Should().Contain(
        [
            "AddObstacle id Conflict", "AddObstacle id Invalid", "AddObstacle text Invalid", "DefineMetric name Conflict", "DefineMetric direction Invalid",
            "SetTargetCondition targetCondition Conflict", "SetTargetCondition achieveBy Invalid", "FocusObstacle obstacleId NotFound",
            "FocusObstacle obstacleId Conflict", "PlanExperiment obstacleId Conflict", "PlanExperiment experimentId Conflict",
            "RecordExperimentResult experimentId Conflict", "Close obstacleId Conflict", "AgreeSmallStep ownerId Invalid", "AgreeSmallStep due Invalid",
            "ReassignSmallStep ownerId Conflict", "FinishSmallStep stepId Conflict", "CorrectMeasurement measurementId NotFound",
            "EndCondition targetConditionId Conflict", "RecordMeasurement value Invalid", "RenameTrack title Invalid", "CloseTrack outcome Invalid",
            "CloseTrack note Invalid",
        ]);
        refusals.Keys.Should().Contain(k => k.EndsWith(" trackId Conflict", StringComparison.Ordinal), "a closed track refuses every change");
    }

    /// <summary>Every step checked as it happens; plain checks in this loop (it runs some 20,000 times), messages made only on failure.</summary>
    private static void Play(Step[] steps)
    {
        var run = new TrackRun();
        Track? told = null;
        var history = new List<HistoryEntry> { TrackHistory.Next(ref told, run.Events[0], 1) };
        foreach (var step in steps)
        {
            var outcome = run.Next(step);
            string Said() => run.Describe(outcome);
            if (outcome.Refused is { } refused)
            {
                Require(outcome.Expected.Count > 0, () => $"The domain refused what the model accepts: {Said()}");
                Require(!string.IsNullOrWhiteSpace(refused.Field), () => $"A refusal names no field: {Said()}");
                Require(outcome.Expected.Contains(new Reason(refused.Field, refused.Refusal)), () => $"The domain refused for a reason the model does not see: {Said()}");
                Require(PhraseKey.Looks(refused.Says.Key), () => $"A refusal says a phrase key for the web to word, not '{refused.Says.Key}': {Said()}");
                Require(ReferenceEquals(outcome.After, outcome.Before) && outcome.Events.Count == 0, () => $"A refusal changed the board: {Said()}");
            }
            else
            {
                Require(outcome.Expected.Count == 0, () => $"The domain accepted what the model refuses: {Said()}");
                Require(outcome.Events.Count > 0, () => $"An accepted command changed nothing: {Said()}");
                foreach (var e in outcome.Events)
                {
                    var fact = (IFact)e;
                    Require(fact.At == outcome.At && fact.By == TrackRun.By, () => $"{e.GetType().Name} says {fact.By} at {fact.At}: {Said()}");
                    Require(Equals(e.GetType().GetProperty("TrackId")!.GetValue(e), run.Track.Id), () => $"{e.GetType().Name} names another track: {Said()}");
                    Require(TrackItems.Of(e).Any(), () => $"{e.GetType().Name} names no item it touches: {Said()}");
                }
            }

            var board = TrackModel.Lines(run.Track, run.Name);
            var model = run.Model.Lines(run.Name);
            Require(board.SequenceEqual(model), () => $"After {Said()} the board (-) differs from the model (+):{Environment.NewLine}{Difference(board, model)}");
            var broken = Invariants.Violations(outcome.Before, run.Track, run.Team);
            Require(broken.Count == 0, () => $"After {Said()} the board breaks: {string.Join("; ", broken)}");
            var replayed = TrackModel.Lines(Track.Replay(run.Events), run.Name);
            Require(replayed.SequenceEqual(board), () => $"After {Said()} replaying the stream gives another board:{Environment.NewLine}{Difference(replayed, board)}");

            // Told a piece at a time, as the audit trail tells a stream: the new events' sentences, numbered on from the last.
            foreach (var e in outcome.Events)
            {
                var entry = TrackHistory.Next(ref told, e, history.Count + 1);
                history.Add(entry);
                Require(Invariants.SentenceProblem(entry.Action) is null,
                    () => $"After {Said()} sentence {entry.Version} '{entry.Action}': {Invariants.SentenceProblem(entry.Action)}");
            }

            Require(history.Count == run.Events.Count, () => $"After {Said()} the history has {history.Count} sentences for {run.Events.Count} events");
        }

        // Once a script: the whole history told at once is the one told a piece at a time, one sentence per event, versions 1..n;
        // and replaying gives everything a screen could read (a reflection over the whole record, computed properties too).
        var whole = TrackHistory.Of(run.Events);
        Require(whole.SequenceEqual(history) && whole.Select(h => h.Version).SequenceEqual(Enumerable.Range(1, run.Events.Count).Select(v => (long)v)),
            () => $"The history of the whole stream differs from the one told step by step: {string.Join(" | ", whole.Select(h => $"{h.Version} {h.Action}"))}");
        Require(run.Show(Track.Replay(run.Events)) == run.Show(run.Track), () => "Replaying the stream gives another board than folding it step by step");
    }

    /// <summary>The failing script cut down to the steps that matter, as commands, with what went wrong at the end.</summary>
    private static string Explained(Step[] steps)
    {
        var smallest = TrackRun.Smallest(steps, s => Failure(s) is not null);
        return $"{Environment.NewLine}{TrackRun.Transcript(smallest)}{Failure(smallest)}{Environment.NewLine}(cut down from {steps.Length} steps)";
    }

    private static string? Failure(Step[] steps)
    {
        try
        {
            Play(steps);
            return null;
        }
        catch (XunitException e)
        {
            return e.Message;
        }
    }

    private static void Require(bool holds, Func<string> failure)
    {
        if (!holds)
        {
            throw new XunitException(failure());
        }
    }

    private static string Difference(IReadOnlyList<string> actual, IReadOnlyList<string> expected) =>
        string.Join(Environment.NewLine, actual.Select(l => (expected.Contains(l) ? "  " : "- ") + l)
            .Concat(expected.Where(l => !actual.Contains(l)).Select(l => "+ " + l)));
}

/// <summary>
/// A phrase key as the domain says it: "area.camelCase", never a sentence. That each key has its Dutch and English is
/// checked where the wording lives (Obeya.Web.Tests, Language).
/// </summary>
internal static partial class PhraseKey
{
    public static bool Looks(string key) => Shape().IsMatch(key);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)+$")]
    private static partial System.Text.RegularExpressions.Regex Shape();
}
