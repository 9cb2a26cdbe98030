using NodaTime;
using Obeya.Domain.Programmes;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Programmes;

/// <summary>
/// "Wat is geblokkeerd en waarom": a transition goal with two tactical goals, the first served by a team's track.
/// Each test blocks something and reads which lines the list holds, with their cause, team, owner and age.
/// </summary>
public class BlockagesTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
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

    private static readonly Track Healthy = Track.Replay(
    [
        new TrackStarted(TrackId, TeamId, "Klantgesprek", "Elk gesprek helpt", By, Now),
        new TargetConditionSet(TrackId, Guid.NewGuid(), "Elke verwijzing met klantbeeld", Today.PlusDays(30), [], By, Now),
        new ObstacleAdded(TrackId, ObstacleId, "Terugmeldingen zonder reden", By, Now),
        new ObstacleFocused(TrackId, ObstacleId, By, Now),
        new ExperimentPlanned(TrackId, Guid.NewGuid(), ObstacleId, Today.PlusDays(-2), "Bel Noord", "De reden komt", By, Now),
    ]);

    private static IReadOnlyList<Blockage> Blocked(params object[] later)
    {
        object[] events =
        [
            new TransitionGoalAdded(ProgrammeId, Strategic, "Publieke dienstverlener", "Pieter", Today.PlusYears(1), By, Now),
            new TacticalGoalAdded(ProgrammeId, FirstTactical, Strategic, "Klant in regie", "Anna", Today.PlusMonths(6), By, Now),
            new TacticalGoalAdded(ProgrammeId, SecondTactical, Strategic, "Eén loket", "Bram", Today.PlusMonths(6), By, Now),
            new TrackLinked(ProgrammeId, FirstTactical, TrackId, TeamId, By, Now),
            .. later,
        ];
        var programme = events.Aggregate(Programme.From(new ProgrammeStarted(ProgrammeId, "Transformatie", By, Now)), (p, e) => p.With(e));
        var rollup = Rollup.Compute(programme, new Dictionary<Guid, Track> { [TrackId] = Healthy }, new Dictionary<Guid, Obeya.Domain.Rhythm.CadenceHealth>(), Today);
        return Blockages.Of(programme, rollup, Zone, Today);
    }

    private static ImpedimentRaised Impediment(Guid goalId, string text, int daysAgo, EscalatedObstacle? source = null) =>
        new(ProgrammeId, Guid.NewGuid(), goalId, text, "Chantal", Today.PlusDays(14), source, By, Now.Minus(Duration.FromDays(daysAgo)));

    [Fact]
    public void nothing_blocked_is_an_empty_list() => Blocked().Should().BeEmpty();

    [Fact]
    public void an_escalated_obstacle_names_the_track_and_its_team_and_the_goal_it_blocks_oldest_first()
    {
        var lines = Blocked(
            Impediment(SecondTactical, "Geen budget", daysAgo: 2),
            Impediment(FirstTactical, "Wachtlijst budgetbeheer", daysAgo: 5, new EscalatedObstacle(TeamId, TrackId, ObstacleId, "Klantgesprek")));

        lines.Select(l => (l.Level, l.Name, l.Cause, l.TeamId, l.Owner, l.AgeDays)).Should().Equal(
            // Both tactical goals blocked block the transition goal too, by each cause below it.
            (ItemLevel.TransitionGoal, "Publieke dienstverlener", BlockageCause.EscalatedObstacle, (Guid?)TeamId, "Chantal", 5),
            (ItemLevel.TacticalGoal, "Klant in regie", BlockageCause.EscalatedObstacle, TeamId, "Chantal", 5),
            (ItemLevel.Track, "Klantgesprek", BlockageCause.EscalatedObstacle, TeamId, "Chantal", 5),
            (ItemLevel.TransitionGoal, "Publieke dienstverlener", BlockageCause.Impediment, null, "Chantal", 2),
            (ItemLevel.TacticalGoal, "Eén loket", BlockageCause.Impediment, null, "Chantal", 2));
        lines[2].Why.Should().Be(Phrase.Of("blockage.escalatedObstacle", "Wachtlijst budgetbeheer", "Klantgesprek"));
        lines[4].Why.Should().Be(Phrase.Of("blockage.impediment", "Geen budget"));
    }

    [Fact]
    public void what_needs_something_blocked_is_listed_with_what_it_waits_for_since_the_cause_below_it()
    {
        var lines = Blocked(
            new DependencyAdded(ProgrammeId, Guid.NewGuid(), new Node(NodeKind.Goal, SecondTactical), new Node(NodeKind.Goal, FirstTactical), null, By, Now),
            Impediment(FirstTactical, "Geen klantbeeld", daysAgo: 9));

        lines.Should().HaveCount(2);
        lines.Should().ContainSingle(l => l.Cause == BlockageCause.Dependency).Which.Should().BeEquivalentTo(new
        {
            Name = "Eén loket", Why = Phrase.Of("blockage.needsBlocked", "Klant in regie"), Owner = "Anna", AgeDays = 9,
        });
    }

    [Fact]
    public void a_status_set_to_blocked_by_hand_gives_its_reason_and_a_resolved_impediment_leaves_the_list()
    {
        var id = Guid.NewGuid();
        Blocked(new StatusOverridden(ProgrammeId, SecondTactical, GoalStatus.Blocked, "Geen capaciteit bij ICT", GoalStatus.OnTrack, By, Now))
            .Should().ContainSingle().Which.Why.Should().Be(Phrase.Of("blockage.override", "Pieter", "Geen capaciteit bij ICT"));
        Blocked(
            new ImpedimentRaised(ProgrammeId, id, SecondTactical, "Geen budget", "Bram", Today.PlusDays(3), null, By, Now),
            new ImpedimentResolved(ProgrammeId, id, "Budget gevonden", By, Now)).Should().BeEmpty();
    }
}

