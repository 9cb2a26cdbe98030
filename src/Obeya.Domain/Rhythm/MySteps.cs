using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Rhythm;

/// <summary>One open small step of someone's, with the board and team it belongs to, and the zone its due date is a day of.</summary>
public sealed record MyStep(Guid TeamId, string TeamName, Guid TrackId, string TrackTitle, SmallStep Step, string TimeZone)
{
    /// <summary>Past its due date at <paramref name="now"/>, on the team's clock.</summary>
    public bool OverdueAt(NodaTime.Instant now) => Step.Due < now.InZone(NodaTime.DateTimeZoneProviders.Tzdb[TimeZone]).Date;
}

/// <summary>
/// Someone's open small steps across every team they are a member of (known there by e-mail, as access is), on open
/// tracks, by due date: the overdue first, then the nearest. Instead of looking, just before the session, at which
/// action their name is on.
/// </summary>
public static class MySteps
{
    public static IReadOnlyList<MyStep> Of(string email, IEnumerable<Team> teams, IEnumerable<Track> tracks)
    {
        var mine = teams
            .SelectMany(team => team.Members.Where(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase)).Select(m => (team, m.Id)))
            .ToDictionary(x => x.team.Id, x => (Team: x.team, MemberId: x.Id));
        return [.. tracks
            .Where(t => !t.IsClosed && mine.ContainsKey(t.TeamId))
            .SelectMany(t => t.SmallSteps
                .Where(s => s.State == SmallStepState.Open && s.OwnerId == mine[t.TeamId].MemberId)
                .Select(s => new MyStep(t.TeamId, mine[t.TeamId].Team.Name, t.Id, t.Title, s, mine[t.TeamId].Team.Cadence.TimeZone)))
            .OrderBy(s => s.Step.Due)
            .ThenBy(s => s.TeamName, StringComparer.CurrentCulture)
            .ThenBy(s => s.Step.Text, StringComparer.CurrentCulture)];
    }
}
