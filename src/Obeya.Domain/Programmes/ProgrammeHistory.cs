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
        ProgrammeStarted x => Say("started", x.Name),
        ProgrammeRenamed x => Say("renamed", x.Name),
        TransitionGoalAdded x => Say("transitionGoalAdded", x.Result),
        TacticalGoalAdded x => Say("tacticalGoalAdded", x.Result),
        GoalAchieved x => Say("goalAchieved", Goal(programme, x.GoalId)),
        TrackLinked x => Say("trackLinked", Goal(programme, x.TacticalGoalId)),
        StatusOverridden x => Say("statusOverridden", Goal(programme, x.GoalId), Status(x.Status), x.Reason),
        ImpedimentRaised { Source: { } source } x => Say("obstacleEscalated", x.Text, source.TrackTitle, Goal(programme, x.GoalId)),
        ImpedimentRaised x => Say("impedimentRaised", x.Text, Goal(programme, x.GoalId)),
        ImpedimentResolved x => Say("impedimentResolved", programme.Impediments.FirstOrDefault(i => i.Id == x.ImpedimentId)?.Text, x.Resolution),
        DependencyAdded x => Say("dependencyAdded", Name(programme, x.From), Name(programme, x.To)),
        _ => Say("changed"),
    };

    private static Phrase Status(GoalStatus status) => Say(status switch
    {
        GoalStatus.OnTrack => "onTrack",
        GoalStatus.AtRisk => "atRisk",
        GoalStatus.Blocked => "blocked",
        _ => "achieved",
    });

    private static Phrase Say(string key, params object?[] values) => Phrase.Of($"history.programme.{key}", values);

    private static object Goal(Programme programme, Guid goalId) => (object?)programme.ResultOf(goalId) ?? Say("unknownGoal");

    private static Phrase Name(Programme programme, Node node) =>
        node.Kind == NodeKind.Goal ? Say("goalNamed", Goal(programme, node.Id)) : Say("aTrack");
}
