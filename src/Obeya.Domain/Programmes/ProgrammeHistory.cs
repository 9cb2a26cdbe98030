namespace Obeya.Domain.Programmes;

/// <summary>
/// What a change to a programme did, as a phrase without its subject ("benoemde de belemmering '…'"), told against the
/// programme as it stands (goals are never removed, so their names are there): for "what changed since your last
/// visit" on the home page.
/// </summary>
public static class ProgrammeHistory
{
    public static Phrase Describe(object e, Programme programme) => e switch
    {
        ProgrammeStarted x => Phrase.Of("history.programme.started", x.Name),
        ProgrammeRenamed x => Phrase.Of("history.programme.renamed", x.Name),
        TransitionGoalAdded x => Phrase.Of("history.programme.transitionGoalAdded", x.Result),
        TacticalGoalAdded x => Phrase.Of("history.programme.tacticalGoalAdded", x.Result),
        GoalAchieved x => Phrase.Of("history.programme.goalAchieved", Goal(programme, x.GoalId)),
        TrackLinked x => Phrase.Of("history.programme.trackLinked", Goal(programme, x.TacticalGoalId)),
        StatusOverridden x => Phrase.Of("history.programme.statusOverridden", Goal(programme, x.GoalId), Status(x.Status), x.Reason),
        ImpedimentRaised { Source: { } source } x => Phrase.Of("history.programme.obstacleEscalated", x.Text, source.TrackTitle, Goal(programme, x.GoalId)),
        ImpedimentRaised x => Phrase.Of("history.programme.impedimentRaised", x.Text, Goal(programme, x.GoalId)),
        ImpedimentResolved x => Phrase.Of("history.programme.impedimentResolved", programme.Impediments.FirstOrDefault(i => i.Id == x.ImpedimentId)?.Text, x.Resolution),
        DependencyAdded x => Phrase.Of("history.programme.dependencyAdded", Name(programme, x.From), Name(programme, x.To)),
        _ => Phrase.Of("history.programme.changed"),
    };

    private static Phrase Status(GoalStatus status) => status switch
    {
        GoalStatus.OnTrack => Phrase.Of("history.programme.onTrack"),
        GoalStatus.AtRisk => Phrase.Of("history.programme.atRisk"),
        GoalStatus.Blocked => Phrase.Of("history.programme.blocked"),
        _ => Phrase.Of("history.programme.achieved"),
    };

    private static object Goal(Programme programme, Guid goalId) => (object?)programme.ResultOf(goalId) ?? Phrase.Of("history.programme.unknownGoal");

    private static Phrase Name(Programme programme, Node node) =>
        node.Kind == NodeKind.Goal ? Phrase.Of("history.programme.goalNamed", Goal(programme, node.Id)) : Phrase.Of("history.programme.aTrack");
}
