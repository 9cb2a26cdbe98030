using NodaTime;
using NodaTime.Testing;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Teams;

public class TeamTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);

    [Fact]
    public void a_new_team_meets_on_tuesday_and_thursday_for_30_minutes_in_amsterdam_by_default()
    {
        var created = TeamDecisions.Create(new CreateTeam(Guid.NewGuid(), " Team Werk ", null), "Emmy", Now);

        created.Name.Should().Be("Team Werk");
        created.Cadence.Days.Should().Equal(IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday);
        created.Cadence.DurationMinutes.Should().Be(30);
        created.Cadence.TimeZone.Should().Be("Europe/Amsterdam");
        created.By.Name.Should().Be("Emmy");
        created.At.Should().Be(Now);
    }

    [Theory]
    [InlineData(0, "Europe/Amsterdam", "cadence.days")]
    [InlineData(2, "Mars/Olympus", "cadence.timeZone")]
    public void a_cadence_needs_days_and_a_known_zone(int dayCount, string zone, string field)
    {
        var days = new[] { IsoDayOfWeek.Tuesday, IsoDayOfWeek.Thursday }.Take(dayCount).ToList();
        var act = () => TeamDecisions.Create(new CreateTeam(Guid.NewGuid(), "Team", new SessionCadence(days, new LocalTime(9, 0), 30, zone)), "Emmy", Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == field);
    }

    [Fact]
    public void a_session_lasts_between_5_and_240_minutes()
    {
        var act = () => TeamDecisions.Create(new CreateTeam(Guid.NewGuid(), "Team", SessionCadence.Default with { DurationMinutes = 600 }), "Emmy", Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "cadence.durationMinutes");
    }

    [Fact]
    public void a_member_name_is_unique_within_the_team()
    {
        var team = Team.From(TeamDecisions.Create(new CreateTeam(Guid.NewGuid(), "Team Werk", null), "Emmy", Now));
        team = team.With(TeamDecisions.AddMember(team, new AddTeamMember(Guid.NewGuid(), "Sander", null), "Emmy", Now));

        var act = () => TeamDecisions.AddMember(team, new AddTeamMember(Guid.NewGuid(), "sander", null), "Emmy", Now);

        act.Should().Throw<DomainException>().Where(e => e.Refusal == Refusal.Conflict && e.Field == "name");
        team.Members.Should().ContainSingle(m => m.Name == "Sander");
    }

    [Fact]
    public void the_next_session_is_the_next_cadence_day_at_its_time_in_the_teams_zone()
    {
        // Monday 23 November 2026, 09:00 in Amsterdam (08:00 UTC): the next session is Tuesday 09:00 CET.
        var next = SessionCadence.Default.NextSessionStart(Now);

        next.LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 24, 9, 0));
        next.Zone.Id.Should().Be("Europe/Amsterdam");
    }

    [Fact]
    public void a_session_later_today_is_the_next_one()
    {
        var tuesdayEarly = new FakeClock(Instant.FromUtc(2026, 11, 24, 6, 0)).GetCurrentInstant();

        SessionCadence.Default.NextSessionStart(tuesdayEarly).LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 24, 9, 0));
    }
}
