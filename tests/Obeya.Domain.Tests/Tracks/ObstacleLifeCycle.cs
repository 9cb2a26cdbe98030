using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

public class ObstacleLifeCycle : TrackSpecification
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();
    private static readonly Guid ExperimentId = Guid.NewGuid();

    private static ObstacleResolved Resolved(Guid id) => new(TrackId, id, "Vaste contactpersoon afgesproken", By, Now);

    private static ObstacleDropped Dropped(Guid id) => new(TrackId, id, "Speelt niet meer", By, Now);

    private static object Closed(Guid id, bool resolved) => resolved ? Resolved(id) : Dropped(id);

    private static ExperimentResultRecorded ResultOf(Guid experimentId) =>
        new(TrackId, experimentId, "6 van de 10 redenen bekend", "Terugbellen binnen een dag werkt", false, By, Now);

    private static object Close(Track track, Guid id, bool resolved, string? note = null) =>
        TrackDecisions.CloseObstacle(track, new CloseObstacle(id, note), resolved, By, Now);

    // Rephrasing

    [Fact]
    public void an_open_obstacle_can_be_rephrased()
    {
        var track = Given(Obstacle(First));

        var rephrased = TrackDecisions.RephraseObstacle(track, new RephraseObstacle(First, " Terugmeldingen zonder opgegeven reden "), By, Now);

        rephrased.Should().Be(new ObstacleRephrased(TrackId, First, "Terugmeldingen zonder opgegeven reden", By, Now));
        var obstacle = track.With(rephrased).Obstacles.Should().ContainSingle().Subject;
        obstacle.Text.Should().Be("Terugmeldingen zonder opgegeven reden");
        obstacle.State.Should().Be(ObstacleState.Open);
    }

    [Fact]
    public void a_rephrased_obstacle_needs_text() =>
        Refuses(() => TrackDecisions.RephraseObstacle(Given(Obstacle(First)), new RephraseObstacle(First, " "), By, Now), "text", Refusal.Invalid, "text.required");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void a_closed_obstacle_cannot_be_rephrased(bool resolved) =>
        Refuses(() => TrackDecisions.RephraseObstacle(
                Given(Obstacle(First), Closed(First, resolved)), new RephraseObstacle(First, "Nieuwe tekst"), By, Now),
            "obstacleId", Refusal.Conflict, "track.obstacleClosed");

    // Focus

    [Fact]
    public void an_open_obstacle_is_put_in_focus()
    {
        var track = Given(Obstacle(First));

        var focused = TrackDecisions.FocusObstacle(track, new FocusObstacle(First), By, Now);

        focused.Should().Be(new ObstacleFocused(TrackId, First, By, Now));
        track.With(focused).FocusedObstacle!.Id.Should().Be(First);
    }

    [Fact]
    public void an_obstacle_already_in_focus_cannot_be_focused_again() =>
        Refuses(() => TrackDecisions.FocusObstacle(Given(Obstacle(First), Focused(First)), new FocusObstacle(First), By, Now),
            "obstacleId", Refusal.Conflict, "track.obstacleAlreadyInFocus");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void a_closed_obstacle_cannot_be_focused(bool resolved) =>
        Refuses(() => TrackDecisions.FocusObstacle(Given(Obstacle(First), Closed(First, resolved)), new FocusObstacle(First), By, Now),
            "obstacleId", Refusal.Conflict, "track.onlyOpenObstacleInFocus");

    [Fact]
    public void focus_moves_once_the_experiment_against_the_focused_obstacle_has_its_result()
    {
        var track = Given(Obstacle(First), Obstacle(Second, "Geen vaste tijd"), Focused(First), Planned(ExperimentId, First), ResultOf(ExperimentId));

        track = track.With(TrackDecisions.FocusObstacle(track, new FocusObstacle(Second), By, Now));

        track.FocusedObstacle!.Id.Should().Be(Second);
        track.Obstacles.Should().OnlyContain(o => o.State == ObstacleState.Open);
    }

    // Taking out of focus

    [Fact]
    public void the_focused_obstacle_can_be_taken_out_of_focus_and_stays_open()
    {
        var track = Given(Obstacle(First), Focused(First));

        var taken = TrackDecisions.TakeObstacleOutOfFocus(track, new TakeObstacleOutOfFocus(First), By, Now);

        taken.Should().Be(new ObstacleTakenOutOfFocus(TrackId, First, By, Now));
        track = track.With(taken);
        track.FocusedObstacleId.Should().BeNull();
        track.Obstacles.Single().State.Should().Be(ObstacleState.Open);
    }

    [Fact]
    public void an_obstacle_that_is_not_in_focus_cannot_be_taken_out_of_it()
    {
        Refuses(() => TrackDecisions.TakeObstacleOutOfFocus(
                Given(Obstacle(First), Obstacle(Second), Focused(Second)), new TakeObstacleOutOfFocus(First), By, Now),
            "obstacleId", Refusal.Conflict, "track.obstacleNotInFocus");
        Refuses(() => TrackDecisions.TakeObstacleOutOfFocus(Given(Obstacle(First)), new TakeObstacleOutOfFocus(First), By, Now),
            "obstacleId", Refusal.Conflict, "track.obstacleNotInFocus");
    }

    [Fact]
    public void the_focused_obstacle_stays_in_focus_while_an_experiment_runs_against_it()
    {
        var track = Given(Obstacle(First), Focused(First), Planned(ExperimentId, First));

        Refuses(() => TrackDecisions.TakeObstacleOutOfFocus(track, new TakeObstacleOutOfFocus(First), By, Now),
            "obstacleId", Refusal.Conflict, "track.experimentRunningOnObstacle(Bel terug)");
        TrackDecisions.TakeObstacleOutOfFocus(track.With(ResultOf(ExperimentId)), new TakeObstacleOutOfFocus(First), By, Now)
            .ObstacleId.Should().Be(First);
    }

    // Resolving and dropping

    [Fact]
    public void a_resolved_obstacle_keeps_its_note_and_leaves_the_focus()
    {
        var track = Given(Obstacle(First), Focused(First));

        var closed = Close(track, First, resolved: true, note: " Vaste contactpersoon afgesproken ");

        closed.Should().Be(new ObstacleResolved(TrackId, First, "Vaste contactpersoon afgesproken", By, Now));
        track = track.With(closed);
        track.Obstacles.Single().State.Should().Be(ObstacleState.Resolved);
        track.Obstacles.Single().ClosingNote.Should().Be("Vaste contactpersoon afgesproken");
        track.FocusedObstacleId.Should().BeNull();
    }

    [Fact]
    public void a_dropped_obstacle_keeps_its_reason_and_leaves_the_focus()
    {
        var track = Given(Obstacle(First), Focused(First));

        var closed = Close(track, First, resolved: false, note: "Speelt niet meer");

        closed.Should().Be(new ObstacleDropped(TrackId, First, "Speelt niet meer", By, Now));
        track = track.With(closed);
        track.Obstacles.Single().State.Should().Be(ObstacleState.Dropped);
        track.Obstacles.Single().ClosingNote.Should().Be("Speelt niet meer");
        track.FocusedObstacleId.Should().BeNull();
    }

    [Fact]
    public void closing_an_obstacle_that_is_not_in_focus_leaves_the_focus_where_it_was()
    {
        var track = Given(Obstacle(First), Obstacle(Second), Focused(Second));

        track = track.With(Close(track, First, resolved: true));

        track.FocusedObstacleId.Should().Be(Second);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, null)]
    [InlineData(true, "  ")]
    [InlineData(false, "")]
    public void a_closing_note_or_reason_is_optional(bool resolved, string? note)
    {
        var closed = Close(Given(Obstacle(First)), First, resolved, note);

        if (resolved)
        {
            closed.Should().Be(new ObstacleResolved(TrackId, First, null, By, Now));
        }
        else
        {
            closed.Should().Be(new ObstacleDropped(TrackId, First, null, By, Now));
        }
    }

    [Theory]
    [InlineData(true, "note")]
    [InlineData(false, "note")]
    public void a_closing_note_is_board_text_and_names_its_field_as_the_api_sends_it(bool resolved, string field) =>
        Refuses(() => Close(Given(Obstacle(First)), First, resolved, "Klant 111222333 belde"), field, Refusal.Invalid, Obeya.Domain.Privacy.PrivacyGuard.BsnRefusal.Key);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void an_obstacle_is_not_closed_while_an_experiment_runs_against_it(bool resolved) =>
        Refuses(() => Close(Given(Obstacle(First), Focused(First), Planned(ExperimentId, First)), First, resolved),
            "obstacleId", Refusal.Conflict, "track.experimentRunningOnObstacle(Bel terug)");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void another_obstacle_can_be_closed_while_an_experiment_runs_against_the_focused_one(bool resolved) =>
        Close(Given(Obstacle(First), Obstacle(Second), Focused(First), Planned(ExperimentId, First)), Second, resolved)
            .Should().BeOfType(resolved ? typeof(ObstacleResolved) : typeof(ObstacleDropped));

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void a_closed_obstacle_cannot_be_closed_again(bool firstResolved, bool thenResolved) =>
        Refuses(() => Close(Given(Obstacle(First), Closed(First, firstResolved)), First, thenResolved),
            "obstacleId", Refusal.Conflict, "track.obstacleClosed");

    // Reopening

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void a_closed_obstacle_can_be_reopened_and_then_focused_again(bool resolved)
    {
        var track = Given(Obstacle(First), Focused(First), Closed(First, resolved));

        var reopened = TrackDecisions.ReopenObstacle(track, new ReopenObstacle(First), By, Now);

        reopened.Should().Be(new ObstacleReopened(TrackId, First, By, Now));
        track = track.With(reopened);
        track.Obstacles.Single().State.Should().Be(ObstacleState.Open);
        track.Obstacles.Single().ClosingNote.Should().BeNull();
        track.FocusedObstacleId.Should().BeNull();
        TrackDecisions.FocusObstacle(track, new FocusObstacle(First), By, Now).ObstacleId.Should().Be(First);
    }

    [Fact]
    public void an_open_obstacle_cannot_be_reopened() =>
        Refuses(() => TrackDecisions.ReopenObstacle(Given(Obstacle(First)), new ReopenObstacle(First), By, Now),
            "obstacleId", Refusal.Conflict, "track.obstacleAlreadyOpen");

    // Unknown obstacles

    [Theory]
    [InlineData("rephrase")]
    [InlineData("takeOutOfFocus")]
    [InlineData("resolve")]
    [InlineData("drop")]
    [InlineData("reopen")]
    public void a_command_for_an_unknown_obstacle_is_not_found(string command)
    {
        var track = Given(Obstacle(First), Focused(First));
        var unknown = Guid.NewGuid();
        Func<object> act = command switch
        {
            "rephrase" => () => TrackDecisions.RephraseObstacle(track, new RephraseObstacle(unknown, "Tekst"), By, Now),
            "takeOutOfFocus" => () => TrackDecisions.TakeObstacleOutOfFocus(track, new TakeObstacleOutOfFocus(unknown), By, Now),
            "resolve" => () => Close(track, unknown, resolved: true),
            "drop" => () => Close(track, unknown, resolved: false),
            _ => () => TrackDecisions.ReopenObstacle(track, new ReopenObstacle(unknown), By, Now),
        };

        Refuses(act, "obstacleId", Refusal.NotFound, "track.obstacleNotFound");
    }
}
