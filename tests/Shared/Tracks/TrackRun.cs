using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Testing.Tracks;

/// <summary>What one step came to in the domain: the command it became, what the model expected, and what the domain did.</summary>
public sealed record Outcome(
    int Number, Step Step, Instant At, object Command, IReadOnlyList<Reason> Expected, IReadOnlyList<object> Events, DomainException? Refused,
    Track Before, Track After)
{
    public bool Accepted => Refused is null;
}

/// <summary>
/// A script played against the domain: each step is made a command against what the model knows of the board (ids of
/// the things it names, fresh ids for new things), decided by <see cref="TrackDecisions"/> on the track folded so far,
/// and, when accepted, applied to the model. Pure and deterministic: the same script always gives the same commands,
/// ids and events, which is what lets CsCheck shrink a failure and print it.
/// </summary>
public sealed class TrackRun
{
    public static readonly Actor By = new(Guid.Parse("00000000-0000-0000-0000-0000000e3301"), "Emmy");

    private readonly Dictionary<Guid, string> names = [];
    private readonly List<object> events = [];
    private int fresh;

    /// <summary>A run on the domain alone: Team Werk (Sander, Fatima and Noor; coach Karin), its track started at <see cref="TrackScript.Start"/>.</summary>
    public TrackRun()
        : this(TeamWerk(), Guid.Parse("7a0c0000-0000-0000-0000-000000000001"), TrackScript.Start)
    {
    }

    /// <summary>A run for <paramref name="team"/>'s track <paramref name="trackId"/>, as the API started it.</summary>
    public TrackRun(Team team, Guid trackId, Instant startedAt, string title = "Kwaliteit van het klantgesprek",
        string challenge = "Over een jaar ervaart 80% van de klanten het gesprek als helpend")
    {
        Team = team;
        Now = startedAt;
        var started = new TrackStarted(trackId, team.Id, title, challenge, By, startedAt);
        events.Add(started);
        Track = Track.From(started);
        Model = new TrackModel(trackId, team.Id, title, challenge, team, startedAt);
        names[trackId] = "track";
        names[team.Id] = "team";
        names[Guid.Empty] = "empty";
        foreach (var member in team.Members.Concat(team.Coaches))
        {
            names[member.Id] = member.Name;
        }
    }

    public Team Team { get; }

    public TrackModel Model { get; }

    public Track Track { get; private set; }

    public Instant Now { get; private set; }

    /// <summary>Every event so far, the start first: the stream the board is folded from.</summary>
    public IReadOnlyList<object> Events => events;

    public int Steps { get; private set; }

    public static Team TeamWerk()
    {
        var id = Guid.Parse("7ea30000-0000-0000-0000-000000000001");
        return Team.From(new TeamCreated(id, "Team Werk", SessionCadence.Default, By, TrackScript.Start))
            .With(new TeamMemberAdded(id, Guid.Parse("7ea30000-0000-0000-0000-00000000000a"), "Sander", null, By, TrackScript.Start))
            .With(new TeamMemberAdded(id, Guid.Parse("7ea30000-0000-0000-0000-00000000000b"), "Fatima", null, By, TrackScript.Start))
            .With(new TeamMemberAdded(id, Guid.Parse("7ea30000-0000-0000-0000-00000000000c"), "Noor", null, By, TrackScript.Start))
            .With(new CoachAssigned(id, Guid.Parse("7ea30000-0000-0000-0000-00000000000d"), "Karin", null, By, TrackScript.Start));
    }

    /// <summary>A readable name for an id: "obstacle#2", "unknown#1", "Sander", "track".</summary>
    public string Name(Guid id) => names.TryGetValue(id, out var name) ? name : id.ToString();

