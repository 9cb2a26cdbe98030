using Obeya.Web.Access;
using Obeya.Domain.Accounts;
using Obeya.Domain.Access;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Aggregation;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Teams;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Teams;

public sealed record CreateTeamRequest(string Name, SessionCadence? Cadence = null, Guid? Id = null);

public sealed record PersonRequest(string Name, string? Email = null, Guid? Id = null);

public sealed record RenameTeamRequest(string Name);

public sealed record ChangeCadenceRequest(SessionCadence Cadence);

/// <summary>The team document, folded inline by the domain's own Create and With, so the domain needs no Marten.</summary>
public sealed class TeamProjection : DomainProjection<Team>
{
    public override Team? Evolve(Team? snapshot, Guid id, IEvent e) =>
        e.Data is TeamCreated created ? Team.From(created) : snapshot?.With(e.Data);
}

/// <summary>Teams: create, add members, read. The team document is the inline snapshot of its stream.</summary>
public static class TeamEndpoints
{
    public static StoreOptions ConfigureTeams(this StoreOptions options)
    {
        options.Projections.Add<TeamProjection>(ProjectionLifecycle.Inline);
        return options;
    }

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("/", ListTeams).RequiresSignIn().WithSummary("All teams, by name");
        teams.MapGet("/{teamId:guid}", GetTeam).Requires(Permission.ReadBoards).WithSummary("One team with its members and cadence");
        teams.MapPost("/", CreateTeam).Requires(GlobalRole.Administrator).WithSummary("Create a team (retry-safe when the client chooses the id)");
        teams.MapPost("/{teamId:guid}/members", (Guid teamId, PersonRequest r, HttpContext http) =>
            Change(http, teamId, (team, by, now) => TeamDecisions.AddMember(team, new(r.Id ?? Guid.CreateVersion7(), r.Name, r.Email), by, now)))
            .Requires(Permission.ManageTeam).WithSummary("Add a member to a team");
        teams.MapPost("/{teamId:guid}/coaches", (Guid teamId, PersonRequest r, HttpContext http) =>
            Change(http, teamId, (team, by, now) => TeamDecisions.AssignCoach(team, new(r.Id ?? Guid.CreateVersion7(), r.Name, r.Email), by, now)))
            .Requires(Permission.ManageTeam).WithSummary("Assign a coach to a team");
        teams.MapPut("/{teamId:guid}/name", (Guid teamId, RenameTeamRequest r, HttpContext http) =>
            Change(http, teamId, (team, by, now) => TeamDecisions.Rename(team, new(r.Name), by, now)))
            .Requires(Permission.ManageTeam).WithSummary("Rename a team");
        teams.MapPut("/{teamId:guid}/cadence", (Guid teamId, ChangeCadenceRequest r, HttpContext http) =>
            Change(http, teamId, (team, by, now) => TeamDecisions.ChangeCadence(team, new(r.Cadence), by, now)))
            .Requires(Permission.ManageTeam).WithSummary("Change when the team holds its sessions");
        return api;
    }

    private static async Task<IReadOnlyList<Team>> ListTeams(IQuerySession session, CancellationToken ct) =>
        await session.Query<Team>().OrderBy(t => t.Name).ToListAsync(ct);

    private static async Task<Team> GetTeam(Guid teamId, IQuerySession session, CancellationToken ct) =>
        await LoadTeam(session, teamId, ct);

    private static async Task<IResult> CreateTeam(
        CreateTeamRequest request, HttpContext http, IDocumentSession session, IClock clock, AccessCheck access, CancellationToken ct)
    {
        var team = await CreateAsync(session, clock, http.User, access, new CreateTeam(request.Id ?? Guid.CreateVersion7(), request.Name, request.Cadence), ct);
        return Results.Created($"/api/v1/teams/{team.Id}", team);
    }

    /// <summary>A new team, by a beheerder: from the API and the beheer screen alike.</summary>
    public static async Task<Team> CreateAsync(
        IDocumentSession session, IClock clock, System.Security.Claims.ClaimsPrincipal user, AccessCheck access, CreateTeam command, CancellationToken ct)
    {
        await access.Demand(user, GlobalRole.Administrator);
        var created = TeamDecisions.Create(command, Actor.Of(user), clock.GetCurrentInstant());
        session.Events.StartStream<Team>(created.TeamId, created);
        await session.SaveChangesAsync(ct);
        return Team.From(created);
    }

    /// <summary>
    /// Team changes are additions or last-word settings (name, cadence), so they need no expected version;
    /// Marten still refuses one that lands between this read and its append.
    /// </summary>
    private static async Task<IResult> Change(HttpContext http, Guid teamId, Func<Team, string, Instant, object> decide) =>
        Results.Ok(await ChangeAsync(
            http.RequestServices.GetRequiredService<IDocumentSession>(), http.RequestServices.GetRequiredService<IClock>(),
            http.User, http.RequestServices.GetRequiredService<AccessCheck>(), teamId, decide, http.RequestAborted));

    /// <summary>A change to a team (members, coaches, name, cadence), by whoever may manage it.</summary>
    public static async Task<Team> ChangeAsync(
        IDocumentSession session, IClock clock, System.Security.Claims.ClaimsPrincipal user, AccessCheck access, Guid teamId,
        Func<Team, string, Instant, object> decide, CancellationToken ct)
    {
        var (team, e) = await StreamWrites.AppendOne<Team>(
            session, clock, user, teamId, TeamNotFound, t => access.Demand(user, Permission.ManageTeam, t), decide, ct);
        return team.With(e);
    }

    public static async Task<Team> LoadTeam(IQuerySession session, Guid teamId, CancellationToken ct) =>
        await session.LoadAsync<Team>(teamId, ct) ?? throw TeamNotFound();

    private static DomainException TeamNotFound() => DomainException.NotFound("teamId", "Dit team bestaat niet.");
}
