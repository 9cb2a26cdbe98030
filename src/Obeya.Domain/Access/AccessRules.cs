using Obeya.Domain.Accounts;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Access;

/// <summary>What someone may do with a team and its boards.</summary>
public enum Permission
{
    ReadBoards,
    ChangeBoards,
    RecordCoaching,
    ManageWallScreens,
    ManageTeam,
}

/// <summary>Who asks: a signed-in person or a wall screen; null is nobody signed in.</summary>
public abstract record Requester;

/// <summary>
/// A person, known to teams by e-mail (as members and coaches are listed), with their global roles;
/// teamlid and coach follow from a team's own lists.
/// </summary>
public sealed record Person(string Email, IReadOnlySet<GlobalRole> Roles) : Requester
{
    public bool Holds(GlobalRole role) => Roles.Contains(role);
}

/// <summary>A wall screen opened by its token: it may read the boards it was made for, nothing else.</summary>
public sealed record WallViewer(Guid WallScreenId, Guid TeamId, IReadOnlySet<Guid> BoardIds) : Requester;

public enum TeamRelation
{
    None,
    Member,
    Coach,
}

/// <summary>
/// The one place that says who may do what (issue 5's table). Pure, so the API, the hub and the pages ask the
/// same question and the answers are tested without a server.
/// </summary>
public static class AccessRules
{
    /// <summary>A coach who is also listed as a member is a coach: coaching includes all a member may.</summary>
    public static TeamRelation RelationTo(Team team, string email)
    {
        if (team.Coaches.Any(c => SameEmail(c.Email, email)))
        {
            return TeamRelation.Coach;
        }

        return team.Members.Any(m => SameEmail(m.Email, email)) ? TeamRelation.Member : TeamRelation.None;
    }

    /// <summary>
    /// Whether <paramref name="who"/> may do <paramref name="permission"/> on <paramref name="team"/>.
    /// A wall screen is asked per board with <see cref="MayReadBoard"/>.
    /// </summary>
    public static bool May(Requester? who, Permission permission, Team team) => who switch
    {
        Person person => MayAsPerson(person, permission, team),
        _ => false,
    };

    /// <summary>Reading one board (a track) of a team: a wall screen only its own boards.</summary>
    public static bool MayReadBoard(Requester? who, Team team, Guid boardId) => who switch
    {
        WallViewer wall => wall.TeamId == team.Id && wall.BoardIds.Contains(boardId),
        _ => May(who, Permission.ReadBoards, team),
    };

    /// <summary>Steering the Obeya room (programmes, goals, impediments) is the programme director's.</summary>
    public static bool MaySteerObeya(Requester? who) => who is Person person && person.Holds(GlobalRole.ProgrammeDirector);

    /// <summary>Accounts are managed by a beheerder only.</summary>
    public static bool MayManageAccounts(Requester? who) => who is Person person && person.Holds(GlobalRole.Administrator);

    private static bool MayAsPerson(Person person, Permission permission, Team team)
    {
        var relation = RelationTo(team, person.Email);
        return permission switch
        {
            // Directors read every board; a beheerder reads them to choose what a wall screen shows.
            // Other teams' boards are closed until a team can choose to share them.
            Permission.ReadBoards => relation != TeamRelation.None
                || person.Holds(GlobalRole.ProgrammeDirector) || person.Holds(GlobalRole.Administrator),
            Permission.ChangeBoards => relation != TeamRelation.None,
            Permission.RecordCoaching => relation == TeamRelation.Coach,
            // Issue 4: a team makes and revokes its own wall screens; a beheerder manages all tokens.
            Permission.ManageWallScreens => relation != TeamRelation.None || person.Holds(GlobalRole.Administrator),
            Permission.ManageTeam => person.Holds(GlobalRole.Administrator),
            _ => false,
        };
    }

    private static bool SameEmail(string? listed, string email) =>
        listed is not null && string.Equals(listed.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
