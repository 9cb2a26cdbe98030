using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Programmes;

public sealed record StartProgramme(Guid ProgrammeId, string Name);

public sealed record RenameProgramme(string Name);

public sealed record AddTransitionGoal(Guid GoalId, string Result, string Owner, LocalDate? Horizon);

public sealed record AddTacticalGoal(Guid GoalId, Guid TransitionGoalId, string Result, string Owner, LocalDate? Due);

public sealed record OverrideStatus(Guid GoalId, GoalStatus? Status, string? Reason);

public sealed record RaiseImpediment(Guid ImpedimentId, Guid GoalId, string Text, string Owner, LocalDate? ExpectedBy);

public sealed record EscalateObstacle(Guid ImpedimentId, Guid GoalId, Guid ObstacleId, string Owner, LocalDate? ExpectedBy);

public sealed record AddDependency(Guid DependencyId, Node From, Node To, string? Note);

/// <summary>Pure decisions for the Obeya room: state and command in, events out, or a Dutch refusal naming the field.</summary>
public static class ProgrammeDecisions
{
    public static ProgrammeStarted Start(StartProgramme command, Actor by, Instant now) =>
        new(Ids.New("id", command.ProgrammeId, taken: false), Text.Name("name", command.Name), by, now);

    public static ProgrammeRenamed Rename(Programme programme, RenameProgramme command, Actor by, Instant now) =>
        new(programme.Id, Text.Name("name", command.Name), by, now);

    public static TransitionGoalAdded AddTransitionGoal(Programme programme, AddTransitionGoal command, Actor by, Instant now) =>
        new(programme.Id, Ids.New("id", command.GoalId, programme.Uses(command.GoalId)), Text.Free("result", command.Result), Text.Name("owner", command.Owner),
            Required("horizon", command.Horizon), by, now);

    public static TacticalGoalAdded AddTacticalGoal(Programme programme, AddTacticalGoal command, Actor by, Instant now)
    {
        if (programme.TransitionGoals.All(g => g.Id != command.TransitionGoalId))
        {
            throw DomainException.NotFound("transitionGoalId", Phrase.Of("programme.transitionGoalNotFound"));
        }

        return new TacticalGoalAdded(programme.Id, Ids.New("id", command.GoalId, programme.Uses(command.GoalId)), command.TransitionGoalId,
            Text.Free("result", command.Result), Text.Name("owner", command.Owner), Required("due", command.Due), by, now);
    }

    public static GoalAchieved Achieve(Programme programme, Guid goalId, Actor by, Instant now)
    {
        Goal(programme, goalId);
        return programme.TransitionGoals.Any(g => g.Id == goalId && g.Achieved) || programme.TacticalGoals.Any(g => g.Id == goalId && g.Achieved)
            ? throw DomainException.Conflict("goalId", Phrase.Of("programme.goalAchieved"))
            : new GoalAchieved(programme.Id, goalId, by, now);
    }

    /// <summary>A track serves one tactical goal of one programme; linking it again elsewhere in this programme moves it.</summary>
    public static TrackLinked LinkTrack(Programme programme, Guid tacticalGoalId, Track track, Actor by, Instant now)
    {
        TrackDecisions.EnsureOpen(track);
        return programme.TacticalGoals.Any(g => g.Id == tacticalGoalId)
            ? new TrackLinked(programme.Id, tacticalGoalId, track.Id, track.TeamId, by, now)
            : throw DomainException.NotFound("tacticalGoalId", Phrase.Of("programme.tacticalGoalNotFound"));
    }

    /// <summary>
    /// Sets a goal's status against the roll-up, with a reason; <paramref name="derived"/> is what the roll-up says
    /// now, so the override lapses when that changes.
    /// </summary>
    public static StatusOverridden Override(Programme programme, OverrideStatus command, GoalStatus derived, Actor by, Instant now)
    {
        Goal(programme, command.GoalId);
        var status = command.Status ?? throw new DomainException("status", Phrase.Of("text.required"));
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("status", Phrase.Of("programme.chooseStatus"));
        }

