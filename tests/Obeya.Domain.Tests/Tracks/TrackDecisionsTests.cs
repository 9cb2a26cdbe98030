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
        FluentActions.Invoking(() => TrackDecisions.Start(TeamWerk, new StartTrack(TrackId, "Klantgesprek", " "), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "challenge");

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
        track = track.With(TrackDecisions.SetTargetCondition(track, Target(4), By, Now, Amsterdam));

        FluentActions.Invoking(() => TrackDecisions.SetTargetCondition(track, Target(6), By, Now, Amsterdam))
            .Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict && e.Field == "targetCondition");
    }

    [Fact]
    public void an_achieve_by_date_in_the_past_is_refused() =>
        FluentActions.Invoking(() => TrackDecisions.SetTargetCondition(Given(MetricDefined), Target(-1), By, Now, Amsterdam))
            .Should().Throw<DomainException>().Where(e => e.Field == "achieveBy");

    [Fact]
    public void a_target_condition_without_a_metric_target_is_refused() =>
        FluentActions.Invoking(() => TrackDecisions.SetTargetCondition(Given(MetricDefined), Target(4) with { MetricTargets = [] }, By, Now, Amsterdam))
            .Should().Throw<DomainException>().Where(e => e.Field == "metricTargets");

    [Fact]
    public void a_metric_target_must_name_a_metric_of_the_track() =>
        FluentActions.Invoking(() => TrackDecisions.SetTargetCondition(Given(), Target(4), By, Now, Amsterdam))
            .Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.NotFound && e.Field == "metricTargets[0].metricId");
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
        FluentActions.Invoking(() => TrackDecisions.FocusObstacle(Given(), new FocusObstacle(Guid.NewGuid()), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.NotFound && e.Field == "obstacleId");

    [Fact]
    public void focus_cannot_move_while_an_experiment_runs_against_the_focused_obstacle()
    {
        var experiment = Guid.NewGuid();
        var track = Given(Obstacle(First), Obstacle(Second), Focused(First), Planned(experiment, First));

        FluentActions.Invoking(() => TrackDecisions.FocusObstacle(track, new FocusObstacle(Second), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict);
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
        FluentActions.Invoking(() => TrackDecisions.PlanExperiment(Given(Obstacle(ObstacleId)), Plan(), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "obstacleId" && e.Refusal == Refusal.Conflict);

    [Fact]
    public void one_experiment_runs_at_a_time() =>
        FluentActions.Invoking(() => TrackDecisions.PlanExperiment(
                Given(Obstacle(ObstacleId), Focused(ObstacleId), Planned(ExperimentId, ObstacleId)), Plan(Guid.NewGuid()), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "experimentId");

    [Fact]
    public void a_result_needs_what_happened_and_what_was_learned()
    {
        var track = Given(Obstacle(ObstacleId), Focused(ObstacleId), Planned(ExperimentId, ObstacleId));

        FluentActions.Invoking(() => TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(ExperimentId, "6 van de 10", "", false), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "learned");
        FluentActions.Invoking(() => TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(ExperimentId, "", "Vaste contactpersoon", false), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "whatHappened");
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
    public void a_result_is_recorded_once() =>
        FluentActions.Invoking(() => TrackDecisions.RecordExperimentResult(
                Given(Obstacle(ObstacleId), Focused(ObstacleId), Planned(ExperimentId, ObstacleId),
                    new ExperimentResultRecorded(TrackId, ExperimentId, "gebeurd", "geleerd", true, By, Now)),
                new RecordExperimentResult(ExperimentId, "nog eens", "nog eens", true), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict);
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
        FluentActions.Invoking(() => TrackDecisions.RecordMeasurement(track, new RecordMeasurement(Guid.NewGuid(), Guid.NewGuid(), Today, 1m, null), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.NotFound && e.Field == "metricId");
    }

    [Fact]
    public void two_metrics_with_the_same_name_are_refused() =>
        FluentActions.Invoking(() => TrackDecisions.DefineMetric(
                Given(MetricDefined), new DefineMetric(Guid.NewGuid(), "% TERUGGEMELD binnen 3 maanden", "%", BetterDirection.Higher, 1m), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "name");
}

public class NewIds : TrackSpecification
{
    [Fact]
    public void an_id_already_on_the_board_is_refused_whatever_it_names()
    {
        var obstacle = Guid.NewGuid();
        var track = Given(MetricDefined, Obstacle(obstacle));

        FluentActions.Invoking(() => TrackDecisions.AddObstacle(track, new AddObstacle(obstacle, "Nog eens"), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "id" && e.Refusal == Refusal.Conflict);
        FluentActions.Invoking(() => TrackDecisions.RecordMeasurement(track, new RecordMeasurement(MetricId, obstacle, Today, 1m, null), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "id");
    }

    [Fact]
    public void an_empty_id_is_refused() =>
        FluentActions.Invoking(() => TrackDecisions.AddObstacle(Given(), new AddObstacle(Guid.Empty, "Obstakel"), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "id" && e.Refusal == Refusal.Invalid);
}
