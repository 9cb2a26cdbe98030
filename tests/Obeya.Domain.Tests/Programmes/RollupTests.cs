using NodaTime;
using Obeya.Domain.Programmes;
using Obeya.Domain.Rhythm;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Programmes;

/// <summary>
/// The roll-up, situation by situation: a transition goal with two tactical goals, the first served by a team's
/// track. Each test changes one thing below and reads each status above.
/// </summary>
public class RollupTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly LocalDate Today = new(2026, 11, 23);
    private const string By = "Pieter";

    private static readonly Guid ProgrammeId = Guid.NewGuid();
    private static readonly Guid Strategic = Guid.NewGuid();
    private static readonly Guid FirstTactical = Guid.NewGuid();
    private static readonly Guid SecondTactical = Guid.NewGuid();
    private static readonly Guid TrackId = Guid.NewGuid();
    private static readonly Guid TeamId = Guid.NewGuid();
    private static readonly Guid ObstacleId = Guid.NewGuid();

    /// <summary>A healthy track: a target condition a month ahead, an experiment this week.</summary>
    private static Track HealthyTrack(LocalDate? achieveBy = null, LocalDate? lastExperiment = null) => Track.Replay(
    [
        new TrackStarted(TrackId, TeamId, "Klantgesprek", "Elk gesprek helpt", By, Now),
        new TargetConditionSet(TrackId, Guid.NewGuid(), "Elke verwijzing met klantbeeld", achieveBy ?? Today.PlusDays(30), [], By, Now),
        new ObstacleAdded(TrackId, ObstacleId, "Terugmeldingen zonder reden", By, Now),
        new ObstacleFocused(TrackId, ObstacleId, By, Now),
        new ExperimentPlanned(TrackId, Guid.NewGuid(), ObstacleId, lastExperiment ?? Today.PlusDays(-2), "Bel Noord", "De reden komt", By, Now),
    ]);

    private static Programme Given(params object[] later)
    {
        object[] events =
        [
            new TransitionGoalAdded(ProgrammeId, Strategic, "Publieke dienstverlener", "Pieter", Today.PlusYears(1), By, Now),
            new TacticalGoalAdded(ProgrammeId, FirstTactical, Strategic, "Klant in regie", "Anna", Today.PlusMonths(6), By, Now),
            new TacticalGoalAdded(ProgrammeId, SecondTactical, Strategic, "Eén loket", "Bram", Today.PlusMonths(6), By, Now),
            new TrackLinked(ProgrammeId, FirstTactical, TrackId, TeamId, By, Now),
            .. later,
        ];
        return events.Aggregate(Programme.From(new ProgrammeStarted(ProgrammeId, "Transformatie", By, Now)), (p, e) => p.With(e));
    }

    private static readonly Dictionary<Guid, CadenceHealth> NoRhythms = [];

    private static RollupResult Roll(Programme programme, Track? track = null, params Phrase[] rhythmWarnings) =>
        Rollup.Compute(programme, new Dictionary<Guid, Track> { [TrackId] = track ?? HealthyTrack() }, new Dictionary<Guid, CadenceHealth>
        {
            [TeamId] = new(TeamId, Today.PlusWeeks(-12), Today, Today, [], new SessionFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0),
                new CoachFigures(0, null, null, false), new StepFigures(0, 0, 0, 0, 0), new BoardFigures(0, 0, null, null, null), rhythmWarnings),
        }, Today);

    private static ImpedimentRaised Impediment(Guid goalId, Guid? id = null, EscalatedObstacle? source = null) =>
        new(ProgrammeId, id ?? Guid.NewGuid(), goalId, "Geen budget voor scholing", "Pieter", Today.PlusDays(14), source, By, Now);

    [Fact]
    public void all_healthy_is_on_track_everywhere()
    {
        var result = Roll(Given());

        result.Tracks[TrackId].Shown.Should().Be(GoalStatus.OnTrack);
        result.Goals[FirstTactical].Shown.Should().Be(GoalStatus.OnTrack);
        result.Goals[SecondTactical].Shown.Should().Be(GoalStatus.OnTrack);
        result.Goals[Strategic].Shown.Should().Be(GoalStatus.OnTrack);
        result.Summaries[TrackId].Should().BeEquivalentTo(new
        {
            TargetCondition = "Elke verwijzing met klantbeeld", DaysLeft = 30, FocusedObstacle = "Terugmeldingen zonder reden",
            LastExperimentOn = Today.PlusDays(-2), RhythmHolds = true, ForecastsMissing = Array.Empty<Phrase>(),
        });
    }

    public static TheoryData<string, Track> TracksAtRisk => new()
    {
        { "rollup.targetConditionOverdue", HealthyTrack(achieveBy: Today.PlusDays(-1)) },
        {
            "rollup.noTargetCondition",
            Track.Replay([new TrackStarted(TrackId, TeamId, "Klantgesprek", "Elk gesprek helpt", By, Now)])
        },
    };

    [Theory]
    [MemberData(nameof(TracksAtRisk))]
    public void a_track_at_risk_puts_its_tactical_goal_and_the_transition_goal_at_risk(string why, Track track)
    {
        var result = Roll(Given(), track);

        result.Tracks[TrackId].Shown.Should().Be(GoalStatus.AtRisk);
        result.Tracks[TrackId].Why.Should().ContainSingle().Which.Should().Be(Phrase.Of(why, "Klantgesprek"));
        result.Goals[FirstTactical].Shown.Should().Be(GoalStatus.AtRisk);
        result.Goals[SecondTactical].Shown.Should().Be(GoalStatus.OnTrack);
        result.Goals[Strategic].Shown.Should().Be(GoalStatus.AtRisk);
        result.Goals[Strategic].Why.Should().Equal(Phrase.Of("rollup.goalAtRisk", "Klant in regie"));
    }

    [Fact]
    public void a_team_whose_rhythm_slips_puts_its_track_at_risk_with_the_teams_own_warnings()
    {
        var stale = Phrase.Of("rhythm.staleBoard", 9);
        var coach = Phrase.Of("rhythm.coachOverdue", 16);

        var result = Roll(Given(), HealthyTrack(), stale, coach);

        result.Summaries[TrackId].RhythmHolds.Should().BeFalse();
        result.Tracks[TrackId].Shown.Should().Be(GoalStatus.AtRisk);
        result.Tracks[TrackId].Why.Should().Equal(Phrase.Of("rollup.rhythmSlips", "Klantgesprek", stale), Phrase.Of("rollup.rhythmSlips", "Klantgesprek", coach));
    }

    [Fact]
    public void a_metric_whose_forecast_misses_its_target_puts_its_track_at_risk_and_one_that_reaches_it_does_not()
    {
        Track Measured(params decimal[] values)
        {
            var metricId = Guid.NewGuid();
            var track = HealthyTrack().With(new MetricDefined(TrackId, metricId, "Met klantbeeld", "%", BetterDirection.Higher, 60, By, Now));
            return values.Select((value, week) => new MeasurementRecorded(TrackId, metricId, Guid.NewGuid(), Today.PlusWeeks(week - values.Length), value, null, By, Now))
                .Aggregate(track, (t, e) => t.With(e));
        }

        // Two points more each week: 56.57 % on the target condition's date, 37 days after the last; the target is 60 %.
        var slow = Roll(Given(), Measured(40, 42, 44, 46));
        slow.Tracks[TrackId].Shown.Should().Be(GoalStatus.AtRisk);
        slow.Tracks[TrackId].Why.Should().ContainSingle().Which.Key.Should().Be("rollup.forecastMisses");
        slow.Tracks[TrackId].Why[0].Values.Should().Equal("Klantgesprek", "Met klantbeeld", 56.57m, "%", Today.PlusDays(30), 60m);

        Roll(Given(), Measured(40, 45, 50, 55)).Tracks[TrackId].Shown.Should().Be(GoalStatus.OnTrack);
    }

    [Fact]
    public void an_obstacle_escalated_from_a_track_blocks_the_track_and_its_tactical_goal_and_risks_the_transition_goal()
    {
        var result = Roll(Given(Impediment(FirstTactical, source: new EscalatedObstacle(TeamId, TrackId, ObstacleId, "Klantgesprek"))));

        result.Tracks[TrackId].Shown.Should().Be(GoalStatus.Blocked);
        result.Goals[FirstTactical].Shown.Should().Be(GoalStatus.Blocked);
        result.Goals[Strategic].Shown.Should().Be(GoalStatus.AtRisk);
    }

    [Fact]
    public void an_open_impediment_blocks_its_own_goal_and_resolving_it_clears_that()
    {
        var id = Guid.NewGuid();
        var blocked = Given(Impediment(SecondTactical, id));

        Roll(blocked).Goals[SecondTactical].Should().BeEquivalentTo(new { Shown = GoalStatus.Blocked, Why = new[] { Phrase.Of("rollup.impedimentOpen", "Geen budget voor scholing") } });
        Roll(blocked.With(new ImpedimentResolved(ProgrammeId, id, "Budget uit het innovatiefonds", By, Now))).Goals[SecondTactical].Shown.Should().Be(GoalStatus.OnTrack);
    }

    [Fact]
    public void a_transition_goal_is_blocked_by_its_own_impediment_or_when_every_open_tactical_goal_is_blocked()
    {
        Roll(Given(Impediment(Strategic))).Goals[Strategic].Shown.Should().Be(GoalStatus.Blocked);
        Roll(Given(Impediment(FirstTactical), Impediment(SecondTactical))).Goals[Strategic].Shown.Should().Be(GoalStatus.Blocked);
        Roll(Given(Impediment(FirstTactical), new GoalAchieved(ProgrammeId, SecondTactical, By, Now))).Goals[Strategic].Shown.Should().Be(GoalStatus.Blocked);
    }

    [Fact]
    public void a_goal_is_achieved_when_marked_and_a_transition_goal_when_all_its_tactical_goals_are()
    {
        var one = Given(new GoalAchieved(ProgrammeId, FirstTactical, By, Now));
        Roll(one).Goals[FirstTactical].Shown.Should().Be(GoalStatus.Achieved);
        Roll(one).Goals[Strategic].Shown.Should().Be(GoalStatus.OnTrack);

        var both = one.With(new GoalAchieved(ProgrammeId, SecondTactical, By, Now));
        Roll(both).Goals[Strategic].Shown.Should().Be(GoalStatus.Achieved);
    }

    [Fact]
    public void past_its_due_date_or_horizon_a_goal_is_at_risk()
    {
        var late = Given(new TacticalGoalAdded(ProgrammeId, Guid.NewGuid(), Strategic, "Te laat", "Anna", Today.PlusDays(-1), By, Now));

        Roll(late).Goals[Strategic].Shown.Should().Be(GoalStatus.AtRisk);
        var programme = Programme.From(new ProgrammeStarted(ProgrammeId, "Transformatie", By, Now))
            .With(new TransitionGoalAdded(ProgrammeId, Strategic, "Publieke dienstverlener", "Pieter", Today.PlusDays(-1), By, Now));
        Rollup.Compute(programme, new Dictionary<Guid, Track>(), NoRhythms, Today).Goals[Strategic].Why.Should().Equal(Phrase.Of("rollup.horizonPassed", new LocalDate(2026, 11, 22)));
    }

    [Fact]
    public void what_depends_on_something_blocked_is_at_risk()
    {
        var needsFirst = new DependencyAdded(ProgrammeId, Guid.NewGuid(), new Node(NodeKind.Goal, SecondTactical), new Node(NodeKind.Goal, FirstTactical), "Eerst het klantbeeld", By, Now);

        var result = Roll(Given(needsFirst, Impediment(FirstTactical)));

        result.Goals[SecondTactical].Shown.Should().Be(GoalStatus.AtRisk);
        result.Goals[SecondTactical].Why.Should().Equal(Phrase.Of("rollup.dependsOnBlocked", Phrase.Of("rollup.goalNamed", "Klant in regie")));
        Roll(Given(needsFirst)).Goals[SecondTactical].Shown.Should().Be(GoalStatus.OnTrack);
    }

    [Fact]
    public void an_override_shows_its_status_and_reason_until_the_situation_below_changes()
    {
        var overridden = Given(new StatusOverridden(ProgrammeId, SecondTactical, GoalStatus.AtRisk, "Bram vertrekt in januari", GoalStatus.OnTrack, By, Now));

        var holds = Roll(overridden).Goals[SecondTactical];
        holds.Should().BeEquivalentTo(new { Derived = GoalStatus.OnTrack, Shown = GoalStatus.AtRisk, OverrideLapsed = false });
        holds.Override!.Reason.Should().Be("Bram vertrekt in januari");
        Roll(overridden).Goals[Strategic].Shown.Should().Be(GoalStatus.AtRisk, "the transition goal rolls up what is shown below it");

        var lapsed = Roll(overridden.With(Impediment(SecondTactical))).Goals[SecondTactical];
        lapsed.Should().BeEquivalentTo(new { Derived = GoalStatus.Blocked, Shown = GoalStatus.Blocked, OverrideLapsed = true });
    }
}