public class ProgrammeHistoryTests
{
    private static readonly NodaTime.Instant Now = NodaTime.Instant.FromUtc(2026, 11, 23, 8, 0);

    [Fact]
    public void every_programme_event_has_a_phrase_that_names_what_it_is_about()
    {
        var id = Guid.NewGuid();
        var goal = Guid.NewGuid();
        var impediment = Guid.NewGuid();
        var track = Guid.NewGuid();
        object[] events =
        [
            new TransitionGoalAdded(id, goal, "Eén overheid", "Pieter", new NodaTime.LocalDate(2028, 1, 1), "Pieter", Now),
            new ImpedimentRaised(id, impediment, goal, "Geen budget", "Pieter", new NodaTime.LocalDate(2026, 12, 1), null, "Pieter", Now),
            new ImpedimentRaised(id, Guid.NewGuid(), goal, "Wachtlijst", "Chantal", new NodaTime.LocalDate(2026, 12, 1),
                new EscalatedObstacle(Guid.NewGuid(), track, Guid.NewGuid(), "Eerste gesprek"), "Chantal", Now),
            new ImpedimentResolved(id, impediment, "Budget gevonden", "Pieter", Now),
            new StatusOverridden(id, goal, GoalStatus.AtRisk, "Bram vertrekt", GoalStatus.OnTrack, "Pieter", Now),
            new GoalAchieved(id, goal, "Pieter", Now),
            new TrackLinked(id, goal, track, Guid.NewGuid(), "Pieter", Now),
            new DependencyAdded(id, Guid.NewGuid(), new Node(NodeKind.Track, track), new Node(NodeKind.Goal, goal), null, "Pieter", Now),
            new ProgrammeRenamed(id, "Samen één overheid", "Pieter", Now),
        ];
        var programme = events.Aggregate(Programme.From(new ProgrammeStarted(id, "Transformatie", "Pieter", Now)), (p, e) => p.With(e));

        static Phrase Said(string key, params object?[] values) => Phrase.Of($"history.programme.{key}", values);
        events.Select(e => ProgrammeHistory.Describe(e, programme)).Should().Equal(
            Said("transitionGoalAdded", "Eén overheid"),
            Said("impedimentRaised", "Geen budget", "Eén overheid"),
            Said("obstacleEscalated", "Wachtlijst", "Eerste gesprek", "Eén overheid"),
            Said("impedimentResolved", "Geen budget", "Budget gevonden"),
            Said("statusOverridden", "Eén overheid", Said("atRisk"), "Bram vertrekt"),
            Said("goalAchieved", "Eén overheid"),
            Said("trackLinked", "Eén overheid"),
            Said("dependencyAdded", Said("aTrack"), Said("goalNamed", "Eén overheid")),
            Said("renamed", "Samen één overheid"));
        typeof(Programme).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Programme).Namespace && typeof(IFact).IsAssignableFrom(t))
            .Select(t => t.Name).Should().BeSubsetOf([.. events.Select(e => e.GetType().Name).Distinct(), nameof(ProgrammeStarted), nameof(TacticalGoalAdded)],
                "a new programme event needs its sentence here");
    }
}
