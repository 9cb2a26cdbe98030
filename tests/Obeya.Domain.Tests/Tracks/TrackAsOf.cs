using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

/// <summary>Time travel: the board as it stood at a moment, read from the events alone.</summary>
public class TrackAsOf : TrackSpecification
{
    private static readonly Guid ObstacleId = Guid.NewGuid();
    private static readonly Guid ConditionId = Guid.NewGuid();

    private static readonly Instant Monday = Now;
    private static readonly Instant Tuesday = Now.Plus(Duration.FromDays(1));
    private static readonly Instant Thursday = Now.Plus(Duration.FromDays(3));
    private static readonly Instant NextTuesday = Now.Plus(Duration.FromDays(8));

    private static IReadOnlyList<object> Events { get; } =
    [
        Started with { At = Monday },
        MetricDefined with { At = Monday },
        new ObstacleAdded(TrackId, ObstacleId, "Terugmeldingen zonder reden", By, Tuesday),
        new ObstacleFocused(TrackId, ObstacleId, By, Tuesday),
        new ObstacleRephrased(TrackId, ObstacleId, "Terugmeldingen zonder opgegeven reden", By, Thursday),
        new TargetConditionSet(TrackId, ConditionId, "Elke verwijzing met klantbeeld", Today.PlusWeeks(4), [new MetricTarget(MetricId, 50m)], By, Thursday),
        new ObstacleResolved(TrackId, ObstacleId, "Vaste contactpersoon", By, NextTuesday),
    ];

    [Fact]
    public void before_the_track_started_there_is_no_board() =>
        TrackHistory.AsOf(Events, Monday.Minus(Duration.FromSeconds(1))).Should().BeNull();

    [Fact]
    public void at_the_moment_it_started_the_board_has_only_what_happened_at_that_moment()
    {
        var track = TrackHistory.AsOf(Events, Monday)!;

        track.Challenge.Should().Be(Started.Challenge);
        track.Metrics.Should().ContainSingle();
        track.Obstacles.Should().BeEmpty();
    }

    [Fact]
    public void between_events_the_board_is_as_the_earlier_events_left_it()
    {
        var track = TrackHistory.AsOf(Events, Tuesday.Plus(Duration.FromHours(5)))!;

        track.Obstacles.Should().ContainSingle().Which.Text.Should().Be("Terugmeldingen zonder reden");
        track.FocusedObstacleId.Should().Be(ObstacleId);
        track.TargetConditions.Should().BeEmpty();
        track.LastChangedAt.Should().Be(Tuesday);
    }

    [Fact]
    public void just_before_the_last_event_the_obstacle_is_still_open_and_in_focus()
    {
        var track = TrackHistory.AsOf(Events, NextTuesday.Minus(Duration.FromMilliseconds(1)))!;

        track.Obstacles.Single().Text.Should().Be("Terugmeldingen zonder opgegeven reden");
        track.Obstacles.Single().State.Should().Be(ObstacleState.Open);
        track.FocusedObstacleId.Should().Be(ObstacleId);
        track.ActiveTargetCondition!.Id.Should().Be(ConditionId);
    }

    [Fact]
    public void after_the_last_event_the_board_is_the_full_state()
    {
        var track = TrackHistory.AsOf(Events, NextTuesday.Plus(Duration.FromDays(30)))!;

        track.Should().BeEquivalentTo(Track.Replay(Events));
        track.Obstacles.Single().State.Should().Be(ObstacleState.Resolved);
        track.FocusedObstacleId.Should().BeNull();
        track.LastChangedAt.Should().Be(NextTuesday);
    }

    [Fact]
    public void an_event_stamped_earlier_than_the_one_before_it_does_not_reach_back_in_time()
    {
        // A clock that jumped back: the last event claims Monday, though it came after Thursday's.
        IReadOnlyList<object> skewed = [.. Events.Take(5), new ObstacleAdded(TrackId, Guid.NewGuid(), "Later toegevoegd", By, Monday)];

        TrackHistory.AsOf(skewed, Monday)!.Obstacles.Should().BeEmpty();
    }
}
