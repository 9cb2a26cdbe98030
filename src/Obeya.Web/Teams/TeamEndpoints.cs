using System.Security.Claims;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
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

/// <summary>No sessions on <see cref="From"/>, or up to and including <see cref="To"/> (a holiday), and why.</summary>
public sealed record CancelSessionsRequest(LocalDate From, string Reason, LocalDate? To = null, Guid? Id = null);

/// <summary>Who takes over the open small steps of the member who leaves; needed only when there are any.</summary>
public sealed record RemoveMemberRequest(Guid? TakenOverBy = null);

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
        teams.MapPost("/{teamId:guid}/members/{memberId:guid}/removed", (Guid teamId, Guid memberId, RemoveMemberRequest r, HttpContext http) =>
            Answer(http, teamId, RemoveMemberAsync(
                http.RequestServices.GetRequiredService<Writer>(), http.RequestServices.GetRequiredService<IDocumentStore>(), http.User, teamId, memberId,
                r.TakenOverBy, http.RequestAborted, EndpointRules.CheckedTeamOf(http))))
            .Requires(Permission.ManageTeam)
            .WithSummary("Take a member off the team (they lose its boards); their open small steps go to takenOverBy first");
        teams.MapPost("/{teamId:guid}/coaches/{coachId:guid}/removed", (Guid teamId, Guid coachId, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.RemoveCoach(team, new(coachId), d.By, d.Now)))
            .Requires(Permission.ManageTeam).WithSummary("Take a coach off the team (they lose its boards)");
        teams.MapPut("/{teamId:guid}/cadence", (Guid teamId, ChangeCadenceRequest r, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.ChangeCadence(team, new(r.Cadence), d.By, d.Now)))
            .Requires(Permission.ManageTeam).WithSummary("Change when the team holds its sessions");
        teams.MapPost("/{teamId:guid}/cancellations", (Guid teamId, CancelSessionsRequest r, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.CancelSessions(team, new(r.Id ?? Guid.CreateVersion7(), r.From, r.To, r.Reason), d.By, d.Now), Permission.ChangeBoards))
            .Requires(Permission.ChangeBoards)
            .WithSummary("Cancel the sessions of a day or a period, with a reason: not counted as missed (retry-safe when the client chooses the id)");
        teams.MapDelete("/{teamId:guid}/cancellations/{cancellationId:guid}", (Guid teamId, Guid cancellationId, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.WithdrawCancellation(team, new(cancellationId), d.By, d.Now), Permission.ChangeBoards))
            .Requires(Permission.ChangeBoards).WithSummary("Plan the sessions of a cancellation again");
        teams.MapPut("/{teamId:guid}/rhythm-thresholds", (Guid teamId, RhythmThresholds r, HttpContext http) =>
            Change(http, teamId, (team, d) => TeamDecisions.ChangeRhythmThresholds(team, new(r), d.By, d.Now)))
            .Requires(Permission.ManageTeam).WithSummary("When the team's rhythm counts as slipping: on-time tolerance, coach interval, stale board, obstacle stuck");
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
    private static async Task<IResult> Change(HttpContext http, Guid teamId, Func<Team, Decision, object> decide, Permission permission = Permission.ManageTeam)
    {
        var writer = http.RequestServices.GetRequiredService<Writer>();
        await ChangeAsync(writer, http.User, teamId, decide, http.RequestAborted, EndpointRules.CheckedTeamOf(http), permission);
        // The team as it is now, with the version that belongs to it (another change may have followed this one).
        return ApiAnswers.Versioned(http, await http.RequestServices.GetRequiredService<StoredStreams>().Json<Team>(teamId, http.RequestAborted) ?? throw TeamNotFound());
    }

    private static async Task<IResult> Answer(HttpContext http, Guid teamId, Task write)
    {
        await write;
        return ApiAnswers.Versioned(http, await http.RequestServices.GetRequiredService<StoredStreams>().Json<Team>(teamId, http.RequestAborted) ?? throw TeamNotFound());
    }

    /// <summary>
    /// A member leaves the team, from the API and the screens alike. Their open small steps live in the team's track
    /// streams, so this is several writes, not one transaction: first each open track's steps of theirs are reassigned to
    /// <paramref name="takenOverBy"/> (the existing reassign decision, per track, decided on the newest board), and only
    /// then is the member removed, with the domain refusing while any open step of theirs is left. Whatever refuses part
    /// way (a board that changed, a successor who left), the member is still on the team and every step has an owner on
    /// it; the steps moved so far stay moved, and doing it again moves the rest and removes the member.
    /// </summary>
    public static async Task RemoveMemberAsync(
        Writer writer, IDocumentStore store, ClaimsPrincipal user, Guid teamId, Guid memberId, Guid? takenOverBy, CancellationToken ct,
        CheckedTeam? checkedTeam = null)
    {
        var access = writer.Access;
        IReadOnlyList<Obeya.Domain.Tracks.Track> tracks;
        await using (var session = store.QuerySession())
        {
            var team = checkedTeam?.Team.Id == teamId ? checkedTeam.Team : await LoadTeam(session, teamId, ct);
            await access.Demand(user, Permission.ManageTeam, team);
            tracks = await OpenStepsOf(session, teamId, memberId, ct);
            if (takenOverBy is { } successor)
            {
                _ = TeamDecisions.Successor(team, memberId, successor);
            }
        }

        if (takenOverBy is { } by)
        {
            foreach (var track in tracks)
            {
                // A beheerder is no member of the team: managing it includes handing a leaving member's steps on.
                await writer.Change(
                    Tracks.TrackEndpoints.Kind, track.Id, user, Permission.ManageTeam, Versioning.Newest,
                    (t, d) => t.SmallSteps.Where(s => s.State == Obeya.Domain.Tracks.SmallStepState.Open && s.OwnerId == memberId)
                        .Select(s => (object)Obeya.Domain.Tracks.TrackDecisions.ReassignSmallStep(t, d.Team, new(s.Id, by), d.By, d.Now)),
                    ct);
            }
        }

        int left;
        await using (var session = store.QuerySession())
        {
            left = (await OpenStepsOf(session, teamId, memberId, ct)).Sum(t => OpenStepsOwned(t, memberId));
        }

        await ChangeAsync(writer, user, teamId, (team, d) => TeamDecisions.RemoveMember(team, new(memberId), left, d.By, d.Now), ct, checkedTeam);
    }

    /// <summary>The team's open tracks on which <paramref name="memberId"/> owns an open small step.</summary>
    public static async Task<IReadOnlyList<Obeya.Domain.Tracks.Track>> OpenStepsOf(IQuerySession session, Guid teamId, Guid memberId, CancellationToken ct)
    {
        var tracks = await session.Query<Obeya.Domain.Tracks.Track>().Where(t => t.TeamId == teamId).ToListAsync(ct);
        return [.. tracks.Where(t => !t.IsClosed && OpenStepsOwned(t, memberId) > 0)];
    }

    public static int OpenStepsOwned(Obeya.Domain.Tracks.Track track, Guid memberId) =>
        track.SmallSteps.Count(s => s.State == Obeya.Domain.Tracks.SmallStepState.Open && s.OwnerId == memberId);

    /// <summary>
    /// A change to a team (members, coaches, name, cadence), by whoever may manage it; its cancelled sessions, by whoever
    /// may change its boards.
    /// </summary>
    public static Task<Written> ChangeAsync(
        Writer writer, ClaimsPrincipal user, Guid teamId, Func<Team, Decision, object> decide, CancellationToken ct, CheckedTeam? checkedTeam = null,
        Permission permission = Permission.ManageTeam) =>
        writer.Change(Kind, teamId, user, permission, Versioning.Newest, (team, d) => [decide(team, d)], ct, checkedTeam);

    public static async Task<Team> LoadTeam(IQuerySession session, Guid teamId, CancellationToken ct) =>
        teamId == Guid.Empty ? throw TeamNotFound() : await session.LoadAsync<Team>(teamId, ct) ?? throw TeamNotFound();

    private static DomainException TeamNotFound() => DomainException.NotFound("teamId", Phrase.Of("team.notFound"));
}