        var reason = Text.Free("reason", command.Reason);
        return status == derived
            ? throw DomainException.Conflict("status", Phrase.Of("programme.statusAlreadyDerived"))
            : new StatusOverridden(programme.Id, command.GoalId, status, reason, derived, by, now);
    }

    public static ImpedimentRaised Raise(Programme programme, RaiseImpediment command, Actor by, Instant now)
    {
        Goal(programme, command.GoalId);
        return new ImpedimentRaised(programme.Id, Ids.New("id", command.ImpedimentId, programme.Uses(command.ImpedimentId)), command.GoalId, Text.Free("text", command.Text),
            Text.Name("owner", command.Owner), ExpectedBy(command.ExpectedBy, now), null, by, now);
    }

    /// <summary>
    /// Escalates a team's open obstacle to a goal of the Obeya in one action: the impediment here, and on the
    /// team's board the obstacle marked escalated (both stored together by the host).
    /// </summary>
    public static (ImpedimentRaised Raised, ObstacleEscalated Escalated) Escalate(
        Programme programme, Track track, EscalateObstacle command, Actor by, Instant now)
    {
        TrackDecisions.EnsureOpen(track);
        var goal = Goal(programme, command.GoalId);
        var obstacle = track.Obstacles.FirstOrDefault(o => o.Id == command.ObstacleId)
            ?? throw DomainException.NotFound("obstacleId", Phrase.Of("programme.obstacleNotOnBoard"));
        if (obstacle.State != ObstacleState.Open)
        {
            throw DomainException.Conflict("obstacleId", Phrase.Of("programme.onlyOpenObstacleEscalated"));
        }

        if (obstacle.Escalation is { Resolution: null })
        {
            throw DomainException.Conflict("obstacleId", Phrase.Of("programme.alreadyEscalated", obstacle.Escalation.GoalResult));
        }

        var raised = new ImpedimentRaised(programme.Id, Ids.New("id", command.ImpedimentId, programme.Uses(command.ImpedimentId)), command.GoalId, obstacle.Text, Text.Name("owner", command.Owner),
            ExpectedBy(command.ExpectedBy, now), new EscalatedObstacle(track.TeamId, track.Id, obstacle.Id, track.Title), by, now);
        return (raised, new ObstacleEscalated(track.Id, obstacle.Id, programme.Id, programme.Name, command.ImpedimentId, goal, by, now));
    }

    /// <summary>Resolves an impediment; one escalated from a team's obstacle also tells that team (the second event).</summary>
    public static (ImpedimentResolved Resolved, EscalationResolved? TeamTold) Resolve(Programme programme, Guid impedimentId, string? resolution, Actor by, Instant now)
    {
        var impediment = programme.Impediments.FirstOrDefault(i => i.Id == impedimentId)
            ?? throw DomainException.NotFound("impedimentId", Phrase.Of("programme.impedimentNotFound"));
        if (!impediment.IsOpen)
        {
            throw DomainException.Conflict("impedimentId", Phrase.Of("programme.impedimentResolved"));
        }

        var text = Text.Free("resolution", resolution);
        var resolved = new ImpedimentResolved(programme.Id, impedimentId, text, by, now);
        return (resolved, impediment.Source is { } source
            ? new EscalationResolved(source.TrackId, source.ObstacleId, impedimentId, text, by, now)
            : null);
    }

    /// <summary>"From needs To". Refused when it would close a circle: then nothing could ever go first.</summary>
    public static DependencyAdded AddDependency(Programme programme, AddDependency command, Actor by, Instant now)
    {
        Known(programme, command.From, "from");
        Known(programme, command.To, "to");
        if (command.From == command.To)
        {
            throw new DomainException("to", Phrase.Of("programme.dependsOnItself"));
        }

        if (programme.Dependencies.Any(d => d.From == command.From && d.To == command.To))
        {
            throw DomainException.Conflict("to", Phrase.Of("programme.dependencyExists"));
        }

        if (Reaches(programme.Dependencies, command.To, command.From) is { } path)
        {
            var cycle = path.Skip(1).Append(command.To)
                .Aggregate(NameOf(programme, path[0]), (said, next) => Phrase.Of("programme.cycleStep", said, NameOf(programme, next)));
            throw DomainException.Conflict("to", Phrase.Of("programme.dependencyCycle", cycle));
        }

        return new DependencyAdded(
            programme.Id, Ids.New("id", command.DependencyId, programme.Uses(command.DependencyId)), command.From, command.To,
            Text.Optional("note", command.Note), by, now);
    }

    /// <summary>The path from <paramref name="start"/> to <paramref name="target"/> along existing dependencies, if there is one.</summary>
    private static List<Node>? Reaches(IReadOnlyList<Dependency> dependencies, Node start, Node target)
    {
        var cameFrom = new Dictionary<Node, Node?> { [start] = null };
        var queue = new Queue<Node>([start]);
        while (queue.TryDequeue(out var node))
        {
            if (node == target)
            {
                var path = new List<Node>();
                for (Node? at = node; at is not null; at = cameFrom[at])
                {
                    path.Add(at);
                }

                path.Reverse();
                return path;
            }

            foreach (var next in dependencies.Where(d => d.From == node).Select(d => d.To))
            {
                if (cameFrom.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static string Goal(Programme programme, Guid goalId) =>
        programme.ResultOf(goalId) ?? throw DomainException.NotFound("goalId", Phrase.Of("programme.goalNotFound"));

    private static void Known(Programme programme, Node? node, string field)
    {
        var known = node switch
        {
            { Kind: NodeKind.Goal } => programme.HasGoal(node.Id),
            { Kind: NodeKind.Track } => programme.HasTrack(node.Id),
            _ => throw new DomainException(field, Phrase.Of("text.required")),
        };
        if (!known)
        {
            throw DomainException.NotFound(field, node.Kind == NodeKind.Goal ? Phrase.Of("programme.goalNotFound") : Phrase.Of("programme.trackNotUnderGoal"));
        }
    }

    private static Phrase NameOf(Programme programme, Node node) =>
        node.Kind == NodeKind.Goal ? Phrase.Of("programme.cycleGoal", programme.ResultOf(node.Id)) : Phrase.Of("programme.cycleTrack");

    private static LocalDate ExpectedBy(LocalDate? expectedBy, Instant now) =>
        Bounds.Date("expectedBy", expectedBy ?? throw new DomainException("expectedBy", Phrase.Of("programme.expectedByRequired")));

    private static LocalDate Required(string field, LocalDate? date) =>
        Bounds.Date(field, date ?? throw new DomainException(field, Phrase.Of("text.required")));
}
