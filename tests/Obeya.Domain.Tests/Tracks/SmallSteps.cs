using NodaTime;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

/// <summary>Now is Monday 23 November 2026, 09:00 in Amsterdam; Team Werk meets on Tuesday and Thursday at 09:00.</summary>
public class SmallSteps : TrackSpecification
{
    private static readonly Guid Sander = Guid.NewGuid();
    private static readonly Guid Fatima = Guid.NewGuid();
    private static readonly Guid CoachKarin = Guid.NewGuid();
    private static readonly Guid StepId = Guid.NewGuid();

    private static readonly LocalDate Tuesday = new(2026, 11, 24);
    private static readonly LocalDate Thursday = new(2026, 11, 26);
    private static readonly LocalDate NextTuesday = new(2026, 12, 1);

    private static Team Team { get; } = TeamWerk
        .With(new TeamMemberAdded(TeamWerk.Id, Sander, "Sander", null, By, Now))
        .With(new TeamMemberAdded(TeamWerk.Id, Fatima, "Fatima", null, By, Now))
        .With(new CoachAssigned(TeamWerk.Id, CoachKarin, "Karin", null, By, Now));

    private static SmallStepAgreed Agreed(LocalDate? due = null) =>
        new(TrackId, StepId, "Bel het re-integratiebedrijf", Sander, "Sander", due ?? Tuesday, 1, By, Now);

    private static SmallStepAgreed Agree(string text = "Bel het re-integratiebedrijf", Guid? owner = null, LocalDate? due = null) =>
        TrackDecisions.AgreeSmallStep(Given(), Team, new AgreeSmallStep(StepId, text, owner ?? Sander, due ?? Tuesday), By, Now);

    // Agreeing

    [Fact]
    public void a_small_step_is_agreed_with_one_member_as_owner_and_a_due_date()
    {
        var agreed = Agree(" Bel het re-integratiebedrijf ");

        agreed.Should().Be(new SmallStepAgreed(TrackId, StepId, "Bel het re-integratiebedrijf", Sander, "Sander", Tuesday, 1, By, Now));
        Given(agreed).SmallSteps.Should().ContainSingle()
            .Which.Should().Be(new SmallStep(StepId, "Bel het re-integratiebedrijf", Sander, "Sander", Tuesday, 1, SmallStepState.Open, AgreedAt: Now));
    }

    [Theory]
    [InlineData(24, 1, false)] // Tuesday: the next session
    [InlineData(26, 2, false)] // Thursday: the session after
    [InlineData(30, 2, false)] // Monday 30 November: still only two sessions
    public void sessions_ahead_counts_the_teams_sessions_until_the_due_date(int dayOfNovember, int sessionsAhead, bool tooBig)
    {
        var agreed = Agree(due: new LocalDate(2026, 11, dayOfNovember));

        agreed.SessionsAhead.Should().Be(sessionsAhead);
        Given(agreed).SmallSteps.Single().IsTooBig.Should().Be(tooBig);
    }

    [Fact]
    public void a_step_due_three_sessions_ahead_is_too_big()
    {
        var agreed = Agree(due: NextTuesday);

        agreed.SessionsAhead.Should().Be(3);
        Given(agreed).SmallSteps.Single().IsTooBig.Should().BeTrue();
    }

    [Fact]
    public void a_step_due_today_before_any_session_is_zero_sessions_ahead() =>
        Agree(due: Today).SessionsAhead.Should().Be(0);

    [Fact]
    public void sessions_ahead_follows_the_teams_own_cadence()
    {
        var wednesdays = Team with { Cadence = SessionCadence.Default with { Days = [IsoDayOfWeek.Wednesday] } };

        TrackDecisions.AgreeSmallStep(Given(), wednesdays, new AgreeSmallStep(StepId, "Bel", Sander, NextTuesday), By, Now)
            .SessionsAhead.Should().Be(1);
        TrackDecisions.AgreeSmallStep(Given(), wednesdays, new AgreeSmallStep(StepId, "Bel", Sander, new LocalDate(2026, 12, 2)), By, Now)
            .SessionsAhead.Should().Be(2);
    }

    [Fact]
    public void the_owner_must_be_a_member_of_the_team()
    {
        Refuses(() => Agree(owner: Guid.NewGuid()), "ownerId", Refusal.Invalid, "track.stepOwnerNotMember");
        Refuses(() => Agree(owner: CoachKarin), "ownerId", Refusal.Invalid, "track.stepOwnerNotMember");
    }

    [Fact]
    public void a_due_date_in_the_past_is_refused() =>
        Refuses(() => Agree(due: Today.PlusDays(-1)), "due", Refusal.Invalid, "date.inPast");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void a_small_step_needs_text(string? text) =>
        Refuses(() => Agree(text!), "text", Refusal.Invalid, "text.required");

    // Changing an open step

    [Fact]
    public void a_step_is_reassigned_to_another_member()
    {
        var track = Given(Agreed());

        var reassigned = TrackDecisions.ReassignSmallStep(track, Team, new ReassignSmallStep(StepId, Fatima), By, Now);

        reassigned.Should().Be(new SmallStepReassigned(TrackId, StepId, Fatima, "Fatima", By, Now));
        var step = track.With(reassigned).SmallSteps.Single();
        (step.OwnerId, step.OwnerName).Should().Be((Fatima, "Fatima"));
    }

