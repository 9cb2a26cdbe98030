using Marten;
using NodaTime;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;

namespace Obeya.Bench;

/// <summary>A team with a year of stand-ups behind it, for the cadence health's figures.</summary>
public static class Rhythm
{
    /// <summary>
    /// Team "Een jaar", made 53 weeks ago, with its Tuesday and Thursday sessions since (five present, the coach every
    /// fourth, ended within the timebox; one in ten not held), written to the store as the decisions would. Its id.
    /// </summary>
    public static async Task<Guid> YearOfStandUps(IDocumentStore store, IClock clock)
    {
        var now = clock.GetCurrentInstant();
        var cadence = SessionCadence.Default;
        var zone = cadence.GetZone();
        var made = now - Duration.FromDays(53 * 7);
        var teamId = Guid.CreateVersion7();
        var created = new TeamCreated(teamId, "Een jaar", cadence, "bench", made);
        var team = Team.From(created);
        var teamEvents = new List<object> { created };
        foreach (var name in new[] { "Emmy", "Sander", "Fatima", "Joost", "Ilse" })
        {
            var added = new TeamMemberAdded(teamId, Guid.CreateVersion7(), name, null, "bench", made);
            team = team.With(added);
            teamEvents.Add(added);
        }

        var coach = new CoachAssigned(teamId, Guid.CreateVersion7(), "Marieke", null, "bench", made);
        team = team.With(coach);
        teamEvents.Add(coach);

        await using var session = store.LightweightSession();
        session.Events.StartStream<Team>(teamId, teamEvents);
        var held = 0;
        for (var date = made.InZone(zone).Date.PlusDays(1); date < now.InZone(zone).Date; date = date.PlusDays(1))
        {
            if (!cadence.Days.Contains(date.DayOfWeek) || ++held % 10 == 0)
            {
                continue;
            }

            var start = (date + cadence.StartsAt).InZoneLeniently(zone).ToInstant() + Duration.FromMinutes(held % 4);
            var id = Guid.CreateVersion7();
            var events = new List<object> { new SessionStarted(id, teamId, null, cadence.DurationMinutes, "bench", start) };
            events.AddRange(team.Members.Select(m => new AttendanceMarked(id, teamId, m.Id, m.Name, true, "bench", start)));
            if (held % 4 == 0)
            {
                events.Add(new CoachingConversationRecorded(id, teamId, coach.CoachId, coach.Name, [new CoachingAnswer(1, "Binnen vier weken aan het werk")], "bench", start));
            }

            events.Add(new SessionEnded(id, teamId, "bench", start + Duration.FromMinutes(25)));
            session.Events.StartStream<Session>(id, events);
            if (held % 20 == 0)
            {
                await session.SaveChangesAsync();
            }
        }

        await session.SaveChangesAsync();
        return teamId;
    }
}
