using System.Collections.Concurrent;
using Marten;
using Obeya.Domain;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;
using Obeya.Web.Sessions;
using Obeya.Web.Teams;
using Obeya.Web.Tracks;
using Obeya.Web.WallScreens;

namespace Obeya.Web.Access;

/// <summary>
/// The team a track, session, wall screen or process belongs to: what every access question is asked about. A thing never
/// changes team, so the answer is remembered; the team itself is always read fresh (its members change).
/// </summary>
public static class TeamsOfThings
{
    /// <summary>The route values that name a team's thing, as the API's routes call them, the most specific first.</summary>
    private static readonly string[] RouteKeys = ["wallScreenId", "sessionId", "processId", "trackId", "teamId"];

    private static readonly ConcurrentDictionary<Guid, Guid> Remembered = new();

    /// <summary>Plenty for every thing touched since start; beyond it the map starts over rather than grow without end.</summary>
    private const int MaxRemembered = 100_000;

    /// <summary>The team of the thing a route names; null when the route names none; NotFound when it does not exist.</summary>
    public static async Task<Team?> Of(IQuerySession session, RouteValueDictionary route, CancellationToken ct)
    {
        foreach (var key in RouteKeys)
        {
            if (route.TryGetValue(key, out var value) && Guid.TryParse(value?.ToString(), out var id))
            {
                return await Of(session, key, id, ct);
            }
        }

        return null;
    }

    /// <summary>The team of a live board ("track:{id}" or "team:{id}").</summary>
    public static Task<Team> OfBoard(IQuerySession session, string kind, Guid id, CancellationToken ct) =>
        Of(session, kind == "track" ? "trackId" : "teamId", id, ct);

    public static async Task<Team> Of(IQuerySession session, string key, Guid id, CancellationToken ct)
    {
        if (key == "teamId")
        {
            return await TeamEndpoints.LoadTeam(session, id, ct);
        }

        if (!Remembered.TryGetValue(id, out var teamId))
        {
            var found = key switch
            {
                "trackId" => await session.Query<Track>().Where(t => t.Id == id).Select(t => t.TeamId).ToListAsync(ct),
                "sessionId" => await session.Query<Session>().Where(s => s.Id == id).Select(s => s.TeamId).ToListAsync(ct),
                "wallScreenId" => await session.Query<WallScreen>().Where(s => s.Id == id).Select(s => s.TeamId).ToListAsync(ct),
                "processId" => await session.Query<Obeya.Domain.Processes.Process>().Where(p => p.Id == id).Select(p => p.OwningTeamId).ToListAsync(ct),
                _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a route value that names a team's thing."),
            };
            teamId = found.Count > 0 ? found[0] : throw NotFound(key);
            Remember(id, teamId);
        }

        return await TeamEndpoints.LoadTeam(session, teamId, ct);
    }

    /// <summary>The team of a track, session or wall screen already looked up, if it was.</summary>
    public static bool TryRemembered(Guid thingId, out Guid teamId) => Remembered.TryGetValue(thingId, out teamId);

    public static void Remember(Guid thingId, Guid teamId)
    {
        if (Remembered.Count >= MaxRemembered)
        {
            Remembered.Clear();
        }

        Remembered[thingId] = teamId;
    }

    private static DomainException NotFound(string key) => key switch
    {
        "trackId" => TrackEndpoints.TrackNotFound(),
        "sessionId" => SessionEndpoints.SessionNotFound(),
        "processId" => Processes.ProcessEndpoints.ProcessNotFound(),
        _ => WallScreenEndpoints.WallScreenNotFound(),
    };
}
