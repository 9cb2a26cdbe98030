using Marten;
using NodaTime;
using Obeya.Domain.Programmes;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Bench;

/// <summary>A team with a year of stand-ups behind it, for the cadence health's figures.</summary>
public static class Rhythm
{
    /// <summary>
    /// Team "Een jaar", made 53 weeks ago, with its Tuesday and Thursday sessions since (five present, the coach every
    /// fourth, ended within the timebox; one in ten not held), written to the store as the decisions would. Its id.
    /// </summary>
    public static async Task<Guid> YearOfStandUps(IDocumentStore store, IClock clock, string teamName = "Een jaar")
    {
        var now = clock.GetCurrentInstant();
        var cadence = SessionCadence.Default;
        var zone = cadence.GetZone();
        var made = now - Duration.FromDays(53 * 7);
        var teamId = Guid.CreateVersion7();
        var created = new TeamCreated(teamId, teamName, cadence, "bench", made);
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

    /// <summary>
    /// A programme whose one tactical goal is served by a track of each of <paramref name="teamIds"/>: the programme
    /// overview reads every team's rhythm. Its id.
    /// </summary>
    public static async Task<Guid> ProgrammeOf(IDocumentStore store, IClock clock, IReadOnlyList<Guid> teamIds)
    {
        var now = clock.GetCurrentInstant();
        await using var session = store.LightweightSession();
        var programme = Programme.From(new ProgrammeStarted(Guid.CreateVersion7(), $"Ritme van {teamIds.Count} teams", "bench", now));
        var events = new List<object> { new ProgrammeStarted(programme.Id, programme.Name, "bench", now) };
        void Add(object e)
        {
            programme = programme.With(e);
            events.Add(e);
        }

        var goal = Guid.CreateVersion7();
        var tactical = Guid.CreateVersion7();
        var today = now.InUtc().Date;
        Add(ProgrammeDecisions.AddTransitionGoal(programme, new AddTransitionGoal(goal, "Elk team houdt zijn ritme", "bench", today.PlusYears(1)), "bench", now));
        Add(ProgrammeDecisions.AddTacticalGoal(programme, new AddTacticalGoal(tactical, goal, "Twee sessies per week", "bench", today.PlusMonths(6)), "bench", now));
        foreach (var teamId in teamIds)
        {
            var team = (await session.LoadAsync<Team>(teamId))!;
            var started = TrackDecisions.Start(team, new StartTrack(Guid.CreateVersion7(), "Het ritme", "Twee keer per week aan het bord"), "bench", now);
            session.Events.StartStream<Track>(started.TrackId, [started]);
            Add(ProgrammeDecisions.LinkTrack(programme, tactical, Track.From(started), "bench", now));
        }

        session.Events.StartStream<Programme>(programme.Id, events);
        await session.SaveChangesAsync();
        return programme.Id;
    }
}