    /// <summary>The step as a command on the board as the model knows it, then decided by the domain.</summary>
    public Outcome Next(Step step)
    {
        Steps++;
        Now += Duration.FromMinutes(step.Minutes);
        var command = Command(step.Act);
        var expected = Model.Refusals(command, Now);
        var before = Track;
        IReadOnlyList<object> decided = [];
        DomainException? refused = null;
        try
        {
            decided = Decide(before, Team, command, By, Now);
        }
        catch (DomainException e)
        {
            refused = e;
        }

        if (refused is null)
        {
            Track = decided.Aggregate(before, (t, e) => t.With(e));
            events.AddRange(decided);
            if (expected.Count == 0)
            {
                Model.Apply(command, Now);
            }
        }

        return new Outcome(Steps, step, Now, command, expected, decided, refused, before, Track);
    }

    /// <summary>The one way a command reaches the domain, for the domain's runs and the API's twin alike.</summary>
    public static IReadOnlyList<object> Decide(Track t, Team team, object command, Actor by, Instant now) => command switch
    {
        RephraseChallenge c => [TrackDecisions.RephraseChallenge(t, c, by, now)],
        RenameTrack c => [TrackDecisions.Rename(t, c, by, now)],
        CloseTrack c => [TrackDecisions.Close(t, c, by, now)],
        DefineMetric c => [TrackDecisions.DefineMetric(t, c, by, now)],
        RecordMeasurement c => [TrackDecisions.RecordMeasurement(t, c, by, now)],
        CorrectMeasurement c => [TrackDecisions.CorrectMeasurement(t, c, by, now)],
        SetTargetCondition c => [TrackDecisions.SetTargetCondition(t, c, by, now, team.Cadence.GetZone())],
        EndCondition c => [TrackDecisions.EndTargetCondition(t, c.Command, c.Reached, by, now)],
        DescribeCurrentCondition c => [TrackDecisions.DescribeCurrentCondition(t, c, by, now)],
        AddObstacle c => [TrackDecisions.AddObstacle(t, c, by, now)],
        RephraseObstacle c => [TrackDecisions.RephraseObstacle(t, c, by, now)],
        FocusObstacle c => [TrackDecisions.FocusObstacle(t, c, by, now)],
        TakeObstacleOutOfFocus c => [TrackDecisions.TakeObstacleOutOfFocus(t, c, by, now)],
        Close c => [TrackDecisions.CloseObstacle(t, c.Command, c.Resolved, by, now)],
        ReopenObstacle c => [TrackDecisions.ReopenObstacle(t, c, by, now)],
        PlanExperiment c => [TrackDecisions.PlanExperiment(t, c, by, now)],
        RecordExperimentResult c => [TrackDecisions.RecordExperimentResult(t, c, by, now)],
        AgreeSmallStep c => [TrackDecisions.AgreeSmallStep(t, team, c, by, now)],
        ReassignSmallStep c => [TrackDecisions.ReassignSmallStep(t, team, c, by, now)],
        RescheduleSmallStep c => [TrackDecisions.RescheduleSmallStep(t, team, c, by, now)],
        FinishSmallStep c => [TrackDecisions.FinishSmallStep(t, c, by, now)],
        DropSmallStep c => [TrackDecisions.DropSmallStep(t, c, by, now)],
        _ => throw new ArgumentException($"No decision takes a {command.GetType().Name}.", nameof(command)),
    };

