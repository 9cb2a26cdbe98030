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

public sealed record AddTeamMemberRequest(string Name, string? Email = null, Guid? Id = null);

/// <summary>The team document, folded inline by the domain's own Create and With, so the domain needs no Marten.</summary>
public sealed class TeamProjection : SingleStreamProjection<Team, Guid>
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
        teams.MapGet("/", ListTeams).WithSummary("All teams, by name");
        teams.MapGet("/{teamId:guid}", GetTeam).WithSummary("One team with its members and cadence");
        teams.MapPost("/", CreateTeam).WithSummary("Create a team (retry-safe when the client chooses the id)");
        teams.MapPost("/{teamId:guid}/members", AddMember).WithSummary("Add a member to a team");
        return api;
    }

    private static async Task<IReadOnlyList<Team>> ListTeams(IQuerySession session, CancellationToken ct) =>
        await session.Query<Team>().OrderBy(t => t.Name).ToListAsync(ct);

    private static async Task<Team> GetTeam(Guid teamId, IQuerySession session, CancellationToken ct) =>
        await LoadTeam(session, teamId, ct);

    private static async Task<IResult> CreateTeam(
        CreateTeamRequest request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var created = TeamDecisions.Create(
            new CreateTeam(request.Id ?? Guid.CreateVersion7(), request.Name, request.Cadence), Actor.Of(http), clock.GetCurrentInstant());
        session.Events.StartStream<Team>(created.TeamId, created);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/teams/{created.TeamId}", Team.From(created));
    }

    private static async Task<IResult> AddMember(
        Guid teamId, AddTeamMemberRequest request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Team>(teamId, ct);
        var team = stream.Aggregate ?? throw TeamNotFound();
        var added = TeamDecisions.AddMember(
            team, new AddTeamMember(request.Id ?? Guid.CreateVersion7(), request.Name, request.Email), Actor.Of(http), clock.GetCurrentInstant());
        stream.AppendOne(added);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/teams/{teamId}", team.With(added));
    }

    public static async Task<Team> LoadTeam(IQuerySession session, Guid teamId, CancellationToken ct) =>
        await session.LoadAsync<Team>(teamId, ct) ?? throw TeamNotFound();

    private static DomainException TeamNotFound() => DomainException.NotFound("teamId", "Dit team bestaat niet.");
}
