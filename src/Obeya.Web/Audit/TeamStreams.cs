using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;

namespace Obeya.Web.Audit;

/// <summary>
/// Every stream of a team, kept up to date by the async daemon: its tracks (by title), its sessions and its wall
/// screens (by name). The audit trail reads this one document instead of loading every board, session and screen the
/// team ever had on each page.
/// </summary>
public sealed class TeamStreams
{
    public Guid Id { get; set; }

    public Dictionary<Guid, string> Tracks { get; set; } = [];

    public List<Guid> Sessions { get; set; } = [];

    public Dictionary<Guid, string> WallScreens { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public Guid[] All => [Id, .. Tracks.Keys, .. Sessions, .. WallScreens.Keys];
}

/// <summary>
/// Built from the streams of several kinds, so it runs in the async daemon (one node at a time, DaemonMode.HotCold):
/// a track's renaming names no team, so the grouping finds it through the track.
/// </summary>
public sealed class TeamStreamsProjection : MultiStreamProjection<TeamStreams, Guid>
{
    public TeamStreamsProjection()
    {
        Name = nameof(TeamStreams);
        IncludeType<TeamCreated>();
        IncludeType<TrackStarted>();
        IncludeType<TrackRenamed>();
        IncludeType<SessionStarted>();
        IncludeType<WallScreenCreated>();
        CustomGrouping(Group);
    }

    private static async Task Group(IQuerySession session, IReadOnlyList<IEvent> events, JasperFx.Events.Grouping.IEventGrouping<Guid> grouping)
    {
        var renamed = events.Select(e => e.Data).OfType<TrackRenamed>().Select(r => r.TrackId).Distinct().ToArray();
        var teamOf = renamed.Length == 0
            ? new Dictionary<Guid, Guid>()
            : (await session.LoadManyAsync<Track>(renamed)).ToDictionary(t => t.Id, t => t.TeamId);
        foreach (var e in events)
        {
            Guid? team = e.Data switch
            {
                TeamCreated x => x.TeamId,
                TrackStarted x => x.TeamId,
                SessionStarted x => x.TeamId,
                WallScreenCreated x => x.TeamId,
                TrackRenamed x when teamOf.TryGetValue(x.TrackId, out var id) => id,
                _ => null,
            };
            if (team is { } teamId)
            {
                grouping.AddEvent(teamId, e);
            }
        }
    }

    public override TeamStreams? Evolve(TeamStreams? snapshot, Guid id, IEvent e)
    {
        var streams = snapshot ?? new TeamStreams { Id = id };
        switch (e.Data)
        {
            case TrackStarted x:
                streams.Tracks[x.TrackId] = x.Title;
                break;
            case TrackRenamed x:
                streams.Tracks[x.TrackId] = x.Title;
                break;
            case SessionStarted x when !streams.Sessions.Contains(x.SessionId):
                streams.Sessions.Add(x.SessionId);
                break;
            case WallScreenCreated x:
                streams.WallScreens[x.WallScreenId] = x.Name;
                break;
        }

        return streams;
    }
}

public static class TeamStreamsSetup
{
    public static void ConfigureAudit(this StoreOptions options) =>
        options.Projections.Add(new TeamStreamsProjection(), ProjectionLifecycle.Async);
}
