using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

public class StartingATrack : TrackSpecification
{
    [Fact]
    public void a_track_starts_for_a_team_with_its_challenge()
    {
        var started = TrackDecisions.Start(TeamWerk, new StartTrack(TrackId, "Klantgesprek", "Over een jaar helpt elk gesprek"), By, Now);

        started.Should().Be(new TrackStarted(TrackId, TeamWerk.Id, "Klantgesprek", "Over een jaar helpt elk gesprek", By, Now));
    }

    [Fact]
    public void a_track_without_a_challenge_is_refused() =>
        Refuses(() => TrackDecisions.Start(TeamWerk, new StartTrack(TrackId, "Klantgesprek", " "), By, Now), "challenge", Refusal.Invalid, "text.required");

    [Fact]
    public void the_challenge_can_be_rephrased()
    {
        var track = Given();
        var rephrased = TrackDecisions.RephraseChallenge(track, new RephraseChallenge("Binnen een jaar 60% aan het werk"), By, Now);

        track.With(rephrased).Challenge.Should().Be("Binnen een jaar 60% aan het werk");
    }
}

public class TargetConditions : TrackSpecification
{
    private static SetTargetCondition Target(int weeksAhead) =>
        new(Guid.NewGuid(), "Elke verwijzing met klantbeeld", Today.PlusWeeks(weeksAhead), [new MetricTarget(MetricId, 50m)]);

    [Fact]
    public void a_target_condition_is_set_with_a_date_and_metric_targets()
    {
        var track = Given(MetricDefined);
        var set = TrackDecisions.SetTargetCondition(track, Target(4), By, Now, Amsterdam);

        var active = track.With(set).ActiveTargetCondition;
        active.Should().NotBeNull();
        active!.AchieveBy.Should().Be(Today.PlusWeeks(4));
        active.MetricTargets.Should().ContainSingle().Which.Target.Should().Be(50m);
    }

    [Fact]
    public void at_most_one_target_condition_is_active()
    {
        var track = Given(MetricDefined);
        var first = TrackDecisions.SetTargetCondition(track, Target(4), By, Now, Amsterdam);
        track = track.With(first);

        Refuses(() => TrackDecisions.SetTargetCondition(track, Target(6) with { Description = "Elke klant binnen 2 weken gesproken" }, By, Now, Amsterdam),
            "targetCondition", Refusal.Conflict,
            "track.targetConditionActive(Elke verwijzing met klantbeeld)");
        track.ActiveTargetCondition!.Id.Should().Be(first.TargetConditionId);
    }

    [Fact]
    public void an_achieve_by_date_in_the_past_is_refused() =>
        Refuses(() => TrackDecisions.SetTargetCondition(Given(MetricDefined), Target(-1), By, Now, Amsterdam),
            "achieveBy", Refusal.Invalid, "track.achieveByInPast");

    [Fact]
    public void an_achieve_by_date_of_today_is_in_time() =>
        TrackDecisions.SetTargetCondition(Given(MetricDefined), Target(0), By, Now, Amsterdam).AchieveBy.Should().Be(Today);

    [Fact]
    public void a_target_condition_without_a_metric_target_is_refused() =>
        Refuses(() => TrackDecisions.SetTargetCondition(Given(MetricDefined), Target(4) with { MetricTargets = [] }, By, Now, Amsterdam),
            "metricTargets", Refusal.Invalid, "track.metricTargetsMissing");

    [Fact]
    public void a_metric_gets_one_target_value_in_a_target_condition() =>
        Refuses(() => TrackDecisions.SetTargetCondition(
                Given(MetricDefined), Target(4) with { MetricTargets = [new MetricTarget(MetricId, 50m), new MetricTarget(MetricId, 55m)] }, By, Now, Amsterdam),
            "metricTargets[1].metricId", Refusal.Invalid, "track.metricTargetTwice");

    [Fact]
    public void a_metric_target_must_name_a_metric_of_the_track() =>
        Refuses(() => TrackDecisions.SetTargetCondition(Given(), Target(4), By, Now, Amsterdam),
            "metricTargets[0].metricId", Refusal.NotFound, "track.metricNotFound");
}

