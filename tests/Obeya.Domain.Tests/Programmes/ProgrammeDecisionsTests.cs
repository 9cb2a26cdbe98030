using NodaTime;
using Obeya.Domain.Programmes;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Programmes;

/// <summary>Steering the Obeya: goals, dependencies without circles, and an obstacle's way up and back down.</summary>
public class ProgrammeDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly LocalDate Today = new(2026, 11, 23);
    private const string By = "Pieter";

    private static readonly Guid ProgrammeId = Guid.NewGuid();
    private static readonly Guid Strategic = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();
    private static readonly Guid C = Guid.NewGuid();
    private static readonly Guid TrackId = Guid.NewGuid();
    private static readonly Guid ObstacleId = Guid.NewGuid();

    private static Node Goal(Guid id) => new(NodeKind.Goal, id);

    private static Programme Given(params object[] later)
    {
        var start = ProgrammeDecisions.Start(new StartProgramme(ProgrammeId, "Transformatie naar publieke dienstverlener"), By, Now);
        var programme = Programme.From(start);
        programme = programme.With(ProgrammeDecisions.AddTransitionGoal(programme, new AddTransitionGoal(Strategic, "Publieke dienstverlener", "Pieter", Today.PlusYears(1)), By, Now));
        foreach (var (id, result) in new[] { (A, "Klant in regie"), (B, "Eén loket"), (C, "Digitaal eerst") })
        {
            programme = programme.With(ProgrammeDecisions.AddTacticalGoal(programme, new AddTacticalGoal(id, Strategic, result, "Anna", Today.PlusMonths(6)), By, Now));
        }

        return later.Aggregate(programme, (p, e) => p.With(e));
    }

    private static DependencyAdded Needs(Programme programme, Guid from, Guid to) =>
        ProgrammeDecisions.AddDependency(programme, new AddDependency(Guid.NewGuid(), Goal(from), Goal(to), null), By, Now);

    private static Track TeamTrack(params object[] later) => Track.Replay(
    [
        new TrackStarted(TrackId, Guid.NewGuid(), "Klantgesprek", "Elk gesprek helpt", "Emmy", Now),
        new ObstacleAdded(TrackId, ObstacleId, "Geen contactpersoon bij Re-integratie Noord", "Emmy", Now),
        .. later,
    ]);

    [Fact]
    public void a_dependency_that_would_close_a_circle_is_refused_naming_the_circle()
    {
        var programme = Given();
        programme = programme.With(Needs(programme, A, B));
        programme = programme.With(Needs(programme, B, C));

        var circle = () => Needs(programme, C, A);

        circle.Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict && e.Field == "to")
            .WithMessage("programme.dependencyCycle(programme.cycleStep(programme.cycleStep(programme.cycleStep("
                + "programme.cycleGoal(Klant in regie), programme.cycleGoal(Eén loket)), programme.cycleGoal(Digitaal eerst)), programme.cycleGoal(Klant in regie)))");
        ((Func<DependencyAdded>)(() => Needs(programme, A, A))).Should().Throw<DomainException>().WithMessage("programme.dependsOnItself");
        ((Func<DependencyAdded>)(() => Needs(programme, A, B))).Should().Throw<DomainException>().WithMessage("programme.dependencyExists");
        Needs(programme, A, C).To.Should().Be(Goal(C), "a second way to the same goal is no circle");
    }

    [Fact]
    public void a_dependency_names_known_goals_and_tracks_of_this_programme()
    {
        var add = () => ProgrammeDecisions.AddDependency(Given(), new AddDependency(Guid.NewGuid(), Goal(A), new Node(NodeKind.Track, TrackId), null), By, Now);

        add.Should().Throw<DomainException>().Where(e => e.Field == "to" && e.Refusal == Refusal.NotFound);
    }

    [Fact]
    public void an_obstacle_escalates_in_one_action_and_its_resolution_goes_back_to_the_team()
    {
        var programme = Given();
        var track = TeamTrack();
        var impedimentId = Guid.NewGuid();

        var (raised, escalated) = ProgrammeDecisions.Escalate(programme, track, new EscalateObstacle(impedimentId, A, ObstacleId, "Pieter", Today.PlusDays(14)), By, Now);
        programme = programme.With(raised);
        track = track.With(escalated);

        raised.Source.Should().Be(new EscalatedObstacle(track.TeamId, TrackId, ObstacleId, "Klantgesprek"));
        raised.Text.Should().Be("Geen contactpersoon bij Re-integratie Noord");
        track.Obstacles.Single().Escalation.Should().BeEquivalentTo(new { ProgrammeId, GoalResult = "Klant in regie", ImpedimentId = impedimentId, Resolution = (string?)null });
        var again = () => ProgrammeDecisions.Escalate(programme, track, new EscalateObstacle(Guid.NewGuid(), B, ObstacleId, "Pieter", Today.PlusDays(14)), By, Now);
        again.Should().Throw<DomainException>().WithMessage("programme.alreadyEscalated(Klant in regie)");

        var (resolved, told) = ProgrammeDecisions.Resolve(programme, impedimentId, "Noord levert per 1 december een vaste contactpersoon", By, Now);
        programme = programme.With(resolved);
        track = track.With(told!);

        programme.Impediments.Single().IsOpen.Should().BeFalse();
        track.Obstacles.Single().Escalation!.Resolution.Should().Be("Noord levert per 1 december een vaste contactpersoon");
        TrackHistory.Of([.. new object[] { new TrackStarted(TrackId, track.TeamId, "Klantgesprek", "Elk gesprek helpt", "Emmy", Now),
            new ObstacleAdded(TrackId, ObstacleId, "Geen contactpersoon bij Re-integratie Noord", "Emmy", Now), escalated, told! }])
            .Select(h => (h.By.Name, h.Action)).Should().Contain([
                ("Pieter", Phrase.Of("history.track.obstacleEscalated", "Geen contactpersoon bij Re-integratie Noord", "Klant in regie", "Transformatie naar publieke dienstverlener")),
                ("Pieter", Phrase.Of("history.track.escalationResolved", "Geen contactpersoon bij Re-integratie Noord", "Noord levert per 1 december een vaste contactpersoon")),
            ]);
        var twice = () => ProgrammeDecisions.Resolve(programme, impedimentId, "Nog eens", By, Now);
        twice.Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict);
    }

    [Fact]
    public void only_an_open_obstacle_of_that_board_escalates()
    {
        var closed = TeamTrack(new ObstacleResolved(TrackId, ObstacleId, "Opgelost", "Emmy", Now));

        var escalateClosed = () => ProgrammeDecisions.Escalate(Given(), closed, new EscalateObstacle(Guid.NewGuid(), A, ObstacleId, "Pieter", Today), By, Now);
        var escalateUnknown = () => ProgrammeDecisions.Escalate(Given(), TeamTrack(), new EscalateObstacle(Guid.NewGuid(), A, Guid.NewGuid(), "Pieter", Today), By, Now);
        var withoutDate = () => ProgrammeDecisions.Escalate(Given(), TeamTrack(), new EscalateObstacle(Guid.NewGuid(), A, ObstacleId, "Pieter", null), By, Now);

        escalateClosed.Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict && e.Field == "obstacleId");
        escalateUnknown.Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.NotFound && e.Field == "obstacleId");
        withoutDate.Should().Throw<DomainException>().Where(e => e.Field == "expectedBy");
    }

    [Fact]
    public void an_override_needs_a_reason_and_a_status_other_than_the_roll_up_says()
    {
        var programme = Given();

        var noReason = () => ProgrammeDecisions.Override(programme, new OverrideStatus(A, GoalStatus.AtRisk, " "), GoalStatus.OnTrack, By, Now);
        var same = () => ProgrammeDecisions.Override(programme, new OverrideStatus(A, GoalStatus.OnTrack, "Gaat goed"), GoalStatus.OnTrack, By, Now);
        var unknown = () => ProgrammeDecisions.Override(programme, new OverrideStatus(Guid.NewGuid(), GoalStatus.AtRisk, "Reden"), GoalStatus.OnTrack, By, Now);

        noReason.Should().Throw<DomainException>().Where(e => e.Field == "reason");
        same.Should().Throw<DomainException>().Where(e => e.Field == "status" && e.Refusal == Refusal.Conflict);
        unknown.Should().Throw<DomainException>().Where(e => e.Field == "goalId" && e.Refusal == Refusal.NotFound);
        ProgrammeDecisions.Override(programme, new OverrideStatus(A, GoalStatus.AtRisk, "Anna met verlof"), GoalStatus.OnTrack, By, Now)
            .DerivedWhenSet.Should().Be(GoalStatus.OnTrack);
    }

    [Fact]
    public void a_tactical_goal_hangs_under_a_transition_goal_of_this_programme_and_a_track_moves_between_tactical_goals()
    {
        var programme = Given();
        var orphan = () => ProgrammeDecisions.AddTacticalGoal(programme, new AddTacticalGoal(Guid.NewGuid(), Guid.NewGuid(), "Los", "Anna", Today), By, Now);
        orphan.Should().Throw<DomainException>().Where(e => e.Field == "transitionGoalId");

        programme = programme.With(ProgrammeDecisions.LinkTrack(programme, A, TeamTrack(), By, Now));
        programme = programme.With(ProgrammeDecisions.LinkTrack(programme, B, TeamTrack(), By, Now));

        programme.TacticalGoals.Single(g => g.Id == A).TrackIds.Should().BeEmpty();
        programme.TacticalGoals.Single(g => g.Id == B).TrackIds.Should().Equal(TrackId);
    }
}
