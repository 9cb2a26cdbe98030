using System.Security.Claims;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using NodaTime;
using Npgsql;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Teams;
using Obeya.Web.Access;
using Obeya.Web.Teams;

namespace Obeya.Web.Infrastructure.Writes;

/// <summary>Who acts and when, and the team the stream belongs to (owners, coaches, cadence, zone).</summary>
public sealed record Decision(Actor By, Instant Now, Team Team);

/// <summary>How a write meets a change someone else made between what it read and what it writes.</summary>
public abstract record Versioning
{
    /// <summary>The API: If-Match names the version read; any other version is refused (412) and nothing is stored.</summary>
    public sealed record Exactly(long Version) : Versioning;

    /// <summary>
    /// A screen: decided again on the newer state, unless the changes in between touch an item this change touches
    /// (then 412, "het bord is gewijzigd").
    /// </summary>
    public sealed record Seen(long Version) : Versioning;

    /// <summary>Additions and last-word settings: always decided on the newest state.</summary>
    public sealed record Latest : Versioning;

    public static readonly Versioning Newest = new Latest();
}

/// <summary>What a write left: the stream, its version in the store after it, the events it stored.</summary>
public sealed record Written(Guid StreamId, long Version, IReadOnlyList<object> Events)
{
    public IReadOnlyList<FieldWarning> Warnings => [.. Events.SelectMany(PrivacyWarnings.Of)];

    public T Single<T>() => Events.OfType<T>().Single();
}

/// <summary>
/// A kind of stream, as the writer handles it: what its absence is called, the team a stream of it belongs to (none
/// for programmes and accounts), the items an event touches (for a screen's write that raced another), and what a
/// unique index of its documents means when a write breaks it.
/// </summary>
public sealed record StreamKind<T>(
    Func<DomainException> NotFound,
    Func<T, Guid>? TeamOf = null,
    Func<object, IEnumerable<string>>? Items = null,
    Func<PostgresException, DomainException?>? Unique = null)
    where T : class;

/// <summary>A stream to start: the type of its read model, its id and its first events.</summary>
public sealed record NewStream(Type Kind, Guid Id, IReadOnlyList<object> Events);

/// <summary>A team whose rule the route already asked for this request: the write need not load or ask it again.</summary>
public sealed record CheckedTeam(Team Team, Permission Permission);

/// <summary>
/// The one way every stream changes, from the API, the screens and the seeding alike: load what the write is about
/// (and its team, in the same round trip when known); ask the access rules once, on what was loaded; decide, which
/// may yield several events; append with the version read. Where the command does not depend on the version
/// (<see cref="Versioning.Latest"/>, or a screen's change to another item), a write that lost the race is decided
/// again on the newer state. The version answered is the stream's version in the store. A refusal stores nothing.
/// </summary>
public sealed class Writer(IDocumentStore store, IClock clock, AccessCheck access, StreamLocks locks)
{
    /// <summary>Writers on other nodes (one node serialises its own): how often a write is decided again before giving up.</summary>
    private const int MaxAttempts = 10;

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>The rules this writer asks, for a write that asks them before its first change.</summary>
    public AccessCheck Access => access;

    /// <summary>A change to a team's thing (a track, session, wall screen or the team itself) by a signed-in person.</summary>
    public Task<Written> Change<T>(
        StreamKind<T> kind, Guid streamId, ClaimsPrincipal user, Permission permission, Versioning versioning,
        Func<T, Decision, IEnumerable<object>> decide, CancellationToken ct, CheckedTeam? checkedTeam = null)
        where T : class
    {
        var teamOf = kind.TeamOf ?? throw new ArgumentException("This kind of stream belongs to no team.", nameof(kind));
        return Run(kind, streamId, versioning, async (session, state, known) =>
        {
            var teamId = teamOf(state);
            var team = known?.Id == teamId ? known : await TeamEndpoints.LoadTeam(session, teamId, ct);
            TeamsOfThings.Remember(streamId, teamId);
            if (checkedTeam is not { } route || route.Team.Id != teamId || route.Permission != permission)
            {
                await access.Demand(user, permission, team);
            }

            var by = Actors.Of(user);
            return now => decide(state, new Decision(by, now, team));
        }, ct);
    }

    /// <summary>
    /// A change to a stream without a team (a programme, an account): <paramref name="demand"/> asks the rules on what
    /// was loaded, <paramref name="decide"/> gets the state and the moment.
    /// </summary>
    public Task<Written> Change<T>(
        StreamKind<T> kind, Guid streamId, Versioning versioning, Func<T, Task> demand, Func<T, Instant, IEnumerable<object>> decide,
        CancellationToken ct)
        where T : class =>
        Run(kind, streamId, versioning, async (_, state, _) =>
        {
            await demand(state);
            return now => decide(state, now);
        }, ct);