public class ObstaclesInFocus : TrackSpecification
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void focusing_another_obstacle_takes_focus_from_the_first()
    {
        var track = Given(Obstacle(First), Obstacle(Second, "Geen vaste tijd"), Focused(First));

        track = track.With(TrackDecisions.FocusObstacle(track, new FocusObstacle(Second), By, Now));

        track.FocusedObstacleId.Should().Be(Second);
        track.Obstacles.Count(o => o.Id == track.FocusedObstacleId).Should().Be(1);
    }

    [Fact]
    public void an_unknown_obstacle_cannot_be_focused() =>
        Refuses(() => TrackDecisions.FocusObstacle(Given(), new FocusObstacle(Guid.NewGuid()), By, Now),
            "obstacleId", Refusal.NotFound, "track.obstacleNotFound");

    [Fact]
    public void focus_cannot_move_while_an_experiment_runs_against_the_focused_obstacle()
    {
        var experiment = Guid.NewGuid();
        var track = Given(Obstacle(First), Obstacle(Second), Focused(First), Planned(experiment, First));

        Refuses(() => TrackDecisions.FocusObstacle(track, new FocusObstacle(Second), By, Now),
            "obstacleId", Refusal.Conflict, "track.experimentRunningOnObstacle(Bel terug)");
        track.FocusedObstacleId.Should().Be(First);
    }
}

public class Experiments : TrackSpecification
{
    private static readonly Guid ObstacleId = Guid.NewGuid();
    private static readonly Guid ExperimentId = Guid.NewGuid();

    private static PlanExperiment Plan(Guid? id = null) => new(id ?? ExperimentId, Today, "Bel het re-integratiebedrijf terug", "8 van de 10 redenen bekend");

    [Fact]
    public void an_experiment_is_planned_against_the_obstacle_in_focus()
    {
        var planned = TrackDecisions.PlanExperiment(Given(Obstacle(ObstacleId), Focused(ObstacleId)), Plan(), By, Now);

        planned.ObstacleId.Should().Be(ObstacleId);
        planned.Expectation.Should().Be("8 van de 10 redenen bekend");
    }

    [Fact]
    public void without_an_obstacle_in_focus_no_experiment_can_be_planned() =>
        Refuses(() => TrackDecisions.PlanExperiment(Given(Obstacle(ObstacleId)), Plan(), By, Now),
            "obstacleId", Refusal.Conflict, "track.focusObstacleFirst");

    [Fact]
    public void one_experiment_runs_at_a_time() =>
        Refuses(() => TrackDecisions.PlanExperiment(
                Given(Obstacle(ObstacleId), Focused(ObstacleId), Planned(ExperimentId, ObstacleId)), Plan(Guid.NewGuid()), By, Now),
            "experimentId", Refusal.Conflict, "track.experimentRunning(Bel terug)");

    [Fact]
    public void a_result_needs_what_happened_and_what_was_learned()
    {
        var track = Given(Obstacle(ObstacleId), Focused(ObstacleId), Planned(ExperimentId, ObstacleId));

        Refuses(() => TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(ExperimentId, "6 van de 10", "", false), By, Now),
            "learned", Refusal.Invalid, "text.required");
        Refuses(() => TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(ExperimentId, "", "Vaste contactpersoon", false), By, Now),
            "whatHappened", Refusal.Invalid, "text.required");
        track.OpenExperiment!.Id.Should().Be(ExperimentId, "the experiment still runs");
    }

    [Fact]
    public void a_recorded_result_closes_the_experiment_and_a_next_one_can_be_planned()
    {
        var track = Given(Obstacle(ObstacleId), Focused(ObstacleId), Planned(ExperimentId, ObstacleId));

        track = track.With(TrackDecisions.RecordExperimentResult(
            track, new RecordExperimentResult(ExperimentId, "6 van de 10", "Vaste contactpersoon werkt beter", false), By, Now));

        track.OpenExperiment.Should().BeNull();
        track.Experiments.Single().AsExpected.Should().BeFalse();
        TrackDecisions.PlanExperiment(track, Plan(Guid.NewGuid()), By, Now).ObstacleId.Should().Be(ObstacleId);
    }

    [Fact]
    public void a_result_is_recorded_once()
    {
        var track = Given(Obstacle(ObstacleId), Focused(ObstacleId), Planned(ExperimentId, ObstacleId),
            new ExperimentResultRecorded(TrackId, ExperimentId, "gebeurd", "geleerd", true, By, Now));

        Refuses(() => TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(ExperimentId, "nog eens", "nog eens", true), By, Now),
            "experimentId", Refusal.Conflict, "track.experimentResultRecorded");
        track.Experiments.Single().Learned.Should().Be("geleerd");
    }

    [Fact]
    public void a_result_of_an_unknown_experiment_is_not_found() =>
        Refuses(() => TrackDecisions.RecordExperimentResult(
                Given(Obstacle(ObstacleId), Focused(ObstacleId)), new RecordExperimentResult(ExperimentId, "gebeurd", "geleerd", true), By, Now),
            "experimentId", Refusal.NotFound, "track.experimentNotFound");
}

