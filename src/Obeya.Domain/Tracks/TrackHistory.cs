using NodaTime;

namespace Obeya.Domain.Tracks;

/// <summary>
/// One line of a track's history: who did what, when. <see cref="Action"/> is the sentence without its subject
/// ("zette obstakel '…' in focus"), so it can be told with the actor's current name.
/// </summary>
public sealed record HistoryEntry(long Version, Instant At, Actor By, string Action)
{
    /// <summary>"Emmy zette obstakel '…' in focus", with the name the reader should see for <see cref="By"/>.</summary>
    public string SentenceAs(string name) => $"{name} {Action}";
}

/// <summary>
/// A track's history and its past states, read from its events alone. Each sentence is written against the
/// board as it stood just before the event, so "focus" can name the obstacle by its text at that moment.
/// </summary>
public static class TrackHistory
{
    public static IReadOnlyList<HistoryEntry> Of(IReadOnlyList<object> events)
    {
        var entries = new List<HistoryEntry>(events.Count);
        Track? before = null;
        foreach (var e in events)
        {
            entries.Add(Next(ref before, e, entries.Count + 1));
        }

        return entries;
    }

    /// <summary>
    /// The entry of <paramref name="e"/> told against <paramref name="before"/>, which then moves on past it: for
    /// telling a stream a piece at a time (the audit trail keeps where it got to).
    /// </summary>
    public static HistoryEntry Next(ref Track? before, object e, long version)
    {
        var fact = (IFact)e;
        var entry = new HistoryEntry(version, fact.At, fact.By, Describe(e, before));
        before = before is null ? Track.From((TrackStarted)e) : before.With(e);
        return entry;
    }

    /// <summary>
    /// The board as it stood at <paramref name="moment"/>, or null if the track had not started yet. Only the leading
    /// events count: should clocks ever disagree, a later event stamped earlier must not build a board that never was.
    /// </summary>
    public static Track? AsOf(IEnumerable<object> events, Instant moment)
    {
        var until = Until(events, moment);
        return until.Count == 0 ? null : Track.Replay(until);
    }

    /// <summary>The events that made the board as it stood at <paramref name="moment"/>: their count is its version then.</summary>
    public static IReadOnlyList<object> Until(IEnumerable<object> events, Instant moment) =>
        [.. events.TakeWhile(e => ((IFact)e).At <= moment)];

