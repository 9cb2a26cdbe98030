using NodaTime;
using NodaTime.Text;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;

namespace Obeya.Domain.Audit;

/// <summary>
/// One line of a team's audit trail: its place in the store's order, when, who, what (the sentence without its subject,
/// see <see cref="SentenceAs"/>) and on which board.
/// </summary>
public sealed record AuditEntry(long Sequence, Instant When, Actor By, string Action, string Board)
{
    public string SentenceAs(string name) => $"{name} {Action}";
}

/// <summary>
/// What a team did on its boards, in its sessions and to its wall screens, as Dutch sentences. A track's events read as
/// its own history does (<see cref="TrackHistory"/>, which needs the board as it stood before each event); the team's,
/// sessions' and wall screens' events need only the names of the tracks and screens they mention.
/// </summary>
public static class AuditTrail
{
    public const string TeamBoard = "team";
    public const string SessionBoard = "sessie";
    public const string WallScreenBoard = "wandscherm";

    private static readonly LocalTimePattern Clock = LocalTimePattern.Create("HH:mm", Dutch.Culture);

    /// <summary>The board a team, session or wall screen event is shown on; null for anything else.</summary>
    public static string? BoardOf(object e) => e switch
    {
        TeamCreated or TeamRenamed or TeamMemberAdded or CoachAssigned or TeamMemberRemoved or CoachRemoved or TeamCadenceChanged => TeamBoard,
        SessionStarted or AttendanceMarked or CoachingConversationRecorded or CoachingAnswerSaved or SessionEnded => SessionBoard,
        WallScreenCreated or WallScreenRevoked => WallScreenBoard,
        _ => null,
    };

    /// <summary>
    /// The sentence (without its subject) of a team, session or wall screen event; <paramref name="trackTitle"/> and
    /// <paramref name="screenName"/> name what it mentions.
    /// </summary>
    public static string Describe(object e, Func<Guid, string?> trackTitle, Func<Guid, string?> screenName) => e switch
    {
        SessionStarted { TrackId: { } track } x when trackTitle(track) is { } title => $"startte een sessie van {x.DurationMinutes} minuten bij '{title}'",
        SessionStarted x => $"startte een sessie van {x.DurationMinutes} minuten",
        AttendanceMarked x => $"noteerde {x.PersonName} als {(x.Present ? "aanwezig" : "afwezig")}",
        CoachingConversationRecorded x =>
            $"legde het coachingsgesprek met {x.CoachName} vast ({x.Answers.Count} {(x.Answers.Count == 1 ? "antwoord" : "antwoorden")})",
        CoachingAnswerSaved { Answer: null } x => $"haalde het antwoord van {x.CoachName} op coachingsvraag {x.Question} weg",
        CoachingAnswerSaved x => $"legde het antwoord van {x.CoachName} op coachingsvraag {x.Question} vast",
        SessionEnded => "sloot de sessie af",
        WallScreenCreated x => $"maakte het wandscherm '{x.Name}' voor {x.Boards.Count} {(x.Boards.Count == 1 ? "bord" : "borden")}",
        WallScreenRevoked x => $"trok het wandscherm '{screenName(x.WallScreenId) ?? "?"}' in",
        TeamCreated or TeamRenamed or TeamMemberAdded or CoachAssigned or TeamMemberRemoved or CoachRemoved or TeamCadenceChanged => Team(e),
        _ => $"deed iets wat deze versie van Obeya niet kent ({e.GetType().Name})",
    };

    private static string Team(object e) => e switch
    {
        TeamCreated x => $"maakte het team '{x.Name}' aan",
        TeamRenamed x => $"gaf het team de naam '{x.Name}'",
        TeamMemberAdded x => $"voegde {x.Name} toe als teamlid",
        CoachAssigned x => $"wees {x.Name} aan als coach",
        TeamMemberRemoved x => $"haalde {x.Name} uit het team",
        CoachRemoved x => $"haalde {x.Name} weg als coach",
        TeamCadenceChanged x => $"zette de sessies op {Days(x.Cadence.Days)} om {Clock.Format(x.Cadence.StartsAt)}, {x.Cadence.DurationMinutes} minuten",
        _ => throw new ArgumentException($"{e.GetType().Name} is not a team event.", nameof(e)),
    };

    private static string Days(IEnumerable<IsoDayOfWeek> days) =>
        string.Join(" en ", days.Select(d => Dutch.Culture.DateTimeFormat.GetDayName((DayOfWeek)((int)d % 7))));
}

/// <summary>
/// Which entries to show: from and to are whole days in the team's zone (both included); who is a person's name as the
/// trail shows it now, board a board's name; both ignore case. Empty means no filter.
/// </summary>
public sealed record AuditFilter(LocalDate? From = null, LocalDate? To = null, string? Who = null, string? Board = null);
