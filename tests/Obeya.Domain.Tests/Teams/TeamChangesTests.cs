using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Teams;

public class TeamChangesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    private const string By = "Emmy";

    private static readonly Guid Sander = Guid.NewGuid();
    private static readonly Guid Karin = Guid.NewGuid();

    private static Team NewTeam() => Team.From(TeamDecisions.Create(new CreateTeam(Guid.NewGuid(), "Team Werk", null), By, Now));

    private static Team WithSanderAndCoachKarin()
    {
        var team = NewTeam();
        team = team.With(TeamDecisions.AddMember(team, new AddTeamMember(Sander, "Sander", null), By, Now));
        return team.With(TeamDecisions.AssignCoach(team, new AssignCoach(Karin, "Karin", "karin@gemeente.nl"), By, Now));
    }

    // Coaches

    [Fact]
    public void a_coach_is_assigned_and_is_not_a_member()
    {
        var team = NewTeam();

        var assigned = TeamDecisions.AssignCoach(team, new AssignCoach(Karin, " Karin ", " karin@gemeente.nl "), By, Now);

        assigned.Should().Be(new CoachAssigned(team.Id, Karin, "Karin", "karin@gemeente.nl", By, Now));
        team = team.With(assigned);
        team.Coaches.Should().Equal(new TeamMember(Karin, "Karin", "karin@gemeente.nl"));
        team.Members.Should().BeEmpty();
        team.Member(Karin).Should().BeNull();
    }

    [Fact]
    public void a_coach_name_is_unique_within_the_team()
    {
        var team = WithSanderAndCoachKarin();

        FluentActions.Invoking(() => TeamDecisions.AssignCoach(team, new AssignCoach(Guid.NewGuid(), "KARIN", null), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "name" && e.Refusal == Refusal.Conflict)
            .WithMessage("team.alreadyCoach(KARIN)");
    }

    [Fact]
    public void a_coach_email_must_be_an_email_address() =>
        FluentActions.Invoking(() => TeamDecisions.AssignCoach(NewTeam(), new AssignCoach(Karin, "Karin", "karin bij gemeente"), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "email" && e.Refusal == Refusal.Invalid);

    [Fact]
    public void a_coach_needs_a_name() =>
        FluentActions.Invoking(() => TeamDecisions.AssignCoach(NewTeam(), new AssignCoach(Karin, " ", null), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "name" && e.Refusal == Refusal.Invalid);

    // Name

    [Fact]
    public void a_team_is_renamed()
    {
        var team = NewTeam();

        var renamed = TeamDecisions.Rename(team, new RenameTeam(" Team Werk Noord "), By, Now);

        renamed.Should().Be(new TeamRenamed(team.Id, "Team Werk Noord", By, Now));
        team.With(renamed).Name.Should().Be("Team Werk Noord");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void a_team_keeps_a_name(string? name) =>
        FluentActions.Invoking(() => TeamDecisions.Rename(NewTeam(), new RenameTeam(name!), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "name" && e.Refusal == Refusal.Invalid);

    [Fact]
    public void a_team_name_is_at_most_200_characters() =>
        FluentActions.Invoking(() => TeamDecisions.Rename(NewTeam(), new RenameTeam(new string('a', 201)), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "name" && e.Refusal == Refusal.Invalid);

    // Cadence

    [Fact]
    public void a_changed_cadence_is_validated_and_its_days_put_in_order()
    {
        var team = NewTeam();
        var cadence = new SessionCadence([IsoDayOfWeek.Friday, IsoDayOfWeek.Monday, IsoDayOfWeek.Friday], new LocalTime(8, 45), 15, "Europe/Amsterdam");

        var changed = TeamDecisions.ChangeCadence(team, new ChangeCadence(cadence), By, Now);

        changed.Cadence.Days.Should().Equal(IsoDayOfWeek.Monday, IsoDayOfWeek.Friday);
        team = team.With(changed);
        team.Cadence.Days.Should().Equal(IsoDayOfWeek.Monday, IsoDayOfWeek.Friday);
        team.Cadence.StartsAt.Should().Be(new LocalTime(8, 45));
        team.Cadence.DurationMinutes.Should().Be(15);
    }

    [Fact]
    public void a_cadence_in_an_unknown_zone_is_refused() =>
        FluentActions.Invoking(() => TeamDecisions.ChangeCadence(
                NewTeam(), new ChangeCadence(SessionCadence.Default with { TimeZone = "Europe/Atlantis" }), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "cadence.timeZone" && e.Refusal == Refusal.Invalid);

    [Fact]
    public void a_cadence_without_a_zone_is_refused() =>
        FluentActions.Invoking(() => TeamDecisions.ChangeCadence(
                NewTeam(), new ChangeCadence(SessionCadence.Default with { TimeZone = null! }), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "cadence.timeZone");

    [Fact]
    public void a_cadence_on_no_real_day_is_refused() =>
        FluentActions.Invoking(() => TeamDecisions.ChangeCadence(
                NewTeam(), new ChangeCadence(SessionCadence.Default with { Days = [IsoDayOfWeek.None] }), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "cadence.days");

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(240, true)]
    [InlineData(241, false)]
    public void a_session_lasts_between_5_and_240_minutes_inclusive(int minutes, bool accepted)
    {
        var act = () => TeamDecisions.ChangeCadence(NewTeam(), new ChangeCadence(SessionCadence.Default with { DurationMinutes = minutes }), By, Now);

        if (accepted)
        {
            act().Cadence.DurationMinutes.Should().Be(minutes);
        }
        else
        {
            act.Should().Throw<DomainException>().Where(e => e.Field == "cadence.durationMinutes");
        }
    }

    [Fact]
    public void a_cadence_change_needs_a_cadence() =>
        FluentActions.Invoking(() => TeamDecisions.ChangeCadence(NewTeam(), new ChangeCadence(null!), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "cadence" && e.Refusal == Refusal.Invalid);

    // Names of people

    [Fact]
    public void name_of_finds_members_and_coaches_and_nobody_else()
    {
        var team = WithSanderAndCoachKarin();

        team.NameOf(Sander).Should().Be("Sander");
        team.NameOf(Karin).Should().Be("Karin");
        team.NameOf(Guid.NewGuid()).Should().BeNull();
    }
}
