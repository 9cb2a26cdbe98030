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
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private static readonly Guid TeamId = Guid.NewGuid();
    private static readonly Guid TrackId = Guid.NewGuid();
    private static readonly Guid SessionId = Guid.NewGuid();
    private static readonly Guid ScreenId = Guid.NewGuid();
    private static readonly Guid ObstacleId = Guid.NewGuid();
    private static readonly Guid Sander = Guid.NewGuid();

    private static Instant At(int hours) => Monday.Plus(Duration.FromHours(hours));

    /// <summary>A team's first days across its four kinds of stream, each event with its global sequence.</summary>
    private static IReadOnlyList<AuditSource> Story { get; } =
    [
        new(1, TeamId, new TeamCreated(TeamId, "Team Werk", SessionCadence.Default, "Fatima", At(0))),
        new(2, TeamId, new TeamMemberAdded(TeamId, Sander, "Sander", null, "Fatima", At(0))),
        new(3, TeamId, new CoachAssigned(TeamId, Guid.NewGuid(), "Marieke", null, "Fatima", At(0))),
        new(4, TrackId, new TrackStarted(TrackId, TeamId, "Klantgesprek", "Elk gesprek helpt", "Emmy", At(1))),
        new(5, TrackId, new ObstacleAdded(TrackId, ObstacleId, "Terugmeldingen zonder reden", "Emmy", At(1))),
        new(6, SessionId, new SessionStarted(SessionId, TeamId, TrackId, 30, "Emmy", At(25))),
        new(7, SessionId, new AttendanceMarked(SessionId, TeamId, Sander, "Sander", true, "Emmy", At(25))),
        new(8, TrackId, new ObstacleRephrased(TrackId, ObstacleId, "Terugmeldingen zonder opgegeven reden", "Sander", At(25))),
        new(9, SessionId, new CoachingConversationRecorded(SessionId, TeamId, Guid.NewGuid(), "Marieke", [new(1, "Meer gesprekken"), new(3, "Reden")], "Marieke", At(25))),
        new(10, SessionId, new SessionEnded(SessionId, TeamId, "Emmy", At(26))),
        new(11, ScreenId, new WallScreenCreated(ScreenId, TeamId, "Scherm teamkamer", [new(WallBoard.Track, TrackId)], 30, "hash", "Fatima", At(48))),
        new(12, ScreenId, new WallScreenRevoked(ScreenId, TeamId, "Fatima", At(49))),
        new(13, TeamId, new TeamRenamed(TeamId, "Team Werk & Inkomen", "Fatima", At(49))),
        new(14, TeamId, new TeamCadenceChanged(TeamId, SessionCadence.Default with { Days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday] }, "Fatima", At(50))),
    ];

    [Fact]
    public void every_event_of_every_stream_appears_once_in_sequence_order()
    {
        var entries = AuditTrail.Of(Story.Reverse());

        entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 14).Select(i => (long)i));
        entries[4].Should().Be(new AuditEntry(5, At(1), "Emmy", "Emmy voegde obstakel 'Terugmeldingen zonder reden' toe", "Klantgesprek"));
    }

    [Fact]
    public void track_events_read_as_the_track_history_does_even_when_other_streams_interleave()
    {
        var entries = AuditTrail.Of(Story);
        var history = TrackHistory.Of([.. Story.Where(s => s.StreamId == TrackId).Select(s => s.Data)]);

        entries.Where(e => e.Board == "Klantgesprek").Select(e => e.What).Should().Equal(history.Select(h => h.Sentence));
        entries.Single(e => e.Sequence == 8).What.Should()
            .Be("Sander herformuleerde obstakel 'Terugmeldingen zonder reden' als 'Terugmeldingen zonder opgegeven reden'");
    }

    [Fact]
    public void a_track_is_known_by_the_stream_it_was_started_in()
    {
        var streamId = Guid.NewGuid();
        var entries = AuditTrail.Of(
        [
            new(1, streamId, new TrackStarted(TrackId, TeamId, "Klantgesprek", "Elk gesprek helpt", "Emmy", At(1))),
            new(2, streamId, new ObstacleAdded(TrackId, ObstacleId, "Wachttijd", "Emmy", At(1))),
        ]);

        entries.Select(e => (e.What, e.Board)).Should().Equal(
            ("Emmy startte het verbetertraject 'Klantgesprek' met de uitdaging 'Elk gesprek helpt'", "Klantgesprek"),
            ("Emmy voegde obstakel 'Wachttijd' toe", "Klantgesprek"));
    }

    [Fact]
    public void team_session_and_wall_screen_events_are_dutch_sentences_on_their_own_board()
    {
        var said = AuditTrail.Of(Story).ToDictionary(e => e.Sequence, e => (e.What, e.Board));

        said[1].Should().Be(("Fatima maakte het team 'Team Werk' aan", "team"));
        said[2].Should().Be(("Fatima voegde Sander toe als teamlid", "team"));
        said[3].Should().Be(("Fatima wees Marieke aan als coach", "team"));
        said[6].Should().Be(("Emmy startte een sessie van 30 minuten bij 'Klantgesprek'", "sessie"));
        said[7].Should().Be(("Emmy noteerde Sander als aanwezig", "sessie"));
        said[9].Should().Be(("Marieke legde het coachingsgesprek met Marieke vast (2 antwoorden)", "sessie"));
        said[10].Should().Be(("Emmy sloot de sessie af", "sessie"));
        said[11].Should().Be(("Fatima maakte het wandscherm 'Scherm teamkamer' voor 1 bord", "wandscherm"));
        said[12].Should().Be(("Fatima trok het wandscherm 'Scherm teamkamer' in", "wandscherm"));
        said[13].Should().Be(("Fatima gaf het team de naam 'Team Werk & Inkomen'", "team"));
        said[14].Should().Be(("Fatima zette de sessies op maandag en donderdag om 09:00, 30 minuten", "team"));
    }

    [Fact]
    public void a_filter_takes_whole_days_in_the_teams_zone_and_matches_who_and_board_ignoring_case()
    {
        var entries = AuditTrail.Of(Story);

        // 23:30 UTC on Monday is already Tuesday in Amsterdam.
        var lateMonday = new AuditEntry(99, Instant.FromUtc(2026, 11, 23, 23, 30), "Emmy", "Emmy sloot de sessie af", "sessie");
        new AuditFilter(From: new LocalDate(2026, 11, 24), To: new LocalDate(2026, 11, 24)).Apply([lateMonday], Amsterdam).Should().HaveCount(1);

        new AuditFilter(From: new LocalDate(2026, 11, 24), To: new LocalDate(2026, 11, 24)).Apply(entries, Amsterdam)
            .Select(e => e.Sequence).Should().Equal(6, 7, 8, 9, 10);
        new AuditFilter(Who: " emmy ").Apply(entries, Amsterdam).Should().OnlyContain(e => e.Who == "Emmy").And.HaveCount(5);
        new AuditFilter(Board: "SESSIE", Who: "Marieke").Apply(entries, Amsterdam).Select(e => e.Sequence).Should().Equal(9);
        new AuditFilter(Board: "klantgesprek").Apply(entries, Amsterdam).Select(e => e.Sequence).Should().Equal(4, 5, 8);
        new AuditFilter().Apply(entries, Amsterdam).Should().HaveCount(14);
    }
}
