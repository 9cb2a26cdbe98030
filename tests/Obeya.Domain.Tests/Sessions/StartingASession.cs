using Obeya.Domain.Sessions;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Sessions;

public class StartingASession : SessionSpecification
{
    private static readonly Track TrackOfTeamWerk = Track.From(new TrackStarted(Guid.NewGuid(), TeamId, "Klantgesprek", "Elk gesprek helpt", By, Now));

    [Fact]
    public void a_session_starts_for_a_team_timeboxed_by_its_cadence()
    {
        var started = SessionDecisions.Start(TeamWerk, new StartSession(SessionId, null), openSession: null, track: null, By, Now);

        started.Should().Be(new SessionStarted(SessionId, TeamId, null, 20, By, Now));
        var session = Session.From(started);
        session.IsOpen.Should().BeTrue();
        session.EndedAt.Should().BeNull();
        session.Attendance.Should().BeEmpty();
        session.Coaching.Should().BeNull();
        session.TimeboxEndsAt.Should().Be(Now.Plus(NodaTime.Duration.FromMinutes(20)));
    }

    [Fact]
    public void a_session_can_be_held_at_one_of_the_teams_tracks()
    {
        var started = SessionDecisions.Start(TeamWerk, new StartSession(SessionId, TrackOfTeamWerk.Id), null, TrackOfTeamWerk, By, Now);

        started.TrackId.Should().Be(TrackOfTeamWerk.Id);
        Session.From(started).TrackId.Should().Be(TrackOfTeamWerk.Id);
    }

    [Fact]
    public void a_track_that_does_not_exist_is_refused() =>
        FluentActions.Invoking(() => SessionDecisions.Start(TeamWerk, new StartSession(SessionId, Guid.NewGuid()), null, track: null, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackId" && e.Refusal == Refusal.NotFound);

    [Fact]
    public void a_track_of_another_team_is_refused()
    {
        var other = Track.From(new TrackStarted(Guid.NewGuid(), Guid.NewGuid(), "Ander bord", "Iets anders", By, Now));

        FluentActions.Invoking(() => SessionDecisions.Start(TeamWerk, new StartSession(SessionId, other.Id), null, other, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackId" && e.Refusal == Refusal.NotFound);
    }

    [Fact]
    public void a_team_holds_at_most_one_open_session() =>
        FluentActions.Invoking(() => SessionDecisions.Start(TeamWerk, new StartSession(Guid.NewGuid(), null), Given(), null, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "session" && e.Refusal == Refusal.Conflict)
            .WithMessage("session.alreadyRunning");

    [Fact]
    public void an_empty_id_is_refused() =>
        FluentActions.Invoking(() => SessionDecisions.Start(TeamWerk, new StartSession(Guid.Empty, null), null, null, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "id" && e.Refusal == Refusal.Invalid);

    [Fact]
    public void an_event_of_another_stream_is_not_applied() =>
        FluentActions.Invoking(() => Given().With(Started)).Should().Throw<ArgumentException>();
}