    private object Command(Act act)
    {
        var today = Now.InZone(Team.Cadence.GetZone()).Date;
        return act switch
        {
            Act.RephraseChallenge a => new RephraseChallenge(a.Challenge!),
            Act.RenameTrack a => new RenameTrack(a.Title!),
            Act.CloseTrack a => new CloseTrack(a.Outcome, a.Note!),
            Act.DefineMetric a => new DefineMetric(New(a.Id, "metric"), a.Name!, a.Unit!, a.Direction, a.Target),
            Act.RecordMeasurement a => new RecordMeasurement(Of(a.Metric, Model.Metrics), New(a.Id, "measurement"), a.On.On(today), a.Value, a.Note),
            Act.CorrectMeasurement a => new CorrectMeasurement(Of(a.Metric, Model.Metrics), Of(a.Measurement, Model.Measurements), a.Value, a.Note, a.Reason!),
            Act.SetTargetCondition a => new SetTargetCondition(
                New(a.Id, "condition"), a.Description!, a.AchieveBy.On(today), [.. a.Targets.Select(t => new MetricTarget(Of(t.Metric, Model.Metrics), t.Target))]),
            Act.EndTargetCondition a => new EndCondition(new EndTargetCondition(Of(a.Condition, Model.TargetConditions), a.Reason!), a.Reached),
            Act.DescribeCurrentCondition a => new DescribeCurrentCondition(New(a.Id, "current"), a.On.On(today), a.Description!),
            Act.AddObstacle a => new AddObstacle(New(a.Id, "obstacle"), a.Text!),
            Act.RephraseObstacle a => new RephraseObstacle(Of(a.Obstacle, Model.Obstacles), a.Text!),
            Act.FocusObstacle a => new FocusObstacle(Of(a.Obstacle, Model.Obstacles)),
            Act.TakeObstacleOutOfFocus a => new TakeObstacleOutOfFocus(Of(a.Obstacle, Model.Obstacles)),
            Act.CloseObstacle a => new Close(new CloseObstacle(Of(a.Obstacle, Model.Obstacles), a.Note), a.Resolved),
            Act.ReopenObstacle a => new ReopenObstacle(Of(a.Obstacle, Model.Obstacles)),
            Act.PlanExperiment a => new PlanExperiment(New(a.Id, "experiment"), a.On.On(today), a.Step!, a.Expectation!),
            Act.RecordExperimentResult a => new RecordExperimentResult(Of(a.Experiment, Model.Experiments), a.WhatHappened!, a.Learned!, a.AsExpected),
            Act.AgreeSmallStep a => new AgreeSmallStep(New(a.Id, "step"), a.Text!, Owner(a.Owner), a.Due.On(today)),
            Act.ReassignSmallStep a => new ReassignSmallStep(Of(a.Step, Model.SmallSteps), Owner(a.Owner)),
            Act.RescheduleSmallStep a => new RescheduleSmallStep(Of(a.Step, Model.SmallSteps), a.Due.On(today)),
            Act.FinishSmallStep a => new FinishSmallStep(Of(a.Step, Model.SmallSteps)),
            Act.DropSmallStep a => new DropSmallStep(Of(a.Step, Model.SmallSteps), a.Reason),
            _ => throw new ArgumentException($"No command for {act.GetType().Name}.", nameof(act)),
        };
    }

    private Guid New(NewId id, string kind)
    {
        if (id.Value == NewId.Empty)
        {
            return Guid.Empty;
        }

        if (id.Reused)
        {
            var all = Model.AllIds;
            return all[id.Value % all.Count];
        }

        var made = Fresh();
        names[made] = $"{kind}#{names.Values.Count(n => n.StartsWith(kind + "#", StringComparison.Ordinal)) + 1}";
        return made;
    }

    private Guid Of(Pick pick, IReadOnlyList<Guid> ofKind)
    {
        if (pick.Value >= 0 && ofKind.Count > 0)
        {
            return ofKind[ofKind.Count - 1 - (pick.Value % ofKind.Count)];
        }

        if (pick.Value == Pick.OtherKind)
        {
            var others = Model.AllIds.Except(ofKind).ToList();
            return others[^1];
        }

        var unknown = Fresh();
        names[unknown] = $"unknown#{names.Values.Count(n => n.StartsWith("unknown#", StringComparison.Ordinal)) + 1}";
        return unknown;
    }

    private Guid Owner(Who who) => who.Value switch
    {
        >= 0 => Team.Members[who.Value % Team.Members.Count].Id,
        Who.Coach => Team.Coaches[0].Id,
        Who.Stranger => Guid.Parse("5e0a0000-0000-0000-0000-000000000001"),
        _ => Guid.Empty,
    };

    // Made from a count, so a replayed script names the same things; never one a team or track uses.
    private Guid Fresh() => new($"0b0a{++fresh:x4}-0000-4000-8000-000000000000");

