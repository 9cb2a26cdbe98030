using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten.Events.Aggregation;
using Marten;
using NodaTime;
using Obeya.Domain;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure;
using Obeya.Web.Teams;

namespace Obeya.Web.Tracks;

public sealed record StartTrackRequest(string Title, string Challenge, Guid? Id = null);

/// <summary>What a team's page shows of each of its tracks.</summary>
public sealed record TrackSummary(Guid Id, string Title, string Challenge, string? TargetCondition, LocalDate? AchieveBy, Instant LastChangedAt)
{
    public static TrackSummary Of(Track track) => new(
        track.Id, track.Title, track.Challenge, track.ActiveTargetCondition?.Description,
        track.ActiveTargetCondition?.AchieveBy, track.LastChangedAt);
}

/// <summary>The storyboard document, folded inline by the domain's own Create and With, so the domain needs no Marten.</summary>
public sealed class TrackProjection : SingleStreamProjection<Track, Guid>
{
    public override Track? Evolve(Track? snapshot, Guid id, IEvent e) =>
        e.Data is TrackStarted started ? Track.From(started) : snapshot?.With(e.Data);
}

/// <summary>Improvement tracks: start one for a team, read its storyboard (the inline snapshot of its stream).</summary>
public static class TrackEndpoints
{
    public static StoreOptions ConfigureTracks(this StoreOptions options)
    {
        options.Projections.Add<TrackProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Track>().Index(t => t.TeamId);
        return options;
    }

    public static IEndpointRouteBuilder MapTracks(this IEndpointRouteBuilder api)
    {
        var tracks = api.MapGroup("").WithTags("Tracks");
        tracks.MapGet("/teams/{teamId:guid}/tracks", ListTracks).WithSummary("A team's improvement tracks");
        tracks.MapPost("/teams/{teamId:guid}/tracks", StartTrack).WithSummary("Start an improvement track with its challenge");
        tracks.MapGet("/tracks/{trackId:guid}", GetTrack).WithSummary("The storyboard of one track");
        return api;
    }

    public static async Task<IReadOnlyList<TrackSummary>> TracksOf(IQuerySession session, Guid teamId, CancellationToken ct)
    {
        var tracks = await session.Query<Track>().Where(t => t.TeamId == teamId).ToListAsync(ct);
        return [.. tracks.OrderBy(t => t.StartedAt).Select(TrackSummary.Of)];
    }

    private static async Task<IReadOnlyList<TrackSummary>> ListTracks(Guid teamId, IQuerySession session, CancellationToken ct)
    {
        await TeamEndpoints.LoadTeam(session, teamId, ct);
        return await TracksOf(session, teamId, ct);
    }

    private static async Task<IResult> StartTrack(
        Guid teamId, StartTrackRequest request, HttpContext http, IDocumentSession session, IClock clock, CancellationToken ct)
    {
        var team = await TeamEndpoints.LoadTeam(session, teamId, ct);
        var started = TrackDecisions.Start(
            team, new StartTrack(request.Id ?? Guid.CreateVersion7(), request.Title, request.Challenge), Actor.Of(http), clock.GetCurrentInstant());
        session.Events.StartStream<Track>(started.TrackId, started);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/tracks/{started.TrackId}", Track.From(started));
    }

    private static async Task<Track> GetTrack(Guid trackId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Track>(trackId, ct)
        ?? throw DomainException.NotFound("trackId", "Dit verbetertraject bestaat niet.");
}