    /// <summary>
    /// A new stream with its first events, decided by the caller (who asked the rules on what it loaded for it). An id
    /// already in use is refused with 409, so a retried creation creates nothing twice.
    /// </summary>
    public async Task<Written> Start<T>(StreamKind<T> kind, Guid streamId, IReadOnlyList<object> events, CancellationToken ct)
        where T : class
    {
        _ = Ids.New("id", streamId, taken: false);
        await using var session = store.LightweightSession();
        session.Events.StartStream<T>(streamId, [.. events]);
        await Save(kind, session, ct);
        return new Written(streamId, events.Count, events);
    }

    /// <summary>Several new streams in one transaction, all or none: how the demo data is seeded.</summary>
    public async Task StartAll(IReadOnlyList<NewStream> streams, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        foreach (var stream in streams)
        {
            _ = Ids.New("id", stream.Id, taken: false);
            session.Events.StartStream(stream.Kind, stream.Id, [.. stream.Events]);
        }

        await Save(TeamEndpoints.Kind, session, ct);
    }

    /// <summary>
    /// One change on two streams in one transaction (a team escalating to the Obeya, the Obeya telling the team):
    /// <paramref name="decide"/> loads and checks what it needs through the attempt and names the events per stream.
    /// Each stream keeps its own versioning; a race on either decides again where both allow it.
    /// </summary>
    public async Task<(Written First, Written Second)> ChangeBoth<T1, T2>(
        (StreamKind<T1> Kind, Guid Id, Versioning Versioning) first, (StreamKind<T2> Kind, Guid Id, Versioning Versioning) second,
        Func<IQuerySession, T1, T2, Instant, Task<(IEnumerable<object> First, IEnumerable<object> Second)>> decide, CancellationToken ct)
        where T1 : class
        where T2 : class
    {
        CheckId(first.Kind.NotFound, first.Id);
        CheckId(second.Kind.NotFound, second.Id);
        using var held = await locks.Hold([first.Id, second.Id], ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var one = await session.Events.FetchForWriting<T1>(first.Id, ct);
            var two = await session.Events.FetchForWriting<T2>(second.Id, ct);
            var state1 = one.Aggregate ?? throw first.Kind.NotFound();
            var state2 = two.Aggregate ?? throw second.Kind.NotFound();
            RefuseOtherVersion(first.Versioning, Version(one));
            RefuseOtherVersion(second.Versioning, Version(two));
            var now = clock.GetCurrentInstant();
            var (events1, events2) = await decide(session, state1, state2, now);
            var decided1 = events1.ToList();
            var decided2 = events2.ToList();
            await Check(session, first.Kind, first.Id, first.Versioning, Version(one), decided1, ct);
            await Check(session, second.Kind, second.Id, second.Versioning, Version(two), decided2, ct);
            one.AppendMany([.. decided1]);
            two.AppendMany([.. decided2]);
            try
            {
                await Save(first.Kind, session, ct);
                return (new Written(first.Id, Version(one) + decided1.Count, decided1), new Written(second.Id, Version(two) + decided2.Count, decided2));
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts && first.Versioning is not Versioning.Exactly && second.Versioning is not Versioning.Exactly)
            {
            }
            catch (ConcurrencyException)
            {
                throw Versions.Stale(await CurrentVersion(session, first.Kind, first.Versioning is Versioning.Exactly ? first.Id : second.Id, ct));
            }
        }
    }

    /// <summary>
    /// One change to many streams of a kind in one transaction, all or none (an import touching many themes): each
    /// stream decided on its newest state, and decided again when another writer came in between. Streams whose
    /// decision is empty are left as they are.
    /// </summary>
    public async Task<IReadOnlyList<Written>> ChangeEach<T>(
        StreamKind<T> kind, IReadOnlyList<Guid> streamIds, Func<T, Instant, IEnumerable<object>> decide, CancellationToken ct)
        where T : class
    {
        foreach (var id in streamIds)
        {
            CheckId(kind.NotFound, id);
        }

        using var held = await locks.Hold([.. streamIds], ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var batch = session.CreateBatchQuery();
            var fetching = streamIds.Select(id => batch.Events.FetchForWriting<T>(id)).ToList();
            await batch.Execute(ct);
            var now = clock.GetCurrentInstant();
            var written = new List<Written>();
            foreach (var fetched in fetching)
            {
                var stream = await fetched;
                var events = decide(stream.Aggregate ?? throw kind.NotFound(), now).ToList();
                if (events.Count > 0)
                {
                    stream.AppendMany([.. events]);
                    written.Add(new Written(stream.Id, Version(stream) + events.Count, events));
                }
            }

            if (written.Count == 0)
            {
                return written;
            }

            try
            {
                await Save(kind, session, ct);
                return written;
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                // Another node wrote one of the streams in between: decide them all again on what is there now.
            }
        }
    }

