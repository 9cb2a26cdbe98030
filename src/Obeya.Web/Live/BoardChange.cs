using System.Collections.Concurrent;
using System.Text.Json;
using JasperFx.Events;
using NodaTime;
using Obeya.Domain;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Live;

/// <summary>
/// One committed event as a board receives it: which board, its global sequence (for catch-up), the version of
/// its stream (to apply it exactly once, in order), its type name and its data.
/// </summary>
public sealed record BoardChange(string Board, long Sequence, Guid StreamId, long Version, string Type, object Data, Instant At, string By)
{
    /// <summary>Committed on another node and handed to this one (several nodes: <see cref="ScaleOut"/>); never sent to clients.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool FromOtherNode { get; init; }

    public static BoardChange Of(string board, IEvent e) => board.StartsWith(ObeyaPrefix, StringComparison.Ordinal)
        // The Obeya only learns that a track changed (it reloads its summary); what changed stays with the team.
        ? new(board, e.Sequence, e.StreamId, e.Version, "", new { }, ((IFact)e.Data).At, "")
        : new(board, e.Sequence, e.StreamId, e.Version, e.Data.GetType().Name, e.Data, ((IFact)e.Data).At, ((IFact)e.Data).By.Name);

    /// <summary>The event as every board it concerns receives it.</summary>
    public static IEnumerable<BoardChange> AllOf(IEvent e) => Boards.Of(e.Data).Select(board => Of(board, e));

    private const string ObeyaPrefix = "obeya:";

    /// <summary>The domain event again, on a client that received the data as JSON.</summary>
    public object ReadEvent(JsonSerializerOptions json) => Data switch
    {
        JsonElement element => element.Deserialize(EventTypes.Named(Type), json)!,
        _ => Data,
    };
}

/// <summary>What a board missed: the changes since a sequence, in order, or "reload" when the gap is too old.</summary>
public sealed record CatchUp(IReadOnlyList<BoardChange> Changes, bool Reload)
{
    /// <summary>More missed changes than this and the board reloads its state instead.</summary>
    public const int MaxChanges = 500;

    /// <summary>
    /// What a storyboard missed after <paramref name="afterSequence"/>, read from the store: for the hub's clients and the
    /// screens alike. A team's things live in several streams; their screens simply reload.
    /// </summary>
    public static async Task<CatchUp> Since(Marten.IQuerySession session, string board, long afterSequence, CancellationToken ct)
    {
        if (!Boards.TryParse(board, out var kind, out var id) || kind != "track")
        {
            return new CatchUp([], Reload: true);
        }

        var missed = await Marten.QueryableExtensions.ToListAsync(
            session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId == id && e.Sequence > afterSequence)
                .OrderBy(e => e.Sequence)
                .Take(MaxChanges + 1),
            ct);
        return missed.Count > MaxChanges
            ? new CatchUp([], Reload: true)
            : new CatchUp([.. missed.Select(e => BoardChange.Of(board, e))], Reload: false);
    }
}

/// <summary>What a wall screen joined: its boards in the order it shows them, rotating every so many seconds or not.</summary>
public sealed record WallJoined(Guid WallScreenId, string Name, IReadOnlyList<string> Boards, int? RotateSeconds)
{
    public const string Refused = "Deze wandschermlink werkt niet (meer).";
}

/// <summary>
/// Board names are groups on the hub: "track:{id}" for a storyboard, "team:{id}" for a team's things,
/// "wall:{id}" for a wall screen's own fate (its revocation), "programme:{id}" for an Obeya.
/// </summary>
public static class Boards
{
    public static string Track(Guid id) => $"track:{id}";

    public static string Team(Guid id) => $"team:{id}";

    public static string Wall(Guid id) => $"wall:{id}";

    /// <summary>A programme's Obeya views: every change to the programme itself.</summary>
    public static string Programme(Guid id) => $"programme:{id}";

    /// <summary>
    /// "Track {id} changed", without what: the Obeya views of every signed-in person reload a track's summary on it,
    /// also for tracks of teams whose boards that person may not open.
    /// </summary>
    public static string Obeya(Guid trackId) => $"obeya:{trackId}";

    public static bool TryParse(string? board, out string kind, out Guid id)
    {
        var parts = (board ?? "").Split(':', 2);
        kind = parts[0];
        id = Guid.Empty;
        return parts.Length == 2 && kind is "track" or "team" or "programme" or "obeya" && Guid.TryParse(parts[1], out id);
    }

    private static readonly ConcurrentDictionary<Type, Func<object, string[]>> BoardsOfType = new();

    /// <summary>The boards an event concerns, read off its TrackId and TeamId, so a new event type needs no registration.</summary>
    public static string[] Of(object e) => BoardsOfType.GetOrAdd(e.GetType(), Reader)(e);

    private static Func<object, string[]> Reader(Type type)
    {
        var track = type.GetProperty("TrackId", typeof(Guid));
        var team = type.GetProperty("TeamId", typeof(Guid));
        var wall = type.GetProperty("WallScreenId", typeof(Guid));
        var programme = type.GetProperty("ProgrammeId", typeof(Guid));
        return e =>
        {
            var boards = new List<string>(3);
            if (track is not null)
            {
                boards.Add(Track((Guid)track.GetValue(e)!));
                boards.Add(Obeya((Guid)track.GetValue(e)!));
            }

            if (team is not null)
            {
                boards.Add(Team((Guid)team.GetValue(e)!));
            }

            if (wall is not null)
            {
                boards.Add(Wall((Guid)wall.GetValue(e)!));
            }

            // An escalation names its programme too: the Obeya views hear it as the team's board does.
            if (programme is not null)
            {
                boards.Add(Programme((Guid)programme.GetValue(e)!));
            }

            return [.. boards];
        };
    }
}
