using Obeya.Domain.Sessions;

namespace Obeya.Domain.Tests.Sessions;

public class Attendance : SessionSpecification
{
    [Fact]
    public void a_member_is_marked_present_by_name()
    {
        var session = Given();

        var marked = SessionDecisions.MarkAttendance(session, TeamWerk, new MarkAttendance(Sander, true), By, Now);

        marked.Should().Be(new AttendanceMarked(SessionId, TeamId, Sander, "Sander", true, By, Now));
        session = session.With(marked);
        session.Attendance.Should().Equal(new Attendee(Sander, "Sander", true));
        session.PresentCount.Should().Be(1);
    }

    [Fact]
    public void a_coach_is_marked_like_a_member() =>
        SessionDecisions.MarkAttendance(Given(), TeamWerk, new MarkAttendance(Coach, true), By, Now).PersonName.Should().Be("Marieke");

    [Fact]
    public void a_member_is_marked_absent() =>
        Given().With(SessionDecisions.MarkAttendance(Given(), TeamWerk, new MarkAttendance(Fatima, false), By, Now))
            .Attendance.Should().Equal(new Attendee(Fatima, "Fatima", false));

    [Fact]
    public void a_later_mark_corrects_the_earlier_one_in_its_place()
    {
        var session = Given(Marked(Sander, present: false), Marked(Fatima));

        session = session.With(SessionDecisions.MarkAttendance(session, TeamWerk, new MarkAttendance(Sander, true), By, Now));

        session.Attendance.Should().Equal(new Attendee(Sander, "Sander", true), new Attendee(Fatima, "Fatima", true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void the_same_mark_twice_is_refused(bool present) =>
        FluentActions.Invoking(() => SessionDecisions.MarkAttendance(Given(Marked(Sander, present)), TeamWerk, new MarkAttendance(Sander, present), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "personId" && e.Refusal == Refusal.Conflict)
            .WithMessage("session.already*(Sander)");

    [Fact]
    public void a_stranger_is_not_marked() =>
        FluentActions.Invoking(() => SessionDecisions.MarkAttendance(Given(), TeamWerk, new MarkAttendance(Guid.NewGuid(), true), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "personId" && e.Refusal == Refusal.Invalid)
            .WithMessage("session.onlyTeamAttends");

    [Fact]
    public void nobody_is_marked_after_the_session_ended() =>
        FluentActions.Invoking(() => SessionDecisions.MarkAttendance(Given(Marked(Sander), Ended), TeamWerk, new MarkAttendance(Fatima, true), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "session" && e.Refusal == Refusal.Conflict)
            .WithMessage("session.ended");
}
