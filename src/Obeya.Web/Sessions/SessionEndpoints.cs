using Obeya.Web.Access;
using Obeya.Domain.Access;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Npgsql;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Sessions;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure;
using Obeya.Web.Teams;

namespace Obeya.Web.Sessions;

/// <summary>The session document, folded inline by the domain's own From and With, so the domain needs no Marten.</summary>
public sealed class SessionProjection : DomainProjection<Session>
{
    public override Session? Evolve(Session? snapshot, Guid id, IEvent e) =>
        e.Data is SessionStarted started ? Session.From(started) : snapshot?.With(e.Data);
}

/// <summary>Stand-ups: start one at the board, mark who is there, record the coaching conversation, end it.</summary>
public static class SessionEndpoints
{
    // Backs the domain's "one open session per team" against two starts that both read "none open".
    private const string OneOpenSessionPerTeam = "mt_doc_session_one_open_per_team";

    public static StoreOptions ConfigureSessions(this StoreOptions options)
    {
        options.Projections.Add<SessionProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Session>()
            .Index(s => s.TeamId)
            .Index(s => s.TeamId, index =>
            {
                index.Name = OneOpenSessionPerTeam;
                index.IsUnique = true;
                index.Predicate = "(data ->> 'isOpen') = 'true'";
            });
        return options;
    }

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder api)
    {
        api.MapGet("/coaching-card", () => CoachingCard.Questions).WithTags("Sessions")
            .OpenToAnyone("the five coaching questions are public text, printed on every paper board").WithSummary("The five coaching questions, in order");

        var teamSessions = api.MapGroup("/teams/{teamId:guid}/sessions").WithTags("Sessions");
        teamSessions.MapGet("/", ListSessions).Requires(Permission.ReadBoards).WithSummary("A team's sessions, newest first");
        teamSessions.MapGet("/open", GetOpenSession).Requires(Permission.ReadBoards).WithSummary("The team's session that is running now (404 when none)");
        teamSessions.MapPost("/", StartSession).Requires(Permission.ChangeBoards).WithSummary("Start a session, timeboxed by the team's cadence (one open at a time)");

        var session = api.MapGroup("/sessions/{sessionId:guid}").WithTags("Sessions");
        session.MapGet("/", GetSession).Requires(Permission.ReadBoards).WithSummary("One session with its attendance and coaching conversation");
        session.MapPost("/attendance", (Guid sessionId, MarkAttendanceRequest r, HttpContext http) =>
            Write(http, Permission.ChangeBoards, sessionId, r.PersonId, (s, d) => SessionDecisions.MarkAttendance(s, d.Team, new(r.PersonId, r.Present), d.By, d.Now)))
            .Requires(Permission.ChangeBoards)
            .WithSummary("Mark a member or coach present or absent (a later mark corrects an earlier one)");
        session.MapPost("/coaching", (Guid sessionId, CoachingConversationRequest r, HttpContext http) =>
            Write(http, Permission.RecordCoaching, sessionId, r.CoachId, (s, d) => SessionDecisions.RecordCoachingConversation(s, d.Team, new(r.CoachId, r.Answers), d.By, d.Now)))
            .Requires(Permission.RecordCoaching)
            .WithSummary("Record the coach's conversation: answers to the coaching card's questions, once per session");
        session.MapPost("/end", (Guid sessionId, HttpContext http) =>
            Write(http, Permission.ChangeBoards, sessionId, sessionId, (s, d) => SessionDecisions.End(s, d.By, d.Now)))
            .Requires(Permission.ChangeBoards)
            .WithSummary("End the session; someone must have been marked present");
        return api;
    }

    public static DomainException SessionNotFound() => DomainException.NotFound("sessionId", "Deze sessie bestaat niet.");

    /// <summary>A change to a session, through the shared versioned write.</summary>
    private static Task<IResult> Write(HttpContext http, Permission permission, Guid sessionId, Guid id, Func<Session, Decision, object> decide) =>
        StreamWrites.Run(http, permission, sessionId, id, s => s.TeamId, decide, SessionNotFound, $"/api/v1/sessions/{sessionId}");

    public static async Task<Session?> OpenSessionOf(IQuerySession session, Guid teamId, CancellationToken ct) =>
        await session.Query<Session>().Where(s => s.TeamId == teamId && s.IsOpen).FirstOrDefaultAsync(ct);

    private static async Task<IReadOnlyList<Session>> ListSessions(Guid teamId, IQuerySession session, CancellationToken ct)
    {
        await TeamEndpoints.LoadTeam(session, teamId, ct);
        var sessions = await session.Query<Session>().Where(s => s.TeamId == teamId).ToListAsync(ct);
        // Sorted here: ordering by a NodaTime member in LINQ is not to be trusted.
        return [.. sessions.OrderByDescending(s => s.StartedAt)];
    }

    private static async Task<Session> GetOpenSession(Guid teamId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        await TeamEndpoints.LoadTeam(session, teamId, ct);
        var open = await OpenSessionOf(session, teamId, ct)
            ?? throw DomainException.NotFound("session", "Dit team heeft nu geen lopende sessie.");
        Versions.Tag(http, open.Version);
        return open;
    }

    private static async Task<Session> GetSession(Guid sessionId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var found = await session.LoadAsync<Session>(sessionId, ct) ?? throw SessionNotFound();
        Versions.Tag(http, found.Version);
        return found;
    }

    private static async Task<IResult> StartSession(
        Guid teamId, StartSessionRequest? request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var created = await Start(session, clock, teamId, request?.Id ?? Guid.CreateVersion7(), request?.TrackId, Acting.Of(http, Permission.ChangeBoards), ct);
        Versions.Tag(http, created.Version);
        return Results.Created($"/api/v1/sessions/{created.Id}", created);
    }

    /// <summary>Starts a team's session, from the API or the stand-up screen alike.</summary>
    public static async Task<Session> Start(
        IDocumentSession session, IClock clock, Guid teamId, Guid sessionId, Guid? trackId, Acting acting, CancellationToken ct)
    {
        var team = await TeamEndpoints.LoadTeam(session, teamId, ct);
        await acting.Access.Demand(acting.User, acting.Permission, team);
        var by = Actor.Of(acting.User);
        var track = trackId is { } id ? await session.LoadAsync<Track>(id, ct) : null;
        var open = await OpenSessionOf(session, teamId, ct);
        var started = SessionDecisions.Start(team, new StartSession(sessionId, trackId), open, track, by, clock.GetCurrentInstant());
        session.Events.StartStream<Session>(started.SessionId, started);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsSecondOpenSession(e))
        {
            // Another start for this team landed between our check and our append: the same answer as the check.
            throw SessionDecisions.SecondOpenSession();
        }

        return Session.From(started);
    }

    private static bool IsSecondOpenSession(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OneOpenSessionPerTeam })
            {
                return true;
            }
        }

        return false;
    }
}
