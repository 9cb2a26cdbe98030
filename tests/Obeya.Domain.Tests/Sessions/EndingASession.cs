using Obeya.Domain.Sessions;

namespace Obeya.Domain.Tests.Sessions;

public class EndingASession : SessionSpecification
{
    [Fact]
    public void a_session_with_someone_present_ends_and_keeps_its_record()
    {
        var session = Given(Marked(Sander), Marked(Fatima, present: false), Coached);
        var later = Now.Plus(NodaTime.Duration.FromMinutes(25));

        var ended = SessionDecisions.End(session, By, later);

        ended.Should().Be(new SessionEnded(SessionId, TeamId, By, later));
        session = session.With(ended);
        session.IsOpen.Should().BeFalse();
        session.EndedAt.Should().Be(later);
        session.Attendance.Should().HaveCount(2);
        session.Coaching.Should().NotBeNull();
    }

    [Fact]
    public void a_session_without_attendance_does_not_end() =>
        FluentActions.Invoking(() => SessionDecisions.End(Given(), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "attendance" && e.Refusal == Refusal.Conflict);

    [Fact]
    public void a_session_where_everyone_was_absent_does_not_end() =>
        FluentActions.Invoking(() => SessionDecisions.End(Given(Marked(Sander, present: false)), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "attendance" && e.Refusal == Refusal.Conflict);

    [Fact]
    public void a_session_ends_once() =>
        FluentActions.Invoking(() => SessionDecisions.End(Given(Marked(Sander), Ended), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "session" && e.Refusal == Refusal.Conflict);

    [Fact]
    public void after_the_end_a_new_session_can_start() =>
        SessionDecisions.Start(TeamWerk, new StartSession(Guid.NewGuid(), null), openSession: null, track: null, By, Now)
            .TeamId.Should().Be(TeamId);
}