public class CurrentConditionAndMetrics : TrackSpecification
{
    [Fact]
    public void the_latest_dated_description_is_the_current_condition_whatever_order_it_was_written_in()
    {
        var track = Given(
            new CurrentConditionDescribed(TrackId, Guid.NewGuid(), Today, "43% teruggemeld", By, Now),
            new CurrentConditionDescribed(TrackId, Guid.NewGuid(), Today.PlusDays(-7), "41% teruggemeld", By, Now));

        track.CurrentCondition!.Description.Should().Be("43% teruggemeld");
    }

    [Fact]
    public void a_measurement_is_recorded_against_a_known_metric()
    {
        var track = Given(MetricDefined);
        track = track.With(TrackDecisions.RecordMeasurement(track, new RecordMeasurement(MetricId, Guid.NewGuid(), Today, 43m, null), By, Now));

        track.Metrics.Single().Latest!.Value.Should().Be(43m);
        Refuses(() => TrackDecisions.RecordMeasurement(track, new RecordMeasurement(Guid.NewGuid(), Guid.NewGuid(), Today, 1m, null), By, Now),
            "metricId", Refusal.NotFound, "track.metricNotFound");
    }

    [Fact]
    public void two_metrics_with_the_same_name_are_refused() =>
        Refuses(() => TrackDecisions.DefineMetric(
                Given(MetricDefined), new DefineMetric(Guid.NewGuid(), " % TERUGGEMELD binnen 3 maanden ", "%", BetterDirection.Higher, 1m), By, Now),
            "name", Refusal.Conflict, "track.metricExists(% TERUGGEMELD binnen 3 maanden)");

    [Fact]
    public void a_measurement_outside_the_range_a_board_shows_is_refused() =>
        Refuses(() => TrackDecisions.RecordMeasurement(Given(MetricDefined), new RecordMeasurement(MetricId, Guid.NewGuid(), Today, 0.12345m, null), By, Now),
            "value", Refusal.Invalid, "number.tooManyDecimals(4)");
}

public class NewIds : TrackSpecification
{
    [Fact]
    public void an_id_already_on_the_board_is_refused_whatever_it_names()
    {
        var obstacle = Guid.NewGuid();
        var track = Given(MetricDefined, Obstacle(obstacle));

        Refuses(() => TrackDecisions.AddObstacle(track, new AddObstacle(obstacle, "Nog eens"), By, Now),
            "id", Refusal.Conflict, "id.taken");
        Refuses(() => TrackDecisions.RecordMeasurement(track, new RecordMeasurement(MetricId, obstacle, Today, 1m, null), By, Now),
            "id", Refusal.Conflict, "id.taken");
        Refuses(() => TrackDecisions.AgreeSmallStep(track, TeamWerk, new AgreeSmallStep(TrackId, "Bellen", Guid.NewGuid(), Today), By, Now),
            "id", Refusal.Conflict, "id.taken");
    }

    [Fact]
    public void an_empty_id_is_refused() =>
        Refuses(() => TrackDecisions.AddObstacle(Given(), new AddObstacle(Guid.Empty, "Obstakel"), By, Now), "id", Refusal.Invalid, "id.empty");
}