    /// <summary>
    /// The shortest script left by taking steps out one at a time while it still fails, and then their waits: CsCheck's own
    /// shrinking is random and stops with the iterations, this makes the printed case the few steps that matter.
    /// </summary>
    public static Step[] Smallest(Step[] steps, Func<Step[], bool> fails)
    {
        var smallest = steps;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = smallest.Length - 1; i >= 0; i--)
            {
                Step[] fewer = [.. smallest[..i], .. smallest[(i + 1)..]];
                if (fewer.Length > 0 && fails(fewer))
                {
                    (smallest, changed) = (fewer, true);
                }
            }
        }

        for (var i = 0; i < smallest.Length; i++)
        {
            if (smallest[i].Minutes != 0)
            {
                Step[] sooner = [.. smallest[..i], smallest[i] with { Minutes = 0 }, .. smallest[(i + 1)..]];
                if (fails(sooner))
                {
                    smallest = sooner;
                }
            }
        }

        return smallest;
    }

    /// <summary>The script as its commands and what the domain said to each: how a shrunk counterexample is printed.</summary>
    public static string Transcript(Step[] steps)
    {
        var run = new TrackRun();
        var text = new StringBuilder($"{steps.Length} steps:").AppendLine();
        foreach (var step in steps)
        {
            try
            {
                var outcome = run.Next(step);
                text.AppendLine(run.Describe(outcome));
            }
            catch (Exception e)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{run.Steps,3}. {step.Act.GetType().Name}: threw {e.GetType().Name}: {e.Message}");
            }
        }

        return text.ToString();
    }

    /// <summary>"4. (+30 min) FocusObstacle(ObstacleId: obstacle#1) → ObstacleFocused", or the refusal and what the model expected.</summary>
    public string Describe(Outcome o)
    {
        var wait = o.Step.Minutes switch
        {
            0 => "",
            < 60 => $"(+{o.Step.Minutes} min) ",
            < 24 * 60 => $"(+{o.Step.Minutes / 60} h {o.Step.Minutes % 60} min) ",
            _ => $"(+{o.Step.Minutes / (24 * 60)} d {o.Step.Minutes % (24 * 60) / 60} h) ",
        };
        var result = o.Refused is { } refused
            ? $"refused {refused.Field} ({refused.Refusal}): {Shown(refused.Message)}"
            : string.Join(", ", o.Events.Select(e => e.GetType().Name));
        var model = o.Expected.Count == 0 ? "model: accept" : $"model: refuse {string.Join(" or ", o.Expected)}";
        return $"{o.Number,3}. {wait}{Show(o.Command)} → {result}   [{model}]";
    }

    /// <summary>A command or any value as a person reads it: ids by name, texts quoted and shortened, numbers invariant.</summary>
    public string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{Shown(s)}\"",
        Guid g => Name(g),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => Enum.IsDefined(e.GetType(), e) ? e.ToString() : $"({e.GetType().Name}){Convert.ToInt32(e, CultureInfo.InvariantCulture)}",
        LocalDate d => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
        Instant i => i.ToString(),
        IEnumerable list => $"[{string.Join(", ", list.Cast<object?>().Select(Show))}]",
        _ => $"{value.GetType().Name}({string.Join(", ", Properties.GetOrAdd(value.GetType(), Readable).Select(p => $"{p.Name}: {Show(p.GetValue(value))}"))})",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> Properties = new();

    private static System.Reflection.PropertyInfo[] Readable(Type type) => [.. type.GetProperties().Where(p => p.GetIndexParameters().Length == 0)];

    /// <summary>Invisible characters by their code, long runs of one character counted.</summary>
    public static string Shown(string text) =>
        Regex.Replace(
            string.Concat(text.Select(c => c is >= ' ' and <= '~' or >= '\u00a0' and < '\u2000' ? c.ToString() : $"\\u{(int)c:X4}")),
            @"(.)\1{9,}", m => $"{m.Groups[1].Value}×{m.Length}");
}
