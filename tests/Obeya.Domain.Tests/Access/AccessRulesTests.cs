using NodaTime;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Tests.Access;

/// <summary>Issue 5's table, row by row: every kind of requester against every permission on one team.</summary>
public class AccessRulesTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);

    private static readonly Team TeamWerk = Team.From(new TeamCreated(Guid.NewGuid(), "Team Werk", SessionCadence.Default, "test", Now))
        .With(new TeamMemberAdded(Guid.Empty, Guid.NewGuid(), "Emmy", "emmy@werk.example.nl", "test", Now))
        .With(new CoachAssigned(Guid.Empty, Guid.NewGuid(), "Marieke", "Marieke@Coaching.example.nl", "test", Now));

    private static readonly Guid Board = Guid.NewGuid();

    public static TheoryData<string, Permission, bool> Table() => new()
    {
        { "teamlid", Permission.ReadBoards, true },
        { "teamlid", Permission.ChangeBoards, true },
        { "teamlid", Permission.RecordCoaching, false },
        { "teamlid", Permission.ManageWallScreens, true },
        { "teamlid", Permission.ManageTeam, false },
        { "coach", Permission.ReadBoards, true },
        { "coach", Permission.ChangeBoards, true },
        { "coach", Permission.RecordCoaching, true },
        { "coach", Permission.ManageWallScreens, true },
        { "coach", Permission.ManageTeam, false },
        { "teamlid van een ander team", Permission.ReadBoards, false },
        { "teamlid van een ander team", Permission.ChangeBoards, false },
        { "programmadirecteur", Permission.ReadBoards, true },
        { "programmadirecteur", Permission.ChangeBoards, false },
        { "programmadirecteur", Permission.RecordCoaching, false },
        { "programmadirecteur", Permission.ManageTeam, false },
        { "beheerder", Permission.ReadBoards, true },
        { "beheerder", Permission.ChangeBoards, false },
        { "beheerder", Permission.RecordCoaching, false },
        { "beheerder", Permission.ManageWallScreens, true },
        { "beheerder", Permission.ManageTeam, true },
        { "anoniem", Permission.ReadBoards, false },
        { "wandscherm", Permission.ReadBoards, false },
        { "wandscherm", Permission.ChangeBoards, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void each_requester_may_exactly_what_the_table_says(string requester, Permission permission, bool allowed) =>
        AccessRules.May(Requester(requester), permission, TeamWerk).Should().Be(allowed);

    [Fact]
    public void a_coach_is_recognised_by_e_mail_whatever_its_case() =>
        AccessRules.RelationTo(TeamWerk, " marieke@coaching.EXAMPLE.nl ").Should().Be(TeamRelation.Coach);

    [Fact]
    public void a_wall_screen_reads_only_the_boards_it_was_made_for()
    {
        var wall = (WallViewer)Requester("wandscherm")!;

        AccessRules.MayReadBoard(wall, TeamWerk, Board).Should().BeTrue();
        AccessRules.MayReadBoard(wall, TeamWerk, Guid.NewGuid()).Should().BeFalse();
        AccessRules.MayReadBoard(wall with { TeamId = Guid.NewGuid() }, TeamWerk, Board).Should().BeFalse();
    }

    [Fact]
    public void the_obeya_is_steered_by_directors_and_accounts_managed_by_beheerders()
    {
        AccessRules.MaySteerObeya(Requester("programmadirecteur")).Should().BeTrue();
        AccessRules.MaySteerObeya(Requester("beheerder")).Should().BeFalse();
        AccessRules.MaySteerObeya(null).Should().BeFalse();
        AccessRules.MayManageAccounts(Requester("beheerder")).Should().BeTrue();
        AccessRules.MayManageAccounts(Requester("coach")).Should().BeFalse();
    }

    private static Requester? Requester(string kind) => kind switch
    {
        "teamlid" => new Person("Emmy@werk.example.nl", new HashSet<GlobalRole>()),
        "coach" => new Person("marieke@coaching.example.nl", new HashSet<GlobalRole>()),
        "teamlid van een ander team" => new Person("joost@elders.example.nl", new HashSet<GlobalRole>()),
        "programmadirecteur" => new Person("pd@gemeente.example.nl", new HashSet<GlobalRole> { GlobalRole.ProgrammeDirector }),
        "beheerder" => new Person("beheer@gemeente.example.nl", new HashSet<GlobalRole> { GlobalRole.Administrator }),
        "wandscherm" => new WallViewer(Guid.NewGuid(), TeamWerk.Id, new HashSet<Guid> { Board }),
        _ => null,
    };
}
