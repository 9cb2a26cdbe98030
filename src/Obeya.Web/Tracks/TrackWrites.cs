using Obeya.Domain.Access;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Tracks;

/// <summary>A change to a track, through the shared versioned write.</summary>
public static class TrackWrites
{
    public static Task<IResult> Run(HttpContext http, Guid trackId, Guid id, Func<Track, Decision, object> decide, bool created = false) =>
        StreamWrites.Run(http, Permission.ChangeBoards, trackId, id, t => t.TeamId, decide, TrackEndpoints.TrackNotFound, $"/api/v1/tracks/{trackId}", created);
}
