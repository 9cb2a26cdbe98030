namespace Obeya.Domain.Tracks;

/// <summary>
/// Which items of a board an event changes: the challenge, the focus, or one metric, target condition, obstacle,
/// experiment or step. Two changes made on the same shown board conflict only when they touch an item in common;
/// otherwise the later one is decided again on the newer board and both apply.
/// </summary>
public static class TrackItems
{
    public const string Challenge = "challenge";
    public const string Focus = "focus";
    public const string Title = "title";

    /// <summary>Closing touches the whole board: any change shown on an older board meets it.</summary>
    public const string Closure = "closure";

    public static IEnumerable<string> Of(object e) => e switch
    {
        TrackStarted => [Challenge],
        ChallengeRephrased => [Challenge],
        TrackRenamed => [Title],
        TrackClosed => [Closure],
        MetricDefined x => [Item(x.MetricId)],
        MeasurementRecorded x => [Item(x.MeasurementId)],
        MeasurementCorrected x => [Item(x.MeasurementId)],
        TargetConditionSet x => [Item(x.TargetConditionId), "target-condition"],
        TargetConditionReached x => [Item(x.TargetConditionId), "target-condition"],
        TargetConditionDropped x => [Item(x.TargetConditionId), "target-condition"],
        CurrentConditionDescribed x => [Item(x.CurrentConditionId)],
        ObstacleAdded x => [Item(x.ObstacleId)],
        ObstacleRephrased x => [Item(x.ObstacleId)],
        ObstacleFocused x => [Item(x.ObstacleId), Focus],
        ObstacleTakenOutOfFocus x => [Item(x.ObstacleId), Focus],
        ObstacleResolved x => [Item(x.ObstacleId), Focus],
        ObstacleDropped x => [Item(x.ObstacleId), Focus],
        ObstacleReopened x => [Item(x.ObstacleId)],
        ObstacleEscalated x => [Item(x.ObstacleId)],
        EscalationResolved x => [Item(x.ObstacleId)],
        ExperimentPlanned x => [Item(x.ExperimentId), "experiment"],
        ExperimentResultRecorded x => [Item(x.ExperimentId), "experiment"],
        SmallStepAgreed x => [Item(x.StepId)],
        SmallStepReassigned x => [Item(x.StepId)],
        SmallStepRescheduled x => [Item(x.StepId)],
        SmallStepDone x => [Item(x.StepId)],
        SmallStepDropped x => [Item(x.StepId)],
        _ => throw new ArgumentException($"{e.GetType().Name} is not a track event.", nameof(e)),
    };

    private static string Item(Guid id) => id.ToString();
}
