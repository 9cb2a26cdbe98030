using System.Diagnostics;
using Marten;
using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Bench;

public sealed record Latency(int Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static Latency Of(List<double> samples)
    {
        samples.Sort();
        double At(double q) => Math.Round(samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)], 2);
        return new Latency(samples.Count, At(0.50), At(0.95), At(0.99), Math.Round(samples[^1], 2));
    }
}

public static class Workloads
{
    /// <summary>Sequential GETs after a warm-up; milliseconds from send to the last byte read.</summary>
    public static async Task<Latency> TimeGets(HttpClient http, string path, int warmUp, int count)
    {
        for (var i = 0; i < warmUp; i++)
        {
            (await http.GetAsync(path)).EnsureSuccessStatusCode();
        }

        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            samples.Add(watch.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        return Latency.Of(samples);
    }

    /// <summary>
    /// Grows a track to the given number of events, as a busy half year would: weekly measurements, obstacles,
    /// experiments against the focused one. Written through the domain decisions, 50 events per commit.
    /// </summary>
    public static async Task<int> GrowTrack(IDocumentStore store, IClock clock, Guid trackId, int targetEventCount)
    {
        await using var session = store.LightweightSession();
        var track = (await session.LoadAsync<Track>(trackId))!;
        var count = (int)(await session.Events.FetchStreamStateAsync(trackId))!.Version;
        var metricId = Guid.CreateVersion7();
        var pending = new List<object>();
        var now = clock.GetCurrentInstant();
        var day = now.InUtc().Date.PlusDays(-targetEventCount);

        void Add(object e)
        {
            track = track.With(e);
            pending.Add(e);
            count++;
        }

        Add(TrackDecisions.DefineMetric(track, new DefineMetric(metricId, "% teruggemeld", "%", BetterDirection.Higher, 60m), "bench", now));
        var round = 0;
        while (count < targetEventCount)
        {
            round++;
            day = day.PlusDays(1);
            Add(TrackDecisions.RecordMeasurement(track, new RecordMeasurement(metricId, Guid.CreateVersion7(), day, 30m + round % 20, null), "bench", now));
            if (round % 3 == 0 && count < targetEventCount - 4)
            {
                var obstacleId = Guid.CreateVersion7();
                var experimentId = Guid.CreateVersion7();
                Add(TrackDecisions.AddObstacle(track, new AddObstacle(obstacleId, $"Obstakel {round}"), "bench", now));
                Add(TrackDecisions.FocusObstacle(track, new FocusObstacle(obstacleId), "bench", now));
                Add(TrackDecisions.PlanExperiment(track, new PlanExperiment(experimentId, day, $"Stap {round}", "Verwachting"), "bench", now));
                Add(TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(experimentId, "Gebeurd", "Geleerd", round % 2 == 0), "bench", now));
            }

            if (pending.Count >= 50)
            {
                session.Events.Append(trackId, pending);
                await session.SaveChangesAsync();
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            session.Events.Append(trackId, pending);
            await session.SaveChangesAsync();
        }

        return count;
    }
}
