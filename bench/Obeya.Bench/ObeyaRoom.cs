using Marten;
using NodaTime;
using Obeya.Domain.Programmes;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Bench;

/// <summary>
/// A programme of a given size, its tracks with a target condition, an obstacle in focus and an experiment, and a
/// third of its tactical goals with an escalated obstacle or an impediment: what the tactical board rolls up.
/// </summary>
public static class ObeyaRoom
{
    public static async Task<Guid> Create(IDocumentStore store, IClock clock, Guid teamId, int transitionGoals, int tacticalGoals, int tracks)
    {
        await using var session = store.LightweightSession();
        var team = (await session.LoadAsync<Team>(teamId))!;
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date;
        var programme = Programme.From(new ProgrammeStarted(Guid.CreateVersion7(), $"Programma {transitionGoals}/{tacticalGoals}/{tracks}", "bench", now));
        var events = new List<object> { new ProgrammeStarted(programme.Id, programme.Name, "bench", now) };
        void Add(object e)
        {
            programme = programme.With(e);
            events.Add(e);
        }

        var strategic = Enumerable.Range(0, transitionGoals).Select(_ => Guid.CreateVersion7()).ToArray();
        for (var i = 0; i < strategic.Length; i++)
        {
            // Numbered, not named after the id: a run of digits in a guid can pass the BSN check.
            Add(ProgrammeDecisions.AddTransitionGoal(programme, new AddTransitionGoal(strategic[i], $"Transitiedoel {i}", "bench", today.PlusYears(2)), "bench", now));
        }

        var tactical = Enumerable.Range(0, tacticalGoals).Select(_ => Guid.CreateVersion7()).ToArray();
        for (var i = 0; i < tactical.Length; i++)
        {
            Add(ProgrammeDecisions.AddTacticalGoal(programme, new AddTacticalGoal(tactical[i], strategic[i % strategic.Length], $"Tactisch doel {i}", "bench", today.PlusMonths(9)), "bench", now));
        }

        for (var i = 0; i < tracks; i++)
        {
            var (track, trackEvents, obstacle) = Track(team, i, now, today);
            Add(ProgrammeDecisions.LinkTrack(programme, tactical[i % tactical.Length], track, "bench", now));
            if (i % 3 == 0)
            {
                var (raised, escalated) = ProgrammeDecisions.Escalate(programme, track,
                    new EscalateObstacle(Guid.CreateVersion7(), tactical[i % tactical.Length], obstacle, "bench", today.PlusDays(14)), "bench", now);
                Add(raised);
                trackEvents.Add(escalated);
            }

            session.Events.StartStream<Track>(track.Id, trackEvents);
        }

        for (var i = 1; i < tactical.Length; i += 2)
        {
            Add(ProgrammeDecisions.AddDependency(programme, new AddDependency(Guid.CreateVersion7(), new Node(NodeKind.Goal, tactical[i]), new Node(NodeKind.Goal, tactical[i - 1]), null), "bench", now));
        }

        session.Events.StartStream<Programme>(programme.Id, events);
        await session.SaveChangesAsync();
        return programme.Id;
    }

    private static (Track Track, List<object> Events, Guid Obstacle) Track(Team team, int number, Instant now, LocalDate today)
    {
        var started = TrackDecisions.Start(team, new StartTrack(Guid.CreateVersion7(), $"Traject {number}", "Elk gesprek helpt"), "bench", now);
        var track = Obeya.Domain.Tracks.Track.From(started);
        var events = new List<object> { started };
        void Add(object e)
        {
            track = track.With(e);
            events.Add(e);
        }

        var metricId = Guid.CreateVersion7();
        Add(TrackDecisions.DefineMetric(track, new DefineMetric(metricId, "% op tijd", "%", BetterDirection.Higher, 90m), "bench", now));
        Add(TrackDecisions.SetTargetCondition(track, new SetTargetCondition(Guid.CreateVersion7(), "60% op tijd", today.PlusWeeks(6), [new MetricTarget(metricId, 60m)]), "bench", now, DateTimeZone.Utc));
        var obstacle = Guid.CreateVersion7();
        Add(TrackDecisions.AddObstacle(track, new AddObstacle(obstacle, $"Obstakel van traject {number}"), "bench", now));
        Add(TrackDecisions.FocusObstacle(track, new FocusObstacle(obstacle), "bench", now));
        Add(TrackDecisions.PlanExperiment(track, new PlanExperiment(Guid.CreateVersion7(), today.PlusDays(-(number % 20)), "Proberen", "Het helpt"), "bench", now));
        return (track, events, obstacle);
    }
}
