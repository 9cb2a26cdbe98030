using NodaTime;
using NodaTime.Text;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;

namespace Obeya.Domain.Audit;

/// <summary>One stored event of any of a team's streams, with its place in the store's global order.</summary>
public sealed record AuditSource(long Sequence, Guid StreamId, object Data);

/// <summary>One line of a team's audit trail: when, who, what (a Dutch sentence) and on which board.</summary>
public sealed record AuditEntry(long Sequence, Instant When, string Who, string What, string Board);

/// <summary>
/// Everything done on a team's boards, its sessions and its wall screens, in the order it was stored. Track events
/// read as their own history does (TrackHistory), so the audit trail and a board's history never disagree.
/// </summary>
public static class AuditTrail
{
    public const string TeamBoard = "team";
    public const string SessionBoard = "sessie";
    public const string WallScreenBoard = "wandscherm";

    private static readonly LocalTimePattern Clock = LocalTimePattern.Create("HH:mm", Dutch.Culture);

    /// <summary>The entries of <paramref name="sources"/>, oldest first by sequence.</summary>
    public static IReadOnlyList<AuditEntry> Of(IEnumerable<AuditSource> sources)
    {
        var ordered = sources.OrderBy(s => s.Sequence).ToList();

        // A track's sentences need the board as it stood before each event, so each track stream is told as a whole.
        // Keyed by the stream that holds the TrackStarted, not by its TrackId: the store names the stream, and the two
        // need not agree (the demo data once started a track under another id).
        var tracks = ordered.Where(s => s.Data is TrackStarted).ToDictionary(s => s.StreamId, s => ((TrackStarted)s.Data).Title);
        var titles = ordered.Select(s => s.Data).OfType<TrackStarted>().GroupBy(t => t.TrackId).ToDictionary(g => g.Key, g => g.First().Title);
        var trackSentences = ordered.Where(s => tracks.ContainsKey(s.StreamId))
            .GroupBy(s => s.StreamId)
            .SelectMany(stream => stream.Zip(TrackHistory.Of([.. stream.Select(s => s.Data)]), (s, h) => (s.Sequence, h.Sentence)))
            .ToDictionary(x => x.Sequence, x => x.Sentence);
        var screens = ordered.Select(s => s.Data).OfType<WallScreenCreated>().ToDictionary(w => w.WallScreenId, w => w.Name);

        var entries = new List<AuditEntry>(ordered.Count);
        foreach (var source in ordered)
        {
            var fact = (IFact)source.Data;
            var (what, board) = source.Data switch
            {
                // TrackHistory's sentences already start with who acted.
                _ when trackSentences.TryGetValue(source.Sequence, out var sentence) => (sentence, tracks[source.StreamId]),
                TeamCreated or TeamRenamed or TeamMemberAdded or CoachAssigned or TeamCadenceChanged => ($"{fact.By} {Team(source.Data)}", TeamBoard),
                SessionStarted or AttendanceMarked or CoachingConversationRecorded or SessionEnded => ($"{fact.By} {Session(source.Data, titles)}", SessionBoard),
                WallScreenCreated or WallScreenRevoked => ($"{fact.By} {WallScreen(source.Data, screens)}", WallScreenBoard),
                _ => ($"{fact.By} deed iets wat deze versie van Obeya niet kent ({source.Data.GetType().Name})", TeamBoard),
            };
            entries.Add(new AuditEntry(source.Sequence, fact.At, fact.By, what, board));
        }

        return entries;
    }

    private static string Team(object e) => e switch
    {
        TeamCreated x => $"maakte het team '{x.Name}' aan",
        TeamRenamed x => $"gaf het team de naam '{x.Name}'",
        TeamMemberAdded x => $"voegde {x.Name} toe als teamlid",
        CoachAssigned x => $"wees {x.Name} aan als coach",
        TeamCadenceChanged x => $"zette de sessies op {Days(x.Cadence.Days)} om {Clock.Format(x.Cadence.StartsAt)}, {x.Cadence.DurationMinutes} minuten",
        _ => throw new ArgumentException($"{e.GetType().Name} is not a team event.", nameof(e)),
    };

    private static string Session(object e, Dictionary<Guid, string> titles) => e switch
    {
        SessionStarted { TrackId: { } track } x when titles.TryGetValue(track, out var title) =>
            $"startte een sessie van {x.DurationMinutes} minuten bij '{title}'",
        SessionStarted x => $"startte een sessie van {x.DurationMinutes} minuten",
        AttendanceMarked x => $"noteerde {x.PersonName} als {(x.Present ? "aanwezig" : "afwezig")}",
        CoachingConversationRecorded x =>
            $"legde het coachingsgesprek met {x.CoachName} vast ({x.Answers.Count} {(x.Answers.Count == 1 ? "antwoord" : "antwoorden")})",
        SessionEnded => "sloot de sessie af",
        _ => throw new ArgumentException($"{e.GetType().Name} is not a session event.", nameof(e)),
    };

    private static string WallScreen(object e, Dictionary<Guid, string> screens) => e switch
    {
        WallScreenCreated x => $"maakte het wandscherm '{x.Name}' voor {x.Boards.Count} {(x.Boards.Count == 1 ? "bord" : "borden")}",
        WallScreenRevoked x => $"trok het wandscherm '{screens.GetValueOrDefault(x.WallScreenId, "?")}' in",
        _ => throw new ArgumentException($"{e.GetType().Name} is not a wall screen event.", nameof(e)),
    };

    private static string Days(IEnumerable<IsoDayOfWeek> days) =>
        string.Join(" en ", days.Select(d => Dutch.Culture.DateTimeFormat.GetDayName((DayOfWeek)((int)d % 7))));
}

/// <summary>
/// Which entries to show: from and to are whole days in the team's zone (both included); who and board match whole
/// values, ignoring case. Empty means no filter.
/// </summary>
public sealed record AuditFilter(LocalDate? From = null, LocalDate? To = null, string? Who = null, string? Board = null)
{
    public IReadOnlyList<AuditEntry> Apply(IEnumerable<AuditEntry> entries, DateTimeZone zone) =>
        [.. entries.Where(e => Matches(e, zone))];

    private bool Matches(AuditEntry entry, DateTimeZone zone)
    {
        var day = entry.When.InZone(zone).Date;
        return (From is not { } from || day >= from)
            && (To is not { } to || day <= to)
            && (string.IsNullOrWhiteSpace(Who) || string.Equals(entry.Who, Who.Trim(), StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(Board) || string.Equals(entry.Board, Board.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