    [Fact]
    public void a_step_is_not_reassigned_to_its_own_owner() =>
        Refuses(() => TrackDecisions.ReassignSmallStep(Given(Agreed()), Team, new ReassignSmallStep(StepId, Sander), By, Now),
            "ownerId", Refusal.Conflict, "track.alreadyStepOwner(Sander)");

    [Fact]
    public void a_step_is_reassigned_only_to_a_member() =>
        Refuses(() => TrackDecisions.ReassignSmallStep(Given(Agreed()), Team, new ReassignSmallStep(StepId, Guid.NewGuid()), By, Now),
            "ownerId", Refusal.Invalid, "track.stepOwnerNotMember");

    [Fact]
    public void rescheduling_recomputes_the_sessions_ahead()
    {
        var track = Given(Agreed(Tuesday));

        var rescheduled = TrackDecisions.RescheduleSmallStep(track, Team, new RescheduleSmallStep(StepId, NextTuesday), By, Now);

        rescheduled.Should().Be(new SmallStepRescheduled(TrackId, StepId, NextTuesday, 3, By, Now));
        var step = track.With(rescheduled).SmallSteps.Single();
        step.Due.Should().Be(NextTuesday);
        step.SessionsAhead.Should().Be(3);
        step.IsTooBig.Should().BeTrue();
    }

    [Fact]
    public void rescheduling_to_the_past_is_refused() =>
        Refuses(() => TrackDecisions.RescheduleSmallStep(Given(Agreed()), Team, new RescheduleSmallStep(StepId, Today.PlusDays(-1)), By, Now),
            "due", Refusal.Invalid, "date.inPast");

    [Fact]
    public void a_done_step_is_done()
    {
        var track = Given(Agreed());

        var done = TrackDecisions.FinishSmallStep(track, new FinishSmallStep(StepId), By, Now);

        done.Should().Be(new SmallStepDone(TrackId, StepId, By, Now));
        track.With(done).SmallSteps.Single().State.Should().Be(SmallStepState.Done);
    }

    [Theory]
    [InlineData(" Niet meer nodig ", "Niet meer nodig")]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    public void a_step_is_dropped_with_an_optional_reason(string? reason, string? kept)
    {
        var track = Given(Agreed());

        var dropped = TrackDecisions.DropSmallStep(track, new DropSmallStep(StepId, reason), By, Now);

        dropped.Should().Be(new SmallStepDropped(TrackId, StepId, kept, By, Now));
        track.With(dropped).SmallSteps.Single().State.Should().Be(SmallStepState.Dropped);
    }

    // A closed step stays as it was

    [Theory]
    [InlineData("done", "reassign")]
    [InlineData("done", "reschedule")]
    [InlineData("done", "finish")]
    [InlineData("done", "drop")]
    [InlineData("dropped", "reassign")]
    [InlineData("dropped", "reschedule")]
    [InlineData("dropped", "finish")]
    [InlineData("dropped", "drop")]
    public void a_done_or_dropped_step_refuses_further_changes(string closedAs, string command)
    {
        object closed = closedAs == "done" ? new SmallStepDone(TrackId, StepId, By, Now) : new SmallStepDropped(TrackId, StepId, null, By, Now);
        var track = Given(Agreed(), closed);

        Refuses(Change(track, StepId, command), "stepId", Refusal.Conflict, closedAs == "done" ? "track.stepDone" : "track.stepDropped");
        track.SmallSteps.Single().State.Should().Be(closedAs == "done" ? SmallStepState.Done : SmallStepState.Dropped);
    }

    [Theory]
    [InlineData("reassign")]
    [InlineData("reschedule")]
    [InlineData("finish")]
    [InlineData("drop")]
    public void a_change_to_an_unknown_step_is_not_found(string command) =>
        Refuses(Change(Given(Agreed()), Guid.NewGuid(), command), "stepId", Refusal.NotFound, "track.stepNotFound");

    private static Func<object> Change(Track track, Guid stepId, string command) => command switch
    {
        "reassign" => () => TrackDecisions.ReassignSmallStep(track, Team, new ReassignSmallStep(stepId, Fatima), By, Now),
        "reschedule" => () => TrackDecisions.RescheduleSmallStep(track, Team, new RescheduleSmallStep(stepId, Thursday), By, Now),
        "finish" => () => TrackDecisions.FinishSmallStep(track, new FinishSmallStep(stepId), By, Now),
        "drop" => () => TrackDecisions.DropSmallStep(track, new DropSmallStep(stepId, "Niet meer nodig"), By, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    // Overdue

    [Fact]
    public void an_open_step_is_overdue_after_its_due_date()
    {
        var step = Given(Agreed(Tuesday)).SmallSteps.Single();

        step.IsOverdueOn(Tuesday).Should().BeFalse();
        step.IsOverdueOn(Tuesday.PlusDays(1)).Should().BeTrue();
    }

    [Fact]
    public void a_done_or_dropped_step_is_never_overdue()
    {
        var done = Given(Agreed(Tuesday), new SmallStepDone(TrackId, StepId, By, Now)).SmallSteps.Single();
        var dropped = Given(Agreed(Tuesday), new SmallStepDropped(TrackId, StepId, null, By, Now)).SmallSteps.Single();

        done.IsOverdueOn(NextTuesday).Should().BeFalse();
        dropped.IsOverdueOn(NextTuesday).Should().BeFalse();
    }
}
