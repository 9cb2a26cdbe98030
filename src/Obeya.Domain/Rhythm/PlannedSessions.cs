using NodaTime;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;

namespace Obeya.Domain.Rhythm;

public enum SlotOutcome
{
    /// <summary>Held, started within the team's tolerance of the planned start (or before it).</summary>
    Held,

    HeldLate,

    /// <summary>The day went by without a session.</summary>
    Missed,

    /// <summary>Cancelled with a reason: not missed.</summary>
    Cancelled,

    /// <summary>Still to come (today's session counts from the moment it starts, or as missed once the day is over).</summary>
    Upcoming,
}

/// <summary>One session the cadence planned, and what became of it.</summary>
public sealed record PlannedSlot(LocalDate Date, ZonedDateTime PlannedStart, SlotOutcome Outcome, string? CancelledBecause, Session? Session)
{
    public bool WasHeld => Outcome is SlotOutcome.Held or SlotOutcome.HeldLate;

    /// <summary>The coach asked at least one of the card's questions in it.</summary>
    public bool CoachPresent => Session?.Coaching is { Answers.Count: > 0 };

    public bool IsPast => Outcome is not SlotOutcome.Upcoming;
}

/// <summary>
/// The sessions a team's cadence planned over some days, matched with the sessions it held, all in the team's zone.
/// A day follows the cadence the team had at that day's planned start; a session belongs to the planned session of
/// the day it started on (one per day); sessions on other days are extra.
/// </summary>
public static class PlannedSessions
{
    public static (IReadOnlyList<PlannedSlot> Slots, IReadOnlyList<Session> Extra) Match(
        Team team, IReadOnlyList<Session> sessions, DateInterval days, Instant asOf)
    {
        var held = sessions.Where(s => s.TeamId == team.Id && s.StartedAt <= asOf).OrderBy(s => s.StartedAt).ToList();
        var used = new HashSet<Guid>();
        var slots = new List<PlannedSlot>();
        foreach (var date in days)
        {
            if (CadenceOn(team, date) is not { } cadence || !cadence.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var zone = cadence.GetZone();
            var start = (date + cadence.StartsAt).InZoneLeniently(zone);
            var session = held.FirstOrDefault(s => !used.Contains(s.Id) && s.StartedAt.InZone(zone).Date == date);
            var cancellation = team.Cancellations.FirstOrDefault(c => c.Covers(date));
            SlotOutcome outcome;
            if (session is not null)
            {
                used.Add(session.Id);
                var late = session.StartedAt - start.ToInstant() > Duration.FromMinutes(team.Rhythm.OnTimeMinutes);
                outcome = late ? SlotOutcome.HeldLate : SlotOutcome.Held;
            }
            else if (cancellation is not null)
            {
                outcome = SlotOutcome.Cancelled;
            }
            else
            {
                outcome = date < asOf.InZone(zone).Date ? SlotOutcome.Missed : SlotOutcome.Upcoming;
            }

            slots.Add(new PlannedSlot(date, start, outcome, session is null ? cancellation?.Reason : null, session));
        }

        var extra = held.Where(s => !used.Contains(s.Id) && Contains(days, team, s)).ToList();
        return (slots, extra);
    }

    /// <summary>The cadence the team had at <paramref name="date"/>'s planned start; none before the team existed.</summary>
    public static SessionCadence? CadenceOn(Team team, LocalDate date)
    {
        SessionCadence? found = null;
        foreach (var (from, cadence) in team.CadenceHistory)
        {
            // A team made on a Tuesday at 08:00 has that morning's 09:00 session planned; one made at 10:00 has not.
            if (from <= (date + cadence.StartsAt).InZoneLeniently(cadence.GetZone()).ToInstant())
            {
                found = cadence;
            }
        }

        return found;
    }

    private static bool Contains(DateInterval days, Team team, Session session)
    {
        var zone = (CadenceOn(team, session.StartedAt.InUtc().Date) ?? team.Cadence).GetZone();
        return days.Contains(session.StartedAt.InZone(zone).Date);
    }
}
