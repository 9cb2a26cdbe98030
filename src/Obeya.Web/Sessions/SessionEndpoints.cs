using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
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

    /// <summary>A session as the writer handles it: owned by its team; a second open one is the domain's refusal.</summary>
    public static readonly StreamKind<Session> Kind = new(
        SessionNotFound, s => s.TeamId, SessionItems.Of,
        violation => violation.ConstraintName == OneOpenSessionPerTeam ? SessionDecisions.SecondOpenSession() : null);

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
        teamSessions.MapGet("/history", History).Requires(Permission.ReadBoards)
            .WithSummary("A team's sessions as looked back on, newest first: date, who attended, the coach, the answers, the steps agreed");
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
        session.MapPost("/coaching/answers", (Guid sessionId, CoachingAnswerRequest r, HttpContext http) =>
            Write(http, Permission.RecordCoaching, sessionId, r.CoachId, (s, d) => SessionDecisions.SaveCoachingAnswer(s, d.Team, new(r.CoachId, r.Question, r.Answer), d.By, d.Now)))
            .Requires(Permission.RecordCoaching)
            .WithSummary("Save the coach's answer to one question as it is typed (a later one replaces it, an empty one withdraws it)");
        session.MapPost("/end", (Guid sessionId, HttpContext http) =>
            Write(http, Permission.ChangeBoards, sessionId, sessionId, (s, d) => SessionDecisions.End(s, d.By, d.Now)))
            .Requires(Permission.ChangeBoards)
            .WithSummary("End the session; someone must have been marked present");
        return api;
    }

    public static DomainException SessionNotFound() => DomainException.NotFound("sessionId", Phrase.Of("session.notFound"));

    /// <summary>A change to a session from the API: the version If-Match names, the team the route already checked.</summary>
    private static async Task<IResult> Write(HttpContext http, Permission permission, Guid sessionId, Guid id, Func<Session, Decision, object> decide)
    {
        var written = await http.RequestServices.GetRequiredService<Writer>().Change(
            Kind, sessionId, http.User, permission, new Versioning.Exactly(Versions.Expected(http)), (s, d) => [decide(s, d)],
            http.RequestAborted, EndpointRules.CheckedTeamOf(http));
        return ApiAnswers.Written(http, written, id);
    }

    public static async Task<Session?> OpenSessionOf(IQuerySession session, Guid teamId, CancellationToken ct) =>
        await session.Query<Session>().Where(s => s.TeamId == teamId && s.IsOpen).FirstOrDefaultAsync(ct);

    private static async Task<IReadOnlyList<Session>> ListSessions(Guid teamId, IQuerySession session, CancellationToken ct)
    {
        await TeamEndpoints.LoadTeam(session, teamId, ct);
        var sessions = await session.Query<Session>().Where(s => s.TeamId == teamId).ToListAsync(ct);
        // Sorted here: ordering by a NodaTime member in LINQ is not to be trusted.
        return [.. sessions.OrderByDescending(s => s.StartedAt)];
    }

    private static async Task<IReadOnlyList<SessionRecord>> History(Guid teamId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var team = EndpointRules.CheckedTeamOf(http)?.Team ?? await TeamEndpoints.LoadTeam(session, teamId, ct);
        return await SessionHistory.Of(session, team, ct);
    }

    private static async Task<IResult> GetOpenSession(Guid teamId, HttpContext http, IQuerySession session, StoredStreams reads, CancellationToken ct)
    {
        await TeamEndpoints.LoadTeam(session, teamId, ct);
        var open = await OpenSessionOf(session, teamId, ct) is { } found ? await reads.Json<Session>(found.Id, ct) : null;
        return ApiAnswers.Versioned(http, open ?? throw DomainException.NotFound("session", Phrase.Of("session.noneRunning")));
    }

    private static async Task<IResult> GetSession(Guid sessionId, HttpContext http, StoredStreams reads, CancellationToken ct) =>
        ApiAnswers.Versioned(http, await reads.Json<Session>(sessionId, ct) ?? throw SessionNotFound());

    private static async Task<IResult> StartSession(
        Guid teamId, StartSessionRequest? request, HttpContext http, IQuerySession session, Writer writer, AccessCheck access, CancellationToken ct)
    {
        var team = EndpointRules.CheckedTeamOf(http)?.Team ?? await TeamEndpoints.LoadTeam(session, teamId, ct);
        var started = await Start(session, writer, access, http.User, team, request?.Id ?? Guid.CreateVersion7(), request?.TrackId, ct);
        return ApiAnswers.Versioned(http, Session.From(started), 1, createdAt: $"/api/v1/sessions/{started.SessionId}");
    }

    /// <summary>
    /// Starts a team's session, from the API or the stand-up screen alike: asked on the team, decided on its open session
    /// and the named track. Two starts that both saw none open meet the unique index, which answers as the domain does.
    /// </summary>
    public static async Task<SessionStarted> Start(
        IQuerySession session, Writer writer, AccessCheck access, System.Security.Claims.ClaimsPrincipal user, Team team, Guid sessionId,
        Guid? trackId, CancellationToken ct)
    {
        await access.Demand(user, Permission.ChangeBoards, team);
        var track = trackId is { } id && id != Guid.Empty ? await session.LoadAsync<Track>(id, ct) : null;
        var open = await OpenSessionOf(session, team.Id, ct);
        var started = SessionDecisions.Start(team, new StartSession(sessionId, trackId), open, track, Actors.Of(user), writer.Now);
        await writer.Start(Kind, started.SessionId, [started], ct);
        return started;
    }
}
