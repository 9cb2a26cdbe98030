using System.Security.Claims;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Domain.Teams;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Teams;

public sealed record CreateTeamRequest(string Name, SessionCadence? Cadence = null, Guid? Id = null);

public sealed record PersonRequest(string Name, string? Email = null, Guid? Id = null);

public sealed record RenameTeamRequest(string Name);

public sealed record ChangeCadenceRequest(SessionCadence Cadence);

/// <summary>
/// A team as the list shows it to someone: its name always; its cadence, members and coaches (with their e-mail) only
/// to whoever may read its boards.
/// </summary>
public sealed record TeamListing(Guid Id, string Name, bool Readable, SessionCadence? Cadence, IReadOnlyList<TeamMember> Members, IReadOnlyList<TeamMember> Coaches);

/// <summary>The team document, folded inline by the domain's own Create and With, so the domain needs no Marten.</summary>
public sealed class TeamProjection : DomainProjection<Team>
{
    public override Team? Evolve(Team? snapshot, Guid id, IEvent e) =>
        e.Data is TeamCreated created ? Team.From(created) : snapshot?.With(e.Data);
}

/// <summary>Teams: create, add members, read. The team document is the inline snapshot of its stream.</summary>
public static class TeamEndpoints
{
    /// <summary>A team as the writer handles it: its own team.</summary>
    public static readonly StreamKind<Team> Kind = new(TeamNotFound, t => t.Id);

    public static StoreOptions ConfigureTeams(this StoreOptions options)
    {
        options.Projections.Add<TeamProjection>(ProjectionLifecycle.Inline);
        return options;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("/", ListTeams).RequiresSignIn().WithSummary("All teams, by name; members and cadence only of the teams whose boards you may read");
        teams.MapGet("/{teamId:guid}", GetTeam).Requires(Permission.ReadBoards).WithSummary("One team with its members and cadence");
        teams.MapPost("/", CreateTeam).Requires(GlobalRole.Administrator).WithSummary("Create a team (retry-safe when the client chooses the id)");
        teams.MapPost("/{teamId:guid}/members", (Guid teamId, PersonRequest r, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.AddMember(team, new(r.Id ?? Guid.CreateVersion7(), r.Name, r.Email), d.By, d.Now)))
            .Requires(Permission.ManageTeam).WithSummary("Add a member to a team (retry-safe when the client chooses the id)");
        teams.MapPost("/{teamId:guid}/coaches", (Guid teamId, PersonRequest r, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.AssignCoach(team, new(r.Id ?? Guid.CreateVersion7(), r.Name, r.Email), d.By, d.Now)))
            .Requires(Permission.ManageTeam).WithSummary("Assign a coach to a team (retry-safe when the client chooses the id)");
        teams.MapPut("/{teamId:guid}/name", (Guid teamId, RenameTeamRequest r, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.Rename(team, new(r.Name), d.By, d.Now)))
            .Requires(Permission.ManageTeam).WithSummary("Rename a team");
        teams.MapPut("/{teamId:guid}/cadence", (Guid teamId, ChangeCadenceRequest r, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.ChangeCadence(team, new(r.Cadence), d.By, d.Now)))
            .Requires(Permission.ManageTeam).WithSummary("Change when the team holds its sessions");
        return api;
    }

    private static async Task<IReadOnlyList<TeamListing>> ListTeams(HttpContext http, IQuerySession session, AccessCheck access, CancellationToken ct)
    {
        var teams = await session.Query<Team>().OrderBy(t => t.Name).ToListAsync(ct);
        var listed = new List<TeamListing>(teams.Count);
        foreach (var team in teams)
        {
            listed.Add(await access.May(http.User, Permission.ReadBoards, team)
                ? new TeamListing(team.Id, team.Name, true, team.Cadence, team.Members, team.Coaches)
                : new TeamListing(team.Id, team.Name, false, null, [], []));
        }

        return listed;
    }

    private static async Task<IResult> GetTeam(Guid teamId, HttpContext http, StoredStreams reads, CancellationToken ct) =>
        ApiAnswers.Versioned(http, await reads.Json<Team>(teamId, ct) ?? throw TeamNotFound());

    private static async Task<IResult> CreateTeam(CreateTeamRequest request, HttpContext http, Writer writer, AccessCheck access, CancellationToken ct)
    {
        var team = await CreateAsync(writer, http.User, access, new CreateTeam(request.Id ?? Guid.CreateVersion7(), request.Name, request.Cadence), ct);
        return ApiAnswers.Versioned(http, team, 1, createdAt: $"/api/v1/teams/{team.Id}");
    }

    /// <summary>A new team, by a beheerder: from the API and the beheer screen alike.</summary>
    public static async Task<Team> CreateAsync(Writer writer, ClaimsPrincipal user, AccessCheck access, CreateTeam command, CancellationToken ct)
    {
        await access.Demand(user, GlobalRole.Administrator);
        var created = TeamDecisions.Create(command, Actors.Of(user), writer.Now);
        await writer.Start(Kind, created.TeamId, [created], ct);
        return Team.From(created);
    }

    /// <summary>
    /// Team changes are additions or last-word settings (name, cadence), so they need no expected version: one that
    /// lost a race is decided again on the newer team.
    /// </summary>
    private static async Task<IResult> Change(HttpContext http, Guid teamId, Func<Team, Decision, object> decide)
    {
        var writer = http.RequestServices.GetRequiredService<Writer>();
        await ChangeAsync(writer, http.User, teamId, decide, http.RequestAborted, EndpointRules.CheckedTeamOf(http));
        // The team as it is now, with the version that belongs to it (another change may have followed this one).
        return ApiAnswers.Versioned(http, await http.RequestServices.GetRequiredService<StoredStreams>().Json<Team>(teamId, http.RequestAborted) ?? throw TeamNotFound());
    }

    /// <summary>A change to a team (members, coaches, name, cadence), by whoever may manage it.</summary>
    public static Task<Written> ChangeAsync(
        Writer writer, ClaimsPrincipal user, Guid teamId, Func<Team, Decision, object> decide, CancellationToken ct, CheckedTeam? checkedTeam = null) =>
        writer.Change(Kind, teamId, user, Permission.ManageTeam, Versioning.Newest, (team, d) => [decide(team, d)], ct, checkedTeam);

    public static async Task<Team> LoadTeam(IQuerySession session, Guid teamId, CancellationToken ct) =>
        teamId == Guid.Empty ? throw TeamNotFound() : await session.LoadAsync<Team>(teamId, ct) ?? throw TeamNotFound();

    private static DomainException TeamNotFound() => DomainException.NotFound("teamId", "Dit team bestaat niet.");
}
