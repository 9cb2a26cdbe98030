using NodaTime;
using Obeya.Domain.Access;
using Obeya.Domain.Audit;
using Obeya.Domain.Programmes;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Teams;

public class RemovingPeopleTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    private const string By = "Anna";

    private static readonly Guid Sander = Guid.NewGuid();
    private static readonly Guid Karin = Guid.NewGuid();

    private static Team Team()
    {
        var id = Guid.NewGuid();
        return Obeya.Domain.Teams.Team.From(new TeamCreated(id, "Team Werk", SessionCadence.Default, By, Now))
            .With(new TeamMemberAdded(id, Sander, "Sander", "sander@werk.nl", By, Now))
            .With(new CoachAssigned(id, Karin, "Karin", "karin@werk.nl", By, Now));
    }

    [Fact]
    public void a_member_without_open_steps_is_removed_and_loses_the_boards()
    {
        var team = Team();
        var sander = new Person("sander@werk.nl", new HashSet<Obeya.Domain.Accounts.GlobalRole>());
        AccessRules.May(sander, Permission.ChangeBoards, team).Should().BeTrue();

        var removed = TeamDecisions.RemoveMember(team, new RemoveTeamMember(Sander), openStepsOwned: 0, By, Now);

        removed.Should().Be(new TeamMemberRemoved(team.Id, Sander, "Sander", By, Now));
        team = team.With(removed);
        team.Members.Should().BeEmpty();
        AccessRules.May(sander, Permission.ReadBoards, team).Should().BeFalse();
    }

    [Fact]
    public void a_member_who_still_owns_open_steps_is_not_removed_until_someone_takes_them_over() =>
        FluentActions.Invoking(() => TeamDecisions.RemoveMember(Team(), new RemoveTeamMember(Sander), openStepsOwned: 2, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "takenOverBy" && e.Refusal == Refusal.Conflict)
            .WithMessage("team.ownsOpenSteps(Sander, 2)");

    [Fact]
    public void only_someone_on_the_team_is_removed()
    {
        FluentActions.Invoking(() => TeamDecisions.RemoveMember(Team(), new RemoveTeamMember(Karin), 0, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "memberId" && e.Refusal == Refusal.NotFound);
        FluentActions.Invoking(() => TeamDecisions.RemoveCoach(Team(), new RemoveCoach(Sander), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "coachId" && e.Refusal == Refusal.NotFound);
    }

    [Fact]
    public void a_coach_is_removed_and_no_longer_coaches()
    {
        var team = Team();
        var removed = TeamDecisions.RemoveCoach(team, new RemoveCoach(Karin), By, Now);

        removed.Should().Be(new CoachRemoved(team.Id, Karin, "Karin", By, Now));
        team = team.With(removed);
        team.Coaches.Should().BeEmpty();
        AccessRules.RelationTo(team, "karin@werk.nl").Should().Be(TeamRelation.None);
    }

    [Fact]
    public void the_audit_tells_who_was_removed()
    {
        AuditTrail.Describe(new TeamMemberRemoved(Guid.NewGuid(), Sander, "Sander", By, Now), _ => null, _ => null).Should().Be(Phrase.Of("audit.memberRemoved", "Sander"));
        AuditTrail.Describe(new CoachRemoved(Guid.NewGuid(), Karin, "Karin", By, Now), _ => null, _ => null).Should().Be(Phrase.Of("audit.coachRemoved", "Karin"));
        AuditTrail.BoardOf(new CoachRemoved(Guid.NewGuid(), Karin, "Karin", By, Now)).Should().Be(AuditTrail.TeamBoard);
    }

    [Fact]
    public void a_programme_is_renamed()
    {
        var programme = Programme.From(new ProgrammeStarted(Guid.NewGuid(), "Transformatie", By, Now));

        var renamed = ProgrammeDecisions.Rename(programme, new RenameProgramme(" Publieke dienstverlener "), By, Now);

        renamed.Should().Be(new ProgrammeRenamed(programme.Id, "Publieke dienstverlener", By, Now));
        programme.With(renamed).Name.Should().Be("Publieke dienstverlener");
        FluentActions.Invoking(() => ProgrammeDecisions.Rename(programme, new RenameProgramme(""), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "name");
    }
}
