using JasperFx;
using JasperFx.Events;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Teams;
using Obeya.Web.Access;
using Obeya.Web.Teams;

namespace Obeya.Web.Infrastructure;

/// <summary>Who acts and when, and the team the stream belongs to (owners, coaches, cadence, zone).</summary>
public sealed record Decision(string By, Instant Now, Team Team);

/// <summary>What every versioned write answers: the version it left (also in ETag), what it made or changed, and privacy warnings.</summary>
public sealed record WriteResult(Guid StreamId, long Version, Guid Id, IReadOnlyList<FieldWarning> Warnings);

/// <summary>
/// The one way a versioned stream (a track, a session) changes, from the API and from the screens alike: the
/// domain decides on the stored state as of the version the writer saw, and the event is appended only if
/// nobody wrote in between. A refusal stores nothing.
/// </summary>
public static class StreamWrites
{
    /// <summary>
    /// Writes one decided event; a stale <paramref name="expected"/> version throws the 412 problem, someone who may
    /// not change this team's things the 401/403 one. The access check is here, on the team just loaded, so the API
    /// and the screens cannot differ in it.
    /// </summary>
    public static async Task<(long Version, object Event)> Write<T>(
        IDocumentSession session, IClock clock, Guid streamId, long expected, Acting acting,
        Func<T, Guid> teamOf, Func<T, Decision, object> decide, Func<DomainException> notFound, CancellationToken ct)
        where T : class
    {
        IEventStream<T> stream;
        Team? team = null;
        try
        {
            // The team is known from an earlier look-up, so the stream and its team load in one round trip.
            if (TeamsOfThings.TryRemembered(streamId, out var teamId))
            {
                var batch = session.CreateBatchQuery();
                var fetched = batch.Events.FetchForWriting<T>(streamId, expected);
                var loaded = batch.Load<Team>(teamId);
                await batch.Execute(ct);
                stream = await fetched;
                team = await loaded;
            }
            else
            {
                stream = await session.Events.FetchForWriting<T>(streamId, expected, ct);
            }
        }
        catch (ConcurrencyException)
        {
            throw Versions.Stale(await CurrentVersion(session, streamId, notFound, ct));
        }

        var state = stream.Aggregate ?? throw notFound();
        if (team is null)
        {
            var teamId = teamOf(state);
            team = await TeamEndpoints.LoadTeam(session, teamId, ct);
            TeamsOfThings.Remember(streamId, teamId);
        }

        await acting.Access.Demand(acting.User, acting.Permission, team);
        var e = decide(state, new Decision(Actor.Of(acting.User), clock.GetCurrentInstant(), team));
        stream.AppendOne(e);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            // Someone wrote between our read and our append: the same answer as a stale version.
            throw Versions.Stale(await CurrentVersion(session, streamId, notFound, ct));
        }

        return (expected + 1, e);
    }

    /// <summary>
    /// One decided event on a stream that needs no expected version (additions, or settings where the last word
    /// wins): Marten still refuses one that lands between this read and its append. <paramref name="demand"/> asks
    /// the access rules about the state read. Answers that state and the event, for the caller to fold.
    /// </summary>
    public static async Task<(T State, object Event)> AppendOne<T>(
        IDocumentSession session, IClock clock, System.Security.Claims.ClaimsPrincipal user, Guid streamId, Func<DomainException> notFound,
        Func<T, Task> demand, Func<T, string, Instant, object> decide, CancellationToken ct)
        where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(streamId, ct);
        var state = stream.Aggregate ?? throw notFound();
        await demand(state);
        var e = decide(state, Actor.Of(user), clock.GetCurrentInstant());
        stream.AppendOne(e);
        await session.SaveChangesAsync(ct);
        return (state, e);
    }

    /// <summary>The HTTP form: actor the signed-in user, version from If-Match, the new version in ETag.</summary>
    public static async Task<IResult> Run<T>(
        HttpContext http, Permission permission, Guid streamId, Guid id, Func<T, Guid> teamOf, Func<T, Decision, object> decide,
        Func<DomainException> notFound, string location, bool created = false)
        where T : class
    {
        var expected = Versions.Expected(http);
        var (version, e) = await Write(
            http.RequestServices.GetRequiredService<IDocumentSession>(), http.RequestServices.GetRequiredService<IClock>(),
            streamId, expected, Acting.Of(http, permission), teamOf, decide, notFound, http.RequestAborted);
        Versions.Tag(http, version);
        var result = new WriteResult(streamId, version, id, PrivacyWarnings.Of(e));
        return created ? Results.Created(location, result) : Results.Ok(result);
    }

    private static async Task<long> CurrentVersion(IQuerySession session, Guid streamId, Func<DomainException> notFound, CancellationToken ct) =>
        (await session.Events.FetchStreamStateAsync(streamId, ct))?.Version ?? throw notFound();
}
