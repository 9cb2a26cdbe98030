using NodaTime;
using Obeya.Domain.Rhythm;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Calendars;

/// <summary>Whose calendar a feed is: a team's stand-ups, or one person's steps and their teams' stand-ups.</summary>
public enum CalendarFeedKind
{
    Team,
    Person,
}

/// <summary>Only the SHA-256 of the feed's secret is kept, as for wall screens: the link is shown once to whoever made it.</summary>
public sealed record CalendarFeedCreated(
    Guid FeedId, CalendarFeedKind Kind, Guid? TeamId, string? PersonEmail, string Name, string TokenHash, Actor By, Instant At) : IFact;

public sealed record CalendarFeedRevoked(Guid FeedId, Actor By, Instant At) : IFact;

/// <summary>
/// A secret link a calendar client (Outlook, a phone) subscribes to without signing in: the reminder channel of
/// Obeya, since no e-mail is sent. Revoked, the link answers 404; the feed stays in history.
/// </summary>
public sealed record CalendarFeed(
    Guid Id, CalendarFeedKind Kind, Guid? TeamId, string? PersonEmail, string Name, string TokenHash, bool Revoked, Actor CreatedBy,
    Instant CreatedAt, Instant? RevokedAt)
{
    public static CalendarFeed From(CalendarFeedCreated e) =>
        new(e.FeedId, e.Kind, e.TeamId, e.PersonEmail, e.Name, e.TokenHash, false, e.By, e.At, null);

    public CalendarFeed With(object e) => e switch
    {
        CalendarFeedRevoked x => this with { Revoked = true, RevokedAt = x.At },
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing calendar feed.", nameof(e)),
    };
}

public static class CalendarFeedDecisions
{
    public static CalendarFeedCreated CreateForTeam(Guid feedId, Team team, string tokenHash, Actor by, Instant now) =>
        new(Ids.New("id", feedId, taken: false), CalendarFeedKind.Team, team.Id, null, Text.Name("name", $"Stand-ups {team.Name}"), tokenHash, by, now);

    public static CalendarFeedCreated CreateForPerson(Guid feedId, string email, string name, string tokenHash, Actor by, Instant now) =>
        new(Ids.New("id", feedId, taken: false), CalendarFeedKind.Person, null, email, Text.Name("name", $"Obeya {name}"), tokenHash, by, now);

    /// <summary>Revoking twice is revoking once: the second changes nothing.</summary>
    public static IReadOnlyList<CalendarFeedRevoked> Revoke(CalendarFeed feed, Actor by, Instant now) =>
        feed.Revoked ? [] : [new CalendarFeedRevoked(feed.Id, by, now)];
}

/// <summary>A run of planned stand-ups under one cadence: what a calendar repeats, with the days left out and why.</summary>
/// <param name="Until">The last day of the run; null while the cadence holds.</param>
public sealed record SessionSeries(
    Guid TeamId, string TeamName, LocalDateTime FirstStart, LocalDate? Until, SessionCadence Cadence, IReadOnlyList<(LocalDate Day, string Reason)> Cancelled);

/// <summary>An all-day reminder of a step's due date.</summary>
public sealed record StepDue(Guid StepId, Guid TrackId, string TeamName, string TrackTitle, string Text, LocalDate Due);

/// <summary>
/// What a calendar feed holds, computed from the team's cadence history and cancellations, in the team's zone: the
/// stand-ups as repeating events from <see cref="LookBackWeeks"/> ago on (each change of cadence ends one run and starts
/// the next), without the cancelled ones; for a person also the due dates of their open steps.
/// </summary>
public static class CalendarPlan
{
    /// <summary>How far back a feed starts: a calendar shows the recent past, not a team's whole history.</summary>
    public const int LookBackWeeks = 12;

    /// <summary>How far ahead cancellations are listed as exceptions (a cancellation spans at most 92 days).</summary>
    public const int LookAheadDays = 400;

    public static IReadOnlyList<SessionSeries> SeriesOf(Team team, Instant now)
    {
        var history = team.CadenceHistory;
        var series = new List<SessionSeries>();
        for (var i = 0; i < history.Count; i++)
        {
            var cadence = history[i].Cadence;
            var zone = cadence.GetZone();
            var today = now.InZone(zone).Date;
            var windowStart = today.PlusWeeks(-LookBackWeeks);
            var from = history[i].From == Instant.MinValue ? windowStart : LocalDate.Max(history[i].From.InZone(zone).Date, windowStart);
            // A cadence changed on a day keeps that day for the new one: the old run ends the day before.
            LocalDate? until = i + 1 < history.Count ? history[i + 1].From.InZone(zone).Date.PlusDays(-1) : null;
            if (until is { } end && end < from)
            {
                continue;
            }

            var first = Enumerable.Range(0, 7).Select(from.PlusDays).First(d => cadence.Days.Contains(d.DayOfWeek));
            if (until is { } last && first > last)
            {
                continue;
            }

            var horizon = until ?? today.PlusDays(LookAheadDays);
            var cancelled = team.Cancellations
                .SelectMany(c => Days(LocalDate.Max(c.From, first), LocalDate.Min(c.To, horizon)).Select(d => (Day: d, c.Reason)))
                .Where(x => cadence.Days.Contains(x.Day.DayOfWeek))
                .DistinctBy(x => x.Day)
                .OrderBy(x => x.Day)
                .ToList();
            series.Add(new SessionSeries(team.Id, team.Name, first + cadence.StartsAt, until, cadence, cancelled));
        }

        return series;
    }

    /// <summary>The open steps of whoever has <paramref name="email"/>, as due dates.</summary>
    public static IReadOnlyList<StepDue> StepsOf(string email, IEnumerable<Team> teams, IEnumerable<Track> tracks) =>
        [.. MySteps.Of(email, teams, tracks).Select(s => new StepDue(s.Step.Id, s.TrackId, s.TeamName, s.TrackTitle, s.Step.Text, s.Step.Due))];

    /// <summary>The teams whose stand-ups are in someone's calendar: those they are a member or a coach of.</summary>
    public static IReadOnlyList<Team> TeamsOf(string email, IEnumerable<Team> teams) =>
        [.. teams.Where(t => t.Members.Concat(t.Coaches).Any(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase)))];

    private static IEnumerable<LocalDate> Days(LocalDate from, LocalDate to)
    {
        for (var day = from; day <= to; day = day.PlusDays(1))
        {
            yield return day;
        }
    }
}
