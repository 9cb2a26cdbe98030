using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Web.Demo;

/// <summary>
/// The demo's calendar: the moments of its story, counted back from the day it is seeded, so the run chart, the
/// history and a board's past (<c>?asOf=</c>) tell what happened when: the track started eight weeks of stand-ups
/// ago, a measurement every week, experiments at the last sessions. No moment lies after now.
/// </summary>
public sealed class DemoStory(Instant now, SessionCadence cadence)
{
    private readonly DateTimeZone zone = cadence.GetZone();

    public Instant Now => now;

    public LocalDate Today => now.InZone(zone).Date;

    /// <summary>The start of the <paramref name="back"/>-th session held before now (1: the most recent), and some minutes into it.</summary>
    public Instant Session(int back, int minutes = 0)
    {
        var held = 0;
        for (var date = Today; ; date = date.PlusDays(-1))
        {
            if (!cadence.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var start = (date + cadence.StartsAt).InZoneLeniently(zone).ToInstant();
            // Only a session that has ended counts as held.
            if (start + Duration.FromMinutes(cadence.DurationMinutes) <= now && ++held == back)
            {
                return start + Duration.FromMinutes(minutes);
            }
        }
    }

    /// <summary>The day a moment falls on, in the team's zone.</summary>
    public LocalDate DayOf(Instant moment) => moment.InZone(zone).Date;

    /// <summary>That day at that hour, or now if that is still to come.</summary>
    public Instant On(LocalDate date, int hour)
    {
        var moment = (date + new LocalTime(hour, 0)).InZoneLeniently(zone).ToInstant();
        return moment < now ? moment : now;
    }

    public Instant WeeksAgo(int weeks, int hour = 9) => On(Today.PlusWeeks(-weeks), hour);
}