    private async Task<Written> Run<T>(
        StreamKind<T> kind, Guid streamId, Versioning versioning,
        Func<IQuerySession, T, Team?, Task<Func<Instant, IEnumerable<object>>>> prepare, CancellationToken ct)
        where T : class
    {
        CheckId(kind.NotFound, streamId);
        // One node writes a stream one change at a time, so its own writers never race each other.
        using var held = await locks.Hold([streamId], ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var (stream, knownTeam) = await Fetch<T>(session, kind, streamId, ct);
            var state = stream.Aggregate ?? throw kind.NotFound();
            var read = Version(stream);
            RefuseOtherVersion(versioning, read);

            var decide = await prepare(session, state, knownTeam);
            var events = decide(clock.GetCurrentInstant()).ToList();
            await Check(session, kind, streamId, versioning, read, events, ct);
            if (events.Count == 0)
            {
                return new Written(streamId, read, events);
            }

            stream.AppendMany([.. events]);
            try
            {
                await Save(kind, session, ct);
                return new Written(streamId, read + events.Count, events);
            }
            catch (ConcurrencyException) when (versioning is not Versioning.Exactly && attempt < MaxAttempts)
            {
                // Another node wrote in between: decide again on what is there now.
            }
            catch (ConcurrencyException)
            {
                throw Versions.Stale(await CurrentVersion(session, kind, streamId, ct));
            }
        }
    }

    /// <summary>The stream, and its team in the same round trip when the team of this thing is already known.</summary>
    private static async Task<(IEventStream<T> Stream, Team? Team)> Fetch<T>(IDocumentSession session, StreamKind<T> kind, Guid streamId, CancellationToken ct)
        where T : class
    {
        if (kind.TeamOf is not null && TeamsOfThings.TryRemembered(streamId, out var teamId))
        {
            var batch = session.CreateBatchQuery();
            var fetched = batch.Events.FetchForWriting<T>(streamId);
            var team = batch.Load<Team>(teamId);
            await batch.Execute(ct);
            return (await fetched, await team);
        }

        return (await session.Events.FetchForWriting<T>(streamId, ct), null);
    }

    /// <summary>
    /// A screen's change meets the changes made since the version it showed: refused when they touch an item in common,
    /// otherwise it stands as decided on the newer state.
    /// </summary>
    private static async Task Check<T>(
        IQuerySession session, StreamKind<T> kind, Guid streamId, Versioning versioning, long read, IReadOnlyList<object> decided, CancellationToken ct)
        where T : class
    {
        switch (versioning)
        {
            case Versioning.Exactly exactly when exactly.Version != read:
                throw Versions.Stale(read);
            case Versioning.Seen seen when seen.Version < read && decided.Count > 0:
                var items = kind.Items ?? throw new InvalidOperationException("A screen's write needs the items its events touch.");
                var since = await session.Events.FetchStreamAsync(streamId, version: read, fromVersion: seen.Version + 1, token: ct);
                var touched = since.SelectMany(e => items(e.Data)).ToHashSet();
                if (decided.SelectMany(items).Any(touched.Contains))
                {
                    throw Versions.Stale(read);
                }

                break;
            case Versioning.Seen seen when seen.Version > read:
                throw Versions.Stale(read);
        }
    }

    private static async Task Save<T>(StreamKind<T> kind, IDocumentSession session, CancellationToken ct)
        where T : class
    {
        try
        {
            await session.SaveChangesAsync(ct);
            ObeyaTelemetry.Commands.Add(1, new KeyValuePair<string, object?>("obeya.stream", typeof(T).Name));
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            throw DomainException.Conflict("id", Phrase.Of("id.exists"));
        }
        catch (Exception e) when (UniqueViolation(e) is { } violation)
        {
            throw kind.Unique?.Invoke(violation)
                ?? DomainException.Conflict("id", Phrase.Of("id.exists"));
        }
    }

    private static PostgresException? UniqueViolation(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                return unique;
            }
        }

        return null;
    }

    private static long Version<T>(IEventStream<T> stream)
        where T : class => stream.StartingVersion ?? 0;

    /// <summary>The API's If-Match, asked before anything is decided: another version is 412, whatever the command.</summary>
    private static void RefuseOtherVersion(Versioning versioning, long read)
    {
        if (versioning is Versioning.Exactly exactly && exactly.Version != read)
        {
            throw Versions.Stale(read);
        }
    }

    private static void CheckId(Func<DomainException> notFound, Guid id)
    {
        if (id == Guid.Empty)
        {
            throw notFound();
        }
    }

    private static async Task<long> CurrentVersion<T>(IQuerySession session, StreamKind<T> kind, Guid streamId, CancellationToken ct)
        where T : class =>
        (await session.Events.FetchStreamStateAsync(streamId, ct))?.Version ?? throw kind.NotFound();
}
