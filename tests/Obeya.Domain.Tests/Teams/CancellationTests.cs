using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Teams;

/// <summary>Sessions cancelled with a reason: a day, or a holiday of up to three months.</summary>
public class CancellationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 8, 0);
    private static readonly Guid TeamId = Guid.NewGuid();
    private static readonly Team Werk = Team.From(new TeamCreated(TeamId, "Team Werk", SessionCadence.Default, "Emmy", Now));
    private static readonly LocalDate December21 = new(2026, 12, 21);

    private static SessionsCancelled Cancel(Team team, LocalDate from, LocalDate? to, string reason, Guid? id = null) =>
        TeamDecisions.CancelSessions(team, new CancelSessions(id ?? Guid.NewGuid(), from, to, reason), "Emmy", Now);

    [Fact]
    public void one_day_without_an_end_is_that_day_and_a_holiday_runs_to_its_last_day()
    {
        var day = Cancel(Werk, December21, null, " studiedag ");
        (day.From, day.To, day.Reason).Should().Be((December21, December21, "studiedag"));

        var holiday = Werk.With(Cancel(Werk, December21, new LocalDate(2027, 1, 3), "kerstvakantie"));
        holiday.Cancellations.Single().Covers(new LocalDate(2027, 1, 3)).Should().BeTrue();
        holiday.Cancellations.Single().Covers(new LocalDate(2027, 1, 4)).Should().BeFalse();
    }

    [Theory]
    [InlineData(2026, 12, 20, "to")]     // before its first day
    [InlineData(2027, 3, 23, "to")]      // 93 days
    public void a_period_that_ends_before_it_starts_or_lasts_longer_than_a_quarter_is_refused(int year, int month, int day, string field)
    {
        var refused = () => Cancel(Werk, December21, new LocalDate(year, month, day), "vakantie");
        refused.Should().Throw<DomainException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void a_reason_is_required_and_a_date_outside_the_boards_range_is_refused()
    {
        ((Action)(() => Cancel(Werk, December21, null, "   "))).Should().Throw<DomainException>().Which.Field.Should().Be("reason");
        ((Action)(() => Cancel(Werk, new LocalDate(1999, 12, 31), null, "oud"))).Should().Throw<DomainException>().Which.Field.Should().Be("from");
    }

    [Fact]
    public void a_withdrawn_cancellation_plans_its_sessions_again_may_be_withdrawn_again_and_keeps_its_id()
    {
        var id = Guid.NewGuid();
        var cancelled = Werk.With(Cancel(Werk, December21, null, "studiedag", id));
        var withdrawn = cancelled.With(TeamDecisions.WithdrawCancellation(cancelled, new WithdrawCancellation(id), "Emmy", Now));

        withdrawn.Cancellations.Should().BeEmpty();
        TeamDecisions.WithdrawCancellation(withdrawn, new WithdrawCancellation(id), "Emmy", Now).CancellationId.Should().Be(id);
        ((Action)(() => Cancel(withdrawn, December21, null, "weer", id))).Should().Throw<DomainException>().Which.Field.Should().Be("id");
        ((Action)(() => TeamDecisions.WithdrawCancellation(withdrawn, new WithdrawCancellation(Guid.NewGuid()), "Emmy", Now)))
            .Should().Throw<DomainException>().Which.Field.Should().Be("cancellationId");
    }

    [Theory]
    [InlineData(-1, 14, 7, 28, "thresholds.onTimeMinutes")]
    [InlineData(5, 0, 7, 28, "thresholds.coachIntervalDays")]
    [InlineData(5, 14, 91, 28, "thresholds.staleBoardDays")]
    [InlineData(5, 14, 7, 366, "thresholds.obstacleInFocusDays")]
    public void thresholds_outside_their_range_are_refused_by_name(int onTime, int coach, int stale, int inFocus, string field)
    {
        var refused = () => TeamDecisions.ChangeRhythmThresholds(Werk, new ChangeRhythmThresholds(new RhythmThresholds(onTime, coach, stale, inFocus)), "Emmy", Now);
        refused.Should().Throw<DomainException>().Which.Field.Should().Be(field);
    }
}
