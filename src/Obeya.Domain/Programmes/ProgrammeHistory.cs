namespace Obeya.Domain.Programmes;

/// <summary>
/// What a change to a programme did, in one Dutch sentence without its subject ("benoemde de belemmering '…'"), told
/// against the programme as it stands (goals are never removed, so their names are there): for "what changed since
/// your last visit" on the home page.
/// </summary>
public static class ProgrammeHistory
{
    public static string Describe(object e, Programme programme) => e switch
    {
        ProgrammeStarted x => $"startte het programma '{x.Name}'",
        ProgrammeRenamed x => $"noemde het programma voortaan '{x.Name}'",
        TransitionGoalAdded x => $"voegde het transitiedoel '{x.Result}' toe",
        TacticalGoalAdded x => $"voegde het tactische doel '{x.Result}' toe",
        GoalAchieved x => $"markeerde '{Goal(programme, x.GoalId)}' als bereikt",
        TrackLinked x => $"hing een verbetertraject onder '{Goal(programme, x.TacticalGoalId)}'",
        StatusOverridden x => $"stelde de status van '{Goal(programme, x.GoalId)}' bij naar {Status(x.Status)}: {x.Reason}",
        ImpedimentRaised { Source: { } source } x => $"schaalde het obstakel '{x.Text}' van '{source.TrackTitle}' op naar '{Goal(programme, x.GoalId)}'",
        ImpedimentRaised x => $"benoemde de belemmering '{x.Text}' bij '{Goal(programme, x.GoalId)}'",
        ImpedimentResolved x => $"loste de belemmering '{programme.Impediments.FirstOrDefault(i => i.Id == x.ImpedimentId)?.Text}' op: {x.Resolution}",
        DependencyAdded x => $"legde vast dat {Name(programme, x.From)} {Name(programme, x.To)} nodig heeft",
        _ => "wijzigde het programma",
    };

    private static string Goal(Programme programme, Guid goalId) => programme.ResultOf(goalId) ?? "(onbekend doel)";

    private static string Name(Programme programme, Node node) =>
        node.Kind == NodeKind.Goal ? $"'{Goal(programme, node.Id)}'" : "een verbetertraject";

    private static string Status(GoalStatus status) => status switch
    {
        GoalStatus.OnTrack => "op koers",
        GoalStatus.AtRisk => "risico",
        GoalStatus.Blocked => "geblokkeerd",
        _ => "bereikt",
    };
}
