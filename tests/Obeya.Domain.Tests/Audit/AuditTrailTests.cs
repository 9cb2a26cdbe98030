using NodaTime;
using Obeya.Domain.Audit;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;

namespace Obeya.Domain.Tests.Audit;

public class AuditTrailTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly Guid TeamId = Guid.NewGuid();
    private static readonly Guid TrackId = Guid.NewGuid();
    private static readonly Guid SessionId = Guid.NewGuid();
    private static readonly Guid ScreenId = Guid.NewGuid();
    private static readonly Guid Sander = Guid.NewGuid();

    private static Instant At(int hours) => Monday.Plus(Duration.FromHours(hours));

    private static string? Title(Guid id) => id == TrackId ? "Klantgesprek" : null;

    private static string? Screen(Guid id) => id == ScreenId ? "Scherm teamkamer" : null;

    private static (string Action, string? Board) Told(object e) => (AuditTrail.Describe(e, Title, Screen), AuditTrail.BoardOf(e));

    [Fact]
    public void team_session_and_wall_screen_events_are_dutch_sentences_on_their_own_board()
    {
        Told(new TeamCreated(TeamId, "Team Werk", SessionCadence.Default, "Fatima", At(0)))
            .Should().Be(("maakte het team 'Team Werk' aan", "team"));
        Told(new TeamMemberAdded(TeamId, Sander, "Sander", null, "Fatima", At(0))).Should().Be(("voegde Sander toe als teamlid", "team"));
        Told(new CoachAssigned(TeamId, Guid.NewGuid(), "Marieke", null, "Fatima", At(0))).Should().Be(("wees Marieke aan als coach", "team"));
        Told(new SessionStarted(SessionId, TeamId, TrackId, 30, "Emmy", At(25)))
            .Should().Be(("startte een sessie van 30 minuten bij 'Klantgesprek'", "sessie"));
        Told(new AttendanceMarked(SessionId, TeamId, Sander, "Sander", true, "Emmy", At(25))).Should().Be(("noteerde Sander als aanwezig", "sessie"));
        Told(new CoachingConversationRecorded(SessionId, TeamId, Guid.NewGuid(), "Marieke", [new(1, "Meer gesprekken"), new(3, "Reden")], "Marieke", At(25)))
            .Should().Be(("legde het coachingsgesprek met Marieke vast (2 antwoorden)", "sessie"));
        Told(new CoachingAnswerSaved(SessionId, TeamId, Guid.NewGuid(), "Marieke", 3, "Reden", "Marieke", At(25)))
            .Should().Be(("legde het antwoord van Marieke op coachingsvraag 3 vast", "sessie"));
        Told(new CoachingAnswerSaved(SessionId, TeamId, Guid.NewGuid(), "Marieke", 3, null, "Marieke", At(25)))
            .Should().Be(("haalde het antwoord van Marieke op coachingsvraag 3 weg", "sessie"));
        Told(new SessionEnded(SessionId, TeamId, "Emmy", At(26))).Should().Be(("sloot de sessie af", "sessie"));
        Told(new WallScreenCreated(ScreenId, TeamId, "Scherm teamkamer", [new(WallBoard.Track, TrackId)], 30, "hash", "Fatima", At(48)))
            .Should().Be(("maakte het wandscherm 'Scherm teamkamer' voor 1 bord", "wandscherm"));
        Told(new WallScreenRevoked(ScreenId, TeamId, "Fatima", At(49))).Should().Be(("trok het wandscherm 'Scherm teamkamer' in", "wandscherm"));
        Told(new TeamRenamed(TeamId, "Team Werk & Inkomen", "Fatima", At(49))).Should().Be(("gaf het team de naam 'Team Werk & Inkomen'", "team"));
        Told(new TeamCadenceChanged(TeamId, SessionCadence.Default with { Days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday] }, "Fatima", At(50)))
            .Should().Be(("zette de sessies op maandag en donderdag om 09:00, 30 minuten", "team"));
    }

    [Fact]
    public void a_session_at_a_track_nobody_can_name_any_more_still_reads()
    {
        Told(new SessionStarted(SessionId, TeamId, Guid.NewGuid(), 30, "Emmy", At(25))).Action.Should().Be("startte een sessie van 30 minuten");
    }

    [Fact]
    public void track_events_are_not_the_audit_trails_to_tell_but_their_historys()
    {
        AuditTrail.BoardOf(new ObstacleAdded(TrackId, Guid.NewGuid(), "Wachttijd", "Emmy", At(1))).Should().BeNull();
    }

    [Fact]
    public void an_entry_is_told_with_the_name_the_reader_should_see()
    {
        var entry = new AuditEntry(5, At(1), new Actor(Guid.NewGuid(), "Emmy"), "voegde obstakel 'Wachttijd' toe", "Klantgesprek");

        entry.SentenceAs("voormalig medewerker").Should().Be("voormalig medewerker voegde obstakel 'Wachttijd' toe");
    }
}
