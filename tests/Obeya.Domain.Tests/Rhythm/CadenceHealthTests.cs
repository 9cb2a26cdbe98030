using NodaTime;
using Obeya.Domain.Rhythm;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Rhythm;

/// <summary>
/// Hand-made weeks of Team Werk (Tuesday and Thursday 09:00, Amsterdam), each figure of the rhythm checked against
/// what a person counting on the calendar would say.
/// </summary>
public class CadenceHealthTests
{
    private static readonly Guid TeamId = Guid.NewGuid();
    private static readonly Guid Coach = Guid.NewGuid();
    private static readonly Guid Sander = Guid.NewGuid();
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>Made on Thursday 1 October 2026; from then on its sessions are planned.</summary>
    private static readonly Team Werk = Team.From(new TeamCreated(TeamId, "Team Werk", SessionCadence.Default, "Emmy", At(2026, 10, 1, 8, 0)))
        .With(new TeamMemberAdded(TeamId, Sander, "Sander", null, "Emmy", At(2026, 10, 1, 8, 0)))
        .With(new CoachAssigned(TeamId, Coach, "Marieke", null, "Emmy", At(2026, 10, 1, 8, 0)));

    /// <summary>A moment as Amsterdam's wall clock shows it.</summary>
    private static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Amsterdam).ToInstant();

    private static Session Held(Instant start, int minutes = 30, int present = 0, bool coach = false, Guid? team = null)
    {
        var id = Guid.NewGuid();
        var teamId = team ?? TeamId;
        var session = Session.From(new SessionStarted(id, teamId, null, 30, "Emmy", start));
        for (var i = 0; i < present; i++)
        {
            session = session.With(new AttendanceMarked(id, teamId, Guid.NewGuid(), $"Persoon {i}", true, "Emmy", start));
        }

        if (coach)
        {
            session = session.With(new CoachingConversationRecorded(
                id, teamId, Coach, "Marieke", [new CoachingAnswer(1, "Elke verwijzing met een klantbeeld")], "Marieke", start + Duration.FromMinutes(10)));
        }

        return session.With(new SessionEnded(id, teamId, "Emmy", start + Duration.FromMinutes(minutes)));
    }

    private static CadenceHealth Health(
        Team team, IReadOnlyList<Session> sessions, LocalDate from, LocalDate to, Instant asOf, params Track[] tracks) =>
        CadenceHealth.Compute(team, sessions, tracks, from, to, asOf);

    private static readonly LocalDate Monday23 = new(2026, 11, 23);
    private static readonly LocalDate Sunday29 = new(2026, 11, 29);

    [Fact]
    public void a_week_with_one_session_on_time_and_one_late()
    {
        var sessions = new[] { Held(At(2026, 11, 24, 9, 3)), Held(At(2026, 11, 26, 9, 20)) };

        var health = Health(Werk, sessions, Monday23, Sunday29, At(2026, 11, 27, 12, 0));

        health.Slots.Select(s => (s.Date, s.Outcome)).Should().Equal(
            (new LocalDate(2026, 11, 24), SlotOutcome.Held), (new LocalDate(2026, 11, 26), SlotOutcome.HeldLate));
        health.Sessions.Should().BeEquivalentTo(new { Planned = 2, Held = 2, HeldOnTime = 1, HeldLate = 1, Missed = 0, Cancelled = 0, Extra = 0, Streak = 2 });
    }

    [Fact]
    public void started_within_the_teams_tolerance_is_on_time_and_a_team_can_set_it()
    {
        var sessions = new[] { Held(At(2026, 11, 24, 9, 5)), Held(At(2026, 11, 26, 9, 6)) };
        var asOf = At(2026, 11, 27, 12, 0);

        Health(Werk, sessions, Monday23, Sunday29, asOf).Sessions.HeldOnTime.Should().Be(1);
        var lenient = Werk.With(new RhythmThresholdsChanged(TeamId, RhythmThresholds.Default with { OnTimeMinutes = 10 }, "Emmy", asOf));
        Health(lenient, sessions, Monday23, Sunday29, asOf).Sessions.HeldOnTime.Should().Be(2);
    }

    [Fact]
    public void a_planned_day_gone_by_without_a_session_is_missed_and_today_is_still_to_come()
    {
        var sessions = new[] { Held(At(2026, 11, 24, 9, 0)) };

        // Thursday 26th, 08:00: the Thursday session can still be held.
        var thursdayMorning = Health(Werk, sessions, Monday23, Sunday29, At(2026, 11, 26, 8, 0));
        thursdayMorning.Slots[1].Outcome.Should().Be(SlotOutcome.Upcoming);
        thursdayMorning.Sessions.Planned.Should().Be(1);

        // Friday: it was not.
        var friday = Health(Werk, sessions, Monday23, Sunday29, At(2026, 11, 27, 8, 0));
        friday.Slots[1].Outcome.Should().Be(SlotOutcome.Missed);
        friday.Sessions.Should().BeEquivalentTo(new { Planned = 2, Held = 1, Missed = 1, Streak = 0 });
    }

    [Fact]
    public void a_cancelled_session_with_a_reason_is_not_missed_and_does_not_break_the_streak()
    {
        var team = Werk.With(new SessionsCancelled(TeamId, Guid.NewGuid(), new LocalDate(2026, 11, 26), new LocalDate(2026, 11, 26), "studiedag", "Emmy", At(2026, 11, 20, 10, 0)));
        var sessions = new[] { Held(At(2026, 11, 19, 9, 0)), Held(At(2026, 11, 24, 9, 0)), Held(At(2026, 12, 1, 9, 0)) };

        var health = Health(team, sessions, new LocalDate(2026, 11, 16), new LocalDate(2026, 12, 1), At(2026, 12, 1, 12, 0));

        var thursday = health.Slots.Single(s => s.Date == new LocalDate(2026, 11, 26));
        thursday.Outcome.Should().Be(SlotOutcome.Cancelled);
        thursday.CancelledBecause.Should().Be("studiedag");
        // The 17th was missed; since then every planned session was held, the cancelled one skipped.
        health.Sessions.Should().BeEquivalentTo(new { Planned = 4, Held = 3, Missed = 1, Cancelled = 1, Streak = 3 });
    }

    [Fact]
    public void the_christmas_holiday_across_the_year_boundary_plans_no_sessions()
    {
        var team = Werk.With(new SessionsCancelled(TeamId, Guid.NewGuid(), new LocalDate(2026, 12, 21), new LocalDate(2027, 1, 3), "kerstvakantie", "Emmy", At(2026, 12, 1, 10, 0)));
        var sessions = new[] { Held(At(2026, 12, 17, 9, 0)), Held(At(2027, 1, 5, 9, 0)), Held(At(2027, 1, 7, 9, 0)) };

        var health = Health(team, sessions, new LocalDate(2026, 12, 14), new LocalDate(2027, 1, 10), At(2027, 1, 8, 12, 0));

        health.Slots.Where(s => s.Outcome == SlotOutcome.Cancelled).Select(s => s.Date).Should().Equal(
            new LocalDate(2026, 12, 22), new LocalDate(2026, 12, 24), new LocalDate(2026, 12, 29), new LocalDate(2026, 12, 31));
        health.Slots.Should().OnlyContain(s => s.Outcome != SlotOutcome.Cancelled || s.CancelledBecause == "kerstvakantie");
        // The 15th was missed, the 17th held, the holiday skipped, January held.
        health.Sessions.Should().BeEquivalentTo(new { Planned = 4, Held = 3, Missed = 1, Cancelled = 4, Streak = 3 });
    }

    [Fact]
    public void nine_oclock_is_nine_oclock_in_amsterdam_on_both_sides_of_the_clock_change()
    {
        // Summer time ends on Sunday 25 October 2026: 09:00 is 07:00 UTC before, 08:00 UTC after.
        var sessions = new[]
        {
            Held(Instant.FromUtc(2026, 10, 20, 7, 2)),  // 09:02 summer time: on time
            Held(Instant.FromUtc(2026, 10, 22, 8, 10)), // 10:10 summer time: late
            Held(Instant.FromUtc(2026, 10, 27, 8, 2)),  // 09:02 winter time: on time
            Held(Instant.FromUtc(2026, 10, 29, 7, 30)), // 08:30 winter time: early, so on time
        };

        var health = Health(Werk, sessions, new LocalDate(2026, 10, 19), new LocalDate(2026, 11, 1), At(2026, 11, 1, 12, 0));

        health.Slots.Select(s => s.Outcome).Should().Equal(SlotOutcome.Held, SlotOutcome.HeldLate, SlotOutcome.Held, SlotOutcome.Held);
        health.Slots.Select(s => s.PlannedStart.ToInstant()).Should().Equal(
            Instant.FromUtc(2026, 10, 20, 7, 0), Instant.FromUtc(2026, 10, 22, 7, 0), Instant.FromUtc(2026, 10, 27, 8, 0), Instant.FromUtc(2026, 10, 29, 8, 0));
    }

    [Fact]
    public void a_session_late_in_the_evening_counts_on_its_own_day_in_amsterdam_not_in_utc()
    {
        // 00:30 on Wednesday in Amsterdam is still Tuesday in UTC: an extra session on Wednesday, and Tuesday's missed.
        var sessions = new[] { Held(At(2026, 11, 25, 0, 30)) };

        var health = Health(Werk, sessions, Monday23, Sunday29, At(2026, 11, 27, 12, 0));

        health.Slots[0].Outcome.Should().Be(SlotOutcome.Missed);
        health.Sessions.Extra.Should().Be(1);
    }

    [Fact]
    public void no_sessions_are_planned_before_the_team_existed_and_a_new_cadence_plans_from_its_change_on()
    {
        // Made Thursday 1 October at 10:00, after that day's session time; from Monday 5 October on: Monday and Wednesday.
        var team = Team.From(new TeamCreated(TeamId, "Team Werk", SessionCadence.Default, "Emmy", At(2026, 10, 1, 10, 0)))
            .With(new TeamCadenceChanged(TeamId, SessionCadence.Default with { Days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday] }, "Emmy", At(2026, 10, 4, 12, 0)));

        var health = Health(team, [], new LocalDate(2026, 9, 28), new LocalDate(2026, 10, 11), At(2026, 10, 12, 8, 0));

        health.Slots.Select(s => s.Date).Should().Equal(new LocalDate(2026, 10, 5), new LocalDate(2026, 10, 7));
    }

    [Fact]
    public void the_timebox_is_kept_when_the_session_ends_within_it_and_attendance_is_averaged()
    {
        var sessions = new[] { Held(At(2026, 11, 24, 9, 0), minutes: 30, present: 4), Held(At(2026, 11, 26, 9, 0), minutes: 45, present: 2) };

        var health = Health(Werk, sessions, Monday23, Sunday29, At(2026, 11, 27, 12, 0));

        health.Sessions.Should().BeEquivalentTo(new { Ended = 2, TimeboxKept = 1, AveragePresent = 3.0m });
    }

    [Fact]
    public void the_coach_not_seen_for_longer_than_the_teams_interval_is_a_warning_in_days()
    {
        // Last coached on Tuesday 10 November; on Thursday the 26th that is 16 days.
        var sessions = new[] { Held(At(2026, 11, 10, 9, 0), coach: true), Held(At(2026, 11, 24, 9, 0)), Held(At(2026, 11, 26, 9, 0)) };

        var health = Health(Werk, sessions, Monday23, Sunday29, At(2026, 11, 26, 12, 0));

        health.Coach.Should().BeEquivalentTo(new CoachFigures(Visits: 0, LastVisit: new LocalDate(2026, 11, 10), DaysSince: 16, Overdue: true));
        health.Warnings.Should().Contain(Phrase.Of("rhythm.coachOverdue", 16));
        health.RhythmHolds.Should().BeFalse();

        var twoWeeks = Health(Werk, sessions, Monday23, Sunday29, At(2026, 11, 24, 12, 0));
        twoWeeks.Coach.Overdue.Should().BeFalse("14 days is the interval itself");
    }

    [Fact]
    public void a_coach_in_a_session_of_the_period_is_a_visit_and_a_team_never_coached_is_overdue_after_its_interval()
    {
        var coached = Health(Werk, [Held(At(2026, 11, 24, 9, 0), coach: true)], Monday23, Sunday29, At(2026, 11, 27, 12, 0));
        coached.Coach.Should().BeEquivalentTo(new CoachFigures(1, new LocalDate(2026, 11, 24), 3, false));
        coached.Slots[0].CoachPresent.Should().BeTrue();

        var never = Health(Werk, [], Monday23, Sunday29, At(2026, 11, 27, 12, 0));
        never.Coach.Overdue.Should().BeTrue();
        never.Warnings.Should().Contain(Phrase.Of("rhythm.coachNeverSeen"));
    }

    private static readonly Guid TrackId = Guid.NewGuid();

    private static Track Track(params object[] events)
    {
        var track = Obeya.Domain.Tracks.Track.From(new TrackStarted(TrackId, TeamId, "Doorlooptijd", "Binnen 4 weken aan het werk", "Emmy", At(2026, 11, 2, 9, 0)));
        return events.Aggregate(track, (t, e) => t.With(e));
    }

    private static SmallStepAgreed Step(Guid id, LocalDate due, int sessionsAhead, Instant at) =>
        new(TrackId, id, "Klantbeeld maken", Sander, "Sander", due, sessionsAhead, "Emmy", at);

    [Fact]
    public void steps_done_by_their_due_date_overdue_now_and_the_share_agreed_too_big()
    {
        Guid onTime = Guid.NewGuid(), late = Guid.NewGuid(), open = Guid.NewGuid(), dropped = Guid.NewGuid(), big = Guid.NewGuid();
        var track = Track(
            Step(onTime, new LocalDate(2026, 11, 24), 1, At(2026, 11, 19, 9, 20)),
            Step(late, new LocalDate(2026, 11, 24), 1, At(2026, 11, 19, 9, 20)),
            Step(open, new LocalDate(2026, 11, 26), 2, At(2026, 11, 24, 9, 20)),
            Step(dropped, new LocalDate(2026, 11, 26), 2, At(2026, 11, 24, 9, 20)),
            Step(big, new LocalDate(2026, 12, 10), 5, At(2026, 11, 24, 9, 20)),
            new SmallStepDone(TrackId, onTime, "Sander", At(2026, 11, 24, 8, 0)),
            new SmallStepDone(TrackId, late, "Sander", At(2026, 11, 25, 16, 0)),
            new SmallStepDropped(TrackId, dropped, "niet meer nodig", "Emmy", At(2026, 11, 25, 9, 0)));

        var health = Health(Werk, [], Monday23, Sunday29, At(2026, 11, 27, 12, 0), track);

        // Due in the week and past: on time, late and open (the dropped one was dropped before its day).
        health.Steps.Should().Be(new StepFigures(Due: 3, DoneByDue: 1, Overdue: 1, Agreed: 3, TooBig: 1));
        health.Warnings.Should().Contain(Phrase.Of("rhythm.oneStepOverdue"));
    }

    [Fact]
    public void as_of_an_earlier_moment_a_step_done_later_was_still_open_and_later_steps_do_not_exist_yet()
    {
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();
        var track = Track(
            Step(first, new LocalDate(2026, 11, 24), 1, At(2026, 11, 19, 9, 20)),
            Step(second, new LocalDate(2026, 11, 20), 1, At(2026, 11, 27, 9, 20)),
            new SmallStepDone(TrackId, first, "Sander", At(2026, 11, 27, 9, 0)));

        var wednesday = Health(Werk, [], Monday23, Sunday29, At(2026, 11, 25, 12, 0), track);
        wednesday.Steps.Should().Be(new StepFigures(Due: 1, DoneByDue: 0, Overdue: 1, Agreed: 0, TooBig: 0));

        var now = Health(Werk, [], Monday23, Sunday29, At(2026, 11, 27, 12, 0), track);
        now.Steps.Overdue.Should().Be(1, "the first is done, the second was agreed with a date already past");
    }

    [Fact]
    public void pdca_cycles_per_week_days_in_focus_and_days_since_the_board_changed()
    {
        Guid obstacle = Guid.NewGuid(), first = Guid.NewGuid(), second = Guid.NewGuid();
        var track = Track(
            new ObstacleAdded(TrackId, obstacle, "Klantbeeld ontbreekt", "Emmy", At(2026, 11, 3, 9, 10)),
            new ObstacleFocused(TrackId, obstacle, "Emmy", At(2026, 11, 3, 9, 11)),
            new ExperimentPlanned(TrackId, first, obstacle, new LocalDate(2026, 11, 10), "Klantbeeld bij 5 verwijzingen", "4 van 5 sneller", "Emmy", At(2026, 11, 10, 9, 10)),
            new ExperimentResultRecorded(TrackId, first, "3 van 5", "Het formulier is te lang", false, "Emmy", At(2026, 11, 17, 9, 10)),
            new ExperimentPlanned(TrackId, second, obstacle, new LocalDate(2026, 11, 17), "Kort formulier", "5 van 5", "Emmy", At(2026, 11, 17, 9, 20)),
            new ExperimentResultRecorded(TrackId, second, "5 van 5", "Kort werkt", true, "Emmy", At(2026, 11, 19, 9, 10)));

        var health = Health(Werk, [], new LocalDate(2026, 11, 16), Sunday29, At(2026, 11, 27, 12, 0), track);

        health.Board.Should().Be(new BoardFigures(Cycles: 2, CyclesPerWeek: 1m, ObstacleInFocusDays: 24, ObstacleInFocus: "Klantbeeld ontbreekt", DaysSinceBoardChanged: 8));
        health.Warnings.Should().Contain(Phrase.Of("rhythm.staleBoard", 8));
        health.Warnings.Should().NotContain(w => w.Key == "rhythm.obstacleStuck", "24 days is within the default four weeks");
        var impatient = Werk.With(new RhythmThresholdsChanged(TeamId, RhythmThresholds.Default with { ObstacleInFocusDays = 21 }, "Emmy", At(2026, 11, 27, 12, 0)));
        Health(impatient, [], new LocalDate(2026, 11, 16), Sunday29, At(2026, 11, 27, 12, 0), track).Warnings
            .Should().Contain(Phrase.Of("rhythm.obstacleStuck", 24, "Klantbeeld ontbreekt"));
    }

    [Fact]
    public void two_sessions_not_held_within_two_weeks_is_a_warning_and_a_team_that_keeps_its_rhythm_has_none()
    {
        var asOf = At(2026, 11, 27, 12, 0);
        var track = Track(new ChallengeRephrased(TrackId, "Binnen 3 weken aan het werk", "Emmy", At(2026, 11, 26, 9, 10)));
        var held = new[] { Held(At(2026, 11, 17, 9, 0)), Held(At(2026, 11, 19, 9, 0), coach: true), Held(At(2026, 11, 24, 9, 0)), Held(At(2026, 11, 26, 9, 0)) };

        Health(Werk, held, new LocalDate(2026, 11, 16), Sunday29, asOf, track).Warnings.Should().BeEmpty();

        var slipping = Health(Werk, held[..2], new LocalDate(2026, 11, 16), Sunday29, asOf, track);
        slipping.Warnings.Should().Equal(Phrase.Of("rhythm.sessionsMissed", 2, 14));
    }

    [Fact]
    public void the_calendar_shows_twelve_weeks_from_monday_to_sunday_up_to_this_week()
    {
        var health = CadenceHealth.Recent(Werk, [], [], At(2026, 11, 26, 12, 0));

        health.From.Should().Be(new LocalDate(2026, 9, 7));
        health.To.Should().Be(Sunday29);
        // The team began on Thursday 1 October: that day, then two a week for the eight weeks after it.
        health.Slots.First().Date.Should().Be(new LocalDate(2026, 10, 1));
        health.Slots.Should().HaveCount(17);
    }

    [Fact]
    public void a_period_that_ends_before_it_starts_or_is_longer_than_a_year_is_refused()
    {
        var backwards = () => Health(Werk, [], Sunday29, Monday23, At(2026, 11, 27, 12, 0));
        backwards.Should().Throw<DomainException>().Which.Field.Should().Be("to");

        var long_ = () => Health(Werk, [], new LocalDate(2025, 1, 1), Sunday29, At(2026, 11, 27, 12, 0));
        long_.Should().Throw<DomainException>().Which.Field.Should().Be("from");
    }

    [Fact]
    public void another_teams_sessions_and_tracks_do_not_count()
    {
        var other = Guid.NewGuid();
        var health = Health(Werk, [Held(At(2026, 11, 24, 9, 0), team: other)], Monday23, Sunday29, At(2026, 11, 27, 12, 0));

        health.Sessions.Held.Should().Be(0);
    }
}
