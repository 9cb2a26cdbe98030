using JasperFx;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure;
using Obeya.Web.Teams;

namespace Obeya.Web.Tracks;

/// <summary>Who acts and when, and the team when a rule needs it (owners, cadence, zone).</summary>
public sealed record Decision(string By, Instant Now, Team Team);

/// <summary>
/// The one way a track changes: the actor and expected version are read, the domain decides on the
/// stored board, the event is appended only if nobody wrote in between. A refusal stores nothing.
/// </summary>
public static class TrackWrites
{
    public static async Task<IResult> Run(HttpContext http, Guid trackId, Guid id, Func<Track, Decision, object> decide, bool created = false)
    {
        var by = Actor.Of(http);
        var expected = Versions.Expected(http);
        var session = http.RequestServices.GetRequiredService<IDocumentSession>();
        var clock = http.RequestServices.GetRequiredService<IClock>();
        var ct = http.RequestAborted;

        var stream = await FetchExpected(session, trackId, expected, ct);
        var track = stream.Aggregate ?? throw TrackEndpoints.TrackNotFound();
        var team = await TeamEndpoints.LoadTeam(session, track.TeamId, ct);
        var e = decide(track, new Decision(by, clock.GetCurrentInstant(), team));
        stream.AppendOne(e);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            // Someone wrote between our read and our append: same answer as a stale If-Match.
            throw Versions.Stale(await CurrentVersion(session, trackId, ct));
        }

        var version = expected + 1;
        Versions.Tag(http, version);
        var result = new WriteResult(trackId, version, id, PrivacyWarnings.Of(e));
        return created ? Results.Created($"/api/v1/tracks/{trackId}", result) : Results.Ok(result);
    }

    private static async Task<JasperFx.Events.IEventStream<Track>> FetchExpected(IDocumentSession session, Guid trackId, long expected, CancellationToken ct)
    {
        try
        {
            return await session.Events.FetchForWriting<Track>(trackId, expected, ct);
        }
        catch (ConcurrencyException)
        {
            throw Versions.Stale(await CurrentVersion(session, trackId, ct));
        }
    }

    private static async Task<long> CurrentVersion(IQuerySession session, Guid trackId, CancellationToken ct) =>
        (await session.Events.FetchStreamStateAsync(trackId, ct))?.Version ?? throw TrackEndpoints.TrackNotFound();
}
