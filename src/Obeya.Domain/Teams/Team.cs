using NodaTime;

namespace Obeya.Domain.Teams;

public sealed record TeamCreated(Guid TeamId, string Name, SessionCadence Cadence, string By, Instant At);

public sealed record TeamRenamed(Guid TeamId, string Name, string By, Instant At);

public sealed record TeamMemberAdded(Guid TeamId, Guid MemberId, string Name, string? Email, string By, Instant At);

public sealed record TeamMember(Guid Id, string Name, string? Email);

/// <summary>A group that runs KATA sessions. Its members own small steps.</summary>
public sealed record Team(Guid Id, string Name, SessionCadence Cadence, IReadOnlyList<TeamMember> Members)
{
    public static Team From(TeamCreated e) => new(e.TeamId, e.Name, e.Cadence, []);

    private Team With(TeamRenamed e) => this with { Name = e.Name };

    private Team With(TeamMemberAdded e) => this with { Members = [.. Members, new TeamMember(e.MemberId, e.Name, e.Email)] };

    /// <summary>Applies any team event after the first.</summary>
    public Team With(object e) => e switch
    {
        TeamRenamed x => With(x),
        TeamMemberAdded x => With(x),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing team.", nameof(e)),
    };

    public bool HasMember(Guid memberId) => Members.Any(m => m.Id == memberId);
}

public sealed record CreateTeam(Guid TeamId, string Name, SessionCadence? Cadence);

public sealed record AddTeamMember(Guid MemberId, string Name, string? Email);

/// <summary>Pure decisions for a team: state and command in, events out, or a <see cref="DomainException"/>.</summary>
public static class TeamDecisions
{
    public static TeamCreated Create(CreateTeam command, string by, Instant now) =>
        new(command.TeamId, Text.Name("name", command.Name), (command.Cadence ?? SessionCadence.Default).Validated(), by, now);

    public static TeamMemberAdded AddMember(Team team, AddTeamMember command, string by, Instant now)
    {
        var name = Text.Name("name", command.Name);
        var email = Text.Optional("email", command.Email, Text.NameMaxLength);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainException("email", "Dit is geen e-mailadres.");
        }

        if (team.Members.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw DomainException.Conflict("name", $"{name} is al lid van dit team.");
        }

        return new TeamMemberAdded(team.Id, command.MemberId, name, email, by, now);
    }
}
