using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Obeya.Domain.Accounts;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Accounts;

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

public static partial class Workloads
{
    public const string BenchEmail = "bench@obeya.example.nl";

    /// <summary>
    /// An HTTP client signed in through the login form as a fresh beheerder account, and its cookie (for hub
    /// connections): the bench pays for every check a real request pays for.
    /// </summary>
    public static async Task<(HttpClient Http, string Cookie)> SignedIn(IServiceProvider services, string baseUrl)
    {
        const string password = "bench-wachtwoord-2026";
        await using (var scope = services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            await accounts.CreateAsync("Emmy", BenchEmail, password, [GlobalRole.Administrator], "bench", CancellationToken.None);
        }

        return await SignIn(baseUrl, BenchEmail, password);
    }

    /// <summary>Signs in through the login form, as a browser does; through <paramref name="via"/> when given.</summary>
    public static async Task<(HttpClient Http, string Cookie)> SignIn(string baseUrl, string email, string password, SocketsHttpHandler? via = null)
    {
        var cookies = new CookieContainer();
        var handler = via ?? new SocketsHttpHandler();
        handler.CookieContainer = cookies;
        handler.UseCookies = true;
        handler.AllowAutoRedirect = false;
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var form = await http.GetStringAsync("/inloggen");
        var token = WebUtility.HtmlDecode(TokenField().Match(form).Groups[1].Value);
        var answer = await http.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password, ["returnUrl"] = "/",
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The bench could not sign in: {(int)answer.StatusCode}");
        }

        return (http, cookies.GetCookieHeader(new Uri(baseUrl)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

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
    /// Grows a track to the given number of events the way a busy year would: a weekly measurement, 40 obstacles,
    /// 60 small steps, 30 experiments, then mostly changes to what is there (rephrasing, moving the focus,
    /// rescheduling). Written through the domain decisions, 50 events per commit.
    /// </summary>
    public static async Task<int> GrowTrack(IDocumentStore store, IClock clock, Guid trackId, int targetEventCount)
    {
        await using var session = store.LightweightSession();
        var track = (await session.LoadAsync<Track>(trackId))!;
        var team = (await session.LoadAsync<Team>(track.TeamId))!;
        var owner = team.Members[0].Id;
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date;
        var pending = new List<object>();
        // The bench's track starts with its one event.
        var events = 1;

        async Task Add(object e)
        {
            track = track.With(e);
            events++;
            pending.Add(e);
            if (pending.Count == 50)
            {
                session.Events.Append(trackId, pending);
                await session.SaveChangesAsync();
                pending.Clear();
            }
        }

        var metricId = Guid.CreateVersion7();
        await Add(TrackDecisions.DefineMetric(track, new DefineMetric(metricId, "% teruggemeld", "%", BetterDirection.Higher, 60m), "bench", now));
        for (var week = 0; week < 52; week++)
        {
            await Add(TrackDecisions.RecordMeasurement(track, new RecordMeasurement(metricId, Guid.CreateVersion7(), today.PlusWeeks(week - 52), 30m + week % 20, null), "bench", now));
        }

        var obstacles = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            obstacles.Add(Guid.CreateVersion7());
            await Add(TrackDecisions.AddObstacle(track, new AddObstacle(obstacles[^1], $"Obstakel {i}: terugmelding zonder reden"), "bench", now));
        }

        var steps = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            steps.Add(Guid.CreateVersion7());
            await Add(TrackDecisions.AgreeSmallStep(track, team, new AgreeSmallStep(steps[^1], $"Stap {i}", owner, today.PlusDays(2)), "bench", now));
        }

        for (var i = 0; i < 30; i++)
        {
            var experimentId = Guid.CreateVersion7();
            await Add(TrackDecisions.FocusObstacle(track, new FocusObstacle(obstacles[i]), "bench", now));
            await Add(TrackDecisions.PlanExperiment(track, new PlanExperiment(experimentId, today, $"Experiment {i}", "Een reden bij 8 van 10"), "bench", now));
            await Add(TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(experimentId, "Bij 7 van 10", "Vaste contactpersoon", i % 2 == 0), "bench", now));
        }

        for (var round = 0; events < targetEventCount; round++)
        {
            var obstacle = obstacles[round % obstacles.Count];
            object change = (round % 3) switch
            {
                0 => TrackDecisions.RephraseObstacle(track, new RephraseObstacle(obstacle, $"Obstakel herschreven in ronde {round}"), "bench", now),
                1 when track.FocusedObstacleId is { } focused => TrackDecisions.TakeObstacleOutOfFocus(track, new TakeObstacleOutOfFocus(focused), "bench", now),
                1 => TrackDecisions.FocusObstacle(track, new FocusObstacle(obstacle), "bench", now),
                _ => TrackDecisions.RescheduleSmallStep(track, team, new RescheduleSmallStep(steps[round % steps.Count], today.PlusDays(2 + round % 5)), "bench", now),
            };
            await Add(change);
        }

        if (pending.Count > 0)
        {
            session.Events.Append(trackId, pending);
            await session.SaveChangesAsync();
        }

        return events;
    }
}
