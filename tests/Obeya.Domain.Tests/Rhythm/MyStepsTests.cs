using NodaTime;
using Obeya.Domain.Rhythm;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Rhythm;

/// <summary>Sander's open steps across the two teams he is in, nearest first, and nobody else's.</summary>
public class MyStepsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 8, 0);
    private static readonly Guid SanderInWerk = Guid.NewGuid(), SanderInInkomen = Guid.NewGuid(), Fatima = Guid.NewGuid();

    private static Team TeamOf(string name, params (Guid Id, string Name, string? Email)[] members)
    {
        var id = Guid.NewGuid();
        return members.Aggregate(
            Team.From(new TeamCreated(id, name, SessionCadence.Default, "Emmy", Now)),
            (team, m) => team.With(new TeamMemberAdded(id, m.Id, m.Name, m.Email, "Emmy", Now)));
    }

    private static Track TrackOf(Team team, string title, params (Guid Owner, string Text, LocalDate Due, bool Done)[] steps)
    {
        var id = Guid.NewGuid();
        var track = Track.From(new TrackStarted(id, team.Id, title, "Sneller helpen", "Emmy", Now));
        foreach (var (owner, text, due, done) in steps)
        {
            var stepId = Guid.NewGuid();
            track = track.With(new SmallStepAgreed(id, stepId, text, owner, team.NameOf(owner)!, due, 1, "Emmy", Now));
            track = done ? track.With(new SmallStepDone(id, stepId, "Emmy", Now)) : track;
        }

        return track;
    }

    [Fact]
    public void the_open_steps_of_one_person_in_every_team_by_due_date_with_their_board()
    {
        var werk = TeamOf("Team Werk", (SanderInWerk, "Sander", "sander@werk.example.nl"), (Fatima, "Fatima", "fatima@werk.example.nl"));
        var inkomen = TeamOf("Team Inkomen", (SanderInInkomen, "Sander", "Sander@Werk.example.nl"));
        var tracks = new[]
        {
            TrackOf(werk, "Klantgesprek", (SanderInWerk, "Klantbeeld maken", new LocalDate(2026, 11, 26), false),
                (SanderInWerk, "Al klaar", new LocalDate(2026, 11, 20), true), (Fatima, "Van Fatima", new LocalDate(2026, 11, 19), false)),
            TrackOf(inkomen, "Aanvragen", (SanderInInkomen, "Formulier inkorten", new LocalDate(2026, 11, 20), false)),
        };

        MySteps.Of("sander@werk.example.nl", [werk, inkomen], tracks).Select(s => (s.TeamName, s.TrackTitle, s.Step.Text))
            .Should().Equal(("Team Inkomen", "Aanvragen", "Formulier inkorten"), ("Team Werk", "Klantgesprek", "Klantbeeld maken"));
    }

    [Fact]
    public void a_closed_board_a_team_one_is_not_in_and_an_unknown_address_give_none()
    {
        var werk = TeamOf("Team Werk", (SanderInWerk, "Sander", "sander@werk.example.nl"));
        var closed = TrackOf(werk, "Klaar", (SanderInWerk, "Nog open", new LocalDate(2026, 11, 26), false))
            .With(new TrackClosed(Guid.Empty, TrackOutcome.Stopped, "Gestopt", "Emmy", Now));

        MySteps.Of("sander@werk.example.nl", [werk], [closed]).Should().BeEmpty();
        MySteps.Of("iemand@werk.example.nl", [werk], [TrackOf(werk, "Open", (SanderInWerk, "Stap", new LocalDate(2026, 11, 26), false))]).Should().BeEmpty();
    }

    [Fact]
    public void a_step_is_overdue_by_its_own_teams_clock()
    {
        var amsterdam = TeamOf("Team Werk", (SanderInWerk, "Sander", "sander@werk.example.nl"));
        var auckland = TeamOf("Team Auckland", (SanderInInkomen, "Sander", "sander@werk.example.nl"));
        auckland = auckland.With(new TeamCadenceChanged(auckland.Id, SessionCadence.Default with { TimeZone = "Pacific/Auckland" }, "Emmy", Now));
        var due = new LocalDate(2026, 11, 24);
        var steps = MySteps.Of("sander@werk.example.nl", [amsterdam, auckland],
            [TrackOf(amsterdam, "Hier", (SanderInWerk, "Bellen", due, false)), TrackOf(auckland, "Daar", (SanderInInkomen, "Mailen", due, false))]);

        // Tuesday 24 November, 12:00 UTC: 13:00 that day in Amsterdam, already 01:00 on Wednesday in Auckland.
        var noon = Instant.FromUtc(2026, 11, 24, 12, 0);
        steps.Single(s => s.TeamName == "Team Werk").OverdueAt(noon).Should().BeFalse();
        steps.Single(s => s.TeamName == "Team Auckland").OverdueAt(noon).Should().BeTrue();
    }
}
