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

    private static (Phrase Action, string? Board) Told(object e) => (AuditTrail.Describe(e, Title, Screen), AuditTrail.BoardOf(e));

    private static Phrase Said(string key, params object?[] values) => Phrase.Of($"audit.{key}", values);

    [Fact]
    public void team_session_and_wall_screen_events_are_phrases_on_their_own_board()
    {
        Told(new TeamCreated(TeamId, "Team Werk", SessionCadence.Default, "Fatima", At(0)))
            .Should().Be((Said("teamCreated", "Team Werk"), "team"));
        Told(new TeamMemberAdded(TeamId, Sander, "Sander", null, "Fatima", At(0))).Should().Be((Said("memberAdded", "Sander"), "team"));
        Told(new CoachAssigned(TeamId, Guid.NewGuid(), "Marieke", null, "Fatima", At(0))).Should().Be((Said("coachAssigned", "Marieke"), "team"));
        Told(new SessionStarted(SessionId, TeamId, TrackId, 30, "Emmy", At(25)))
            .Should().Be((Said("sessionStartedOnTrack", 30, "Klantgesprek"), "sessie"));
        Told(new AttendanceMarked(SessionId, TeamId, Sander, "Sander", true, "Emmy", At(25))).Should().Be((Said("attendanceMarked", "Sander", Said("present")), "sessie"));
        Told(new CoachingConversationRecorded(SessionId, TeamId, Guid.NewGuid(), "Marieke", [new(1, "Meer gesprekken"), new(3, "Reden")], "Marieke", At(25)))
            .Should().Be((Said("coachingRecorded", "Marieke", 2), "sessie"));
        Told(new CoachingAnswerSaved(SessionId, TeamId, Guid.NewGuid(), "Marieke", 3, "Reden", "Marieke", At(25)))
            .Should().Be((Said("coachingAnswerSaved", "Marieke", 3), "sessie"));
        Told(new CoachingAnswerSaved(SessionId, TeamId, Guid.NewGuid(), "Marieke", 3, null, "Marieke", At(25)))
            .Should().Be((Said("coachingAnswerRemoved", "Marieke", 3), "sessie"));
        Told(new SessionEnded(SessionId, TeamId, "Emmy", At(26))).Should().Be((Said("sessionEnded"), "sessie"));
        Told(new WallScreenCreated(ScreenId, TeamId, "Scherm teamkamer", [new(WallBoard.Track, TrackId)], 30, "hash", "Fatima", At(48)))
            .Should().Be((Said("wallScreenCreatedOne", "Scherm teamkamer", 1), "wandscherm"));
        Told(new WallScreenRevoked(ScreenId, TeamId, "Fatima", At(49))).Should().Be((Said("wallScreenRevoked", "Scherm teamkamer"), "wandscherm"));
        Told(new TeamRenamed(TeamId, "Team Werk & Inkomen", "Fatima", At(49))).Should().Be((Said("teamRenamed", "Team Werk & Inkomen"), "team"));
        Told(new TeamCadenceChanged(TeamId, SessionCadence.Default with { Days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday] }, "Fatima", At(50)))
            .Should().Be((Said("cadenceChanged", Said("and", Said("day.monday"), Said("day.thursday")), "09:00", 30), "team"));
    }

    [Fact]
    public void three_days_are_two_ands_in_the_order_of_the_week()
    {
        Told(new TeamCadenceChanged(TeamId, SessionCadence.Default with { Days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday] }, "Fatima", At(50)))
            .Action.Values[0].Should().Be(Said("and", Said("and", Said("day.monday"), Said("day.wednesday")), Said("day.friday")));
    }

    [Fact]
    public void a_session_at_a_track_nobody_can_name_any_more_still_reads()
    {
        Told(new SessionStarted(SessionId, TeamId, Guid.NewGuid(), 30, "Emmy", At(25))).Action.Should().Be(Said("sessionStarted", 30));
    }

    [Fact]
    public void track_events_are_not_the_audit_trails_to_tell_but_their_historys()
    {
        AuditTrail.BoardOf(new ObstacleAdded(TrackId, Guid.NewGuid(), "Wachttijd", "Emmy", At(1))).Should().BeNull();
    }
}