    private static string Describe(object e, Track? t) => e switch
    {
        TrackStarted x => $"startte het verbetertraject '{x.Title}' met de uitdaging '{x.Challenge}'",
        ChallengeRephrased x => $"herformuleerde de uitdaging: '{x.Challenge}'",
        TrackRenamed x => $"gaf het verbetertraject '{t?.Title}' de naam '{x.Title}'",
        TrackClosed x => $"sloot het verbetertraject af ({(x.Outcome == TrackOutcome.ChallengeMet ? "uitdaging bereikt" : "gestopt")}): {x.Note}",
        MetricDefined x => $"legde het meetcriterium '{x.Name}' vast (doel {Number(x.Target)} {x.Unit}, {(x.Direction == BetterDirection.Higher ? "hoger" : "lager")} is beter)",
        MeasurementRecorded x => $"noteerde voor '{Metric(t, x.MetricId)?.Name}' {Number(x.Value)} {Metric(t, x.MetricId)?.Unit} op {Date(x.On)}",
        MeasurementCorrected x => Corrected(t, x),
        TargetConditionSet x => $"stelde de doeltoestand '{x.Description}' vast, te bereiken op {Date(x.AchieveBy)}",
        TargetConditionReached x => $"markeerde de doeltoestand '{Condition(t, x.TargetConditionId)}' als bereikt: {x.Reason}",
        TargetConditionDropped x => $"liet de doeltoestand '{Condition(t, x.TargetConditionId)}' vallen: {x.Reason}",
        CurrentConditionDescribed x => $"beschreef de huidige toestand op {Date(x.On)}: '{x.Description}'",
        ObstacleAdded x => $"voegde obstakel '{x.Text}' toe",
        ObstacleRephrased x => $"herformuleerde obstakel '{Obstacle(t, x.ObstacleId)}' als '{x.Text}'",
        ObstacleFocused x => $"zette obstakel '{Obstacle(t, x.ObstacleId)}' in focus",
        ObstacleTakenOutOfFocus x => $"haalde obstakel '{Obstacle(t, x.ObstacleId)}' uit focus",
        ObstacleResolved x => $"loste obstakel '{Obstacle(t, x.ObstacleId)}' op{Suffix(x.Note)}",
        ObstacleDropped x => $"liet obstakel '{Obstacle(t, x.ObstacleId)}' vallen{Suffix(x.Reason)}",
        ObstacleReopened x => $"heropende obstakel '{Obstacle(t, x.ObstacleId)}'",
        ObstacleEscalated x => $"schaalde obstakel '{Obstacle(t, x.ObstacleId)}' op naar '{x.GoalResult}' in de Obeya van {x.ProgrammeName}",
        EscalationResolved x => $"loste in de Obeya het opgeschaalde obstakel '{Obstacle(t, x.ObstacleId)}' op: {x.Resolution}",
        ExperimentPlanned x => $"plande tegen obstakel '{Obstacle(t, x.ObstacleId)}' het experiment '{x.Step}', met als verwachting '{x.Expectation}'",
        ExperimentResultRecorded x =>
            $"legde de uitkomst van experiment '{Experiment(t, x.ExperimentId)}' vast ({(x.AsExpected ? "zoals verwacht" : "anders dan verwacht")}): '{x.WhatHappened}'. Geleerd: '{x.Learned}'",
        SmallStepAgreed x => $"sprak de stap '{x.Text}' af met {x.OwnerName}, klaar op {Date(x.Due)}",
        SmallStepReassigned x => $"gaf de stap '{Step(t, x.StepId)}' aan {x.OwnerName}",
        SmallStepRescheduled x => $"verzette de stap '{Step(t, x.StepId)}' naar {Date(x.Due)}",
        SmallStepDone x => $"markeerde de stap '{Step(t, x.StepId)}' als gedaan",
        SmallStepDropped x => $"liet de stap '{Step(t, x.StepId)}' vervallen{Suffix(x.Reason)}",
        _ => $"deed iets wat deze versie van Obeya niet kent ({e.GetType().Name})",
    };

    private static string Corrected(Track? t, MeasurementCorrected x)
    {
        var metric = Metric(t, x.MetricId);
        var old = metric?.Measurements.FirstOrDefault(m => m.Id == x.MeasurementId);
        return $"corrigeerde de meting van {(old is null ? "?" : Date(old.On))} voor '{metric?.Name}' van {(old is null ? "?" : Number(old.Value))} naar {Number(x.Value)}: {x.Reason}";
    }

    private static string Date(LocalDate date) => Dutch.Date(date);

    /// <summary>A Dutch sentence writes 41,5 whatever culture the thread runs in.</summary>
    private static string Number(decimal value) => value.ToString(Dutch.Culture);

    private static string Suffix(string? text) => text is null ? "" : $": {text}";

    private static Metric? Metric(Track? t, Guid id) => t?.Metrics.FirstOrDefault(m => m.Id == id);

    private static string? Condition(Track? t, Guid id) => t?.TargetConditions.FirstOrDefault(c => c.Id == id)?.Description;

    private static string? Obstacle(Track? t, Guid id) => t?.Obstacles.FirstOrDefault(o => o.Id == id)?.Text;

    private static string? Experiment(Track? t, Guid id) => t?.Experiments.FirstOrDefault(x => x.Id == id)?.Step;

    private static string? Step(Track? t, Guid id) => t?.SmallSteps.FirstOrDefault(s => s.Id == id)?.Text;
}
