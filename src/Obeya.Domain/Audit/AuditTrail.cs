using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;

namespace Obeya.Domain.Audit;

/// <summary>
/// What a team did on its boards, in its sessions and to its wall screens, as phrases. A track's events read as
/// its own history does (<see cref="TrackHistory"/>, which needs the board as it stood before each event); the team's,
/// sessions' and wall screens' events need only the names of the tracks and screens they mention.
/// </summary>
public static class AuditTrail
{
    public const string TeamBoard = "team";
    public const string SessionBoard = "sessie";
    public const string WallScreenBoard = "wandscherm";

    private static readonly LocalTimePattern Clock = LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The board a team, session or wall screen event is shown on; null for anything else.</summary>
    public static string? BoardOf(object e) => e switch
    {
        TeamCreated or TeamRenamed or TeamMemberAdded or CoachAssigned or TeamMemberRemoved or CoachRemoved or TeamCadenceChanged => TeamBoard,
        SessionStarted or AttendanceMarked or CoachingConversationRecorded or CoachingAnswerSaved or SessionEnded => SessionBoard,
        WallScreenCreated or WallScreenRevoked => WallScreenBoard,
        _ => null,
    };

    /// <summary>
    /// What a team, session or wall screen event did (without its subject); <paramref name="trackTitle"/> and
    /// <paramref name="screenName"/> name what it mentions.
    /// </summary>
    public static Phrase Describe(object e, Func<Guid, string?> trackTitle, Func<Guid, string?> screenName) => e switch
    {
        SessionStarted { TrackId: { } track } x when trackTitle(track) is { } title => Phrase.Of("audit.sessionStartedOnTrack", x.DurationMinutes, title),
        SessionStarted x => Phrase.Of("audit.sessionStarted", x.DurationMinutes),
        AttendanceMarked x => Phrase.Of("audit.attendanceMarked", x.PersonName, x.Present ? Phrase.Of("audit.present") : Phrase.Of("audit.absent")),
        CoachingConversationRecorded x => x.Answers.Count == 1 ? Phrase.Of("audit.coachingRecordedOne", x.CoachName, x.Answers.Count) : Phrase.Of("audit.coachingRecorded", x.CoachName, x.Answers.Count),
        CoachingAnswerSaved { Answer: null } x => Phrase.Of("audit.coachingAnswerRemoved", x.CoachName, x.Question),
        CoachingAnswerSaved x => Phrase.Of("audit.coachingAnswerSaved", x.CoachName, x.Question),
        SessionEnded => Phrase.Of("audit.sessionEnded"),
        WallScreenCreated x => x.Boards.Count == 1 ? Phrase.Of("audit.wallScreenCreatedOne", x.Name, x.Boards.Count) : Phrase.Of("audit.wallScreenCreated", x.Name, x.Boards.Count),
        WallScreenRevoked x => Phrase.Of("audit.wallScreenRevoked", screenName(x.WallScreenId) ?? "?"),
        TeamCreated or TeamRenamed or TeamMemberAdded or CoachAssigned or TeamMemberRemoved or CoachRemoved or TeamCadenceChanged => Team(e),
        _ => TrackHistory.UnknownEvent(e),
    };

    private static Phrase Team(object e) => e switch
    {
        TeamCreated x => Phrase.Of("audit.teamCreated", x.Name),
        TeamRenamed x => Phrase.Of("audit.teamRenamed", x.Name),
        TeamMemberAdded x => Phrase.Of("audit.memberAdded", x.Name),
        CoachAssigned x => Phrase.Of("audit.coachAssigned", x.Name),
        TeamMemberRemoved x => Phrase.Of("audit.memberRemoved", x.Name),
        CoachRemoved x => Phrase.Of("audit.coachRemoved", x.Name),
        TeamCadenceChanged x => Phrase.Of("audit.cadenceChanged", Days(x.Cadence.Days), Clock.Format(x.Cadence.StartsAt), x.Cadence.DurationMinutes),
        _ => throw new ArgumentException($"{e.GetType().Name} is not a team event.", nameof(e)),
    };

    /// <summary>"maandag en woensdag en vrijdag": each day a phrase of its own, so it is named in the reader's language.</summary>
    private static Phrase Days(IEnumerable<IsoDayOfWeek> days) =>
        days.Select(Day).Aggregate((so, day) => Phrase.Of("audit.and", so, day));

    private static Phrase Day(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => Phrase.Of("audit.day.monday"),
        IsoDayOfWeek.Tuesday => Phrase.Of("audit.day.tuesday"),
        IsoDayOfWeek.Wednesday => Phrase.Of("audit.day.wednesday"),
        IsoDayOfWeek.Thursday => Phrase.Of("audit.day.thursday"),
        IsoDayOfWeek.Friday => Phrase.Of("audit.day.friday"),
        IsoDayOfWeek.Saturday => Phrase.Of("audit.day.saturday"),
        _ => Phrase.Of("audit.day.sunday"),
    };
}

/// <summary>
/// Which entries to show: from and to are whole days in the team's zone (both included); who is a person's name as the
/// trail shows it now, board a board's name; both ignore case. Empty means no filter.
/// </summary>
public sealed record AuditFilter(LocalDate? From = null, LocalDate? To = null, string? Who = null, string? Board = null);
