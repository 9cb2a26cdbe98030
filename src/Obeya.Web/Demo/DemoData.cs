using Marten;
using NodaTime;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Demo;

/// <summary>
/// On an empty store, a realistic team to look at: "Team Werk" of a municipality with its KATA
/// storyboard. Built through the same decisions the API uses, so the demo keeps every rule.
/// Switched off with --no-demo (configuration Obeya:Demo=false).
/// </summary>
public static class DemoData
{
    private const string Coach = "Marieke (coach)";

    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue("Obeya:Demo", defaultValue: true))
        {
            services.AddHostedService<DemoSeeder>();
        }

        return services;
    }

    public static async Task SeedAsync(IDocumentStore store, Writer writer, IClock clock, CancellationToken ct)
    {
        await using (var session = store.QuerySession())
        {
            if (await session.Query<Team>().AnyAsync(ct))
            {
                return;
            }
        }

        var cadence = SessionCadence.Default;
        var story = new DemoStory(clock.GetCurrentInstant(), cadence);
        // The team was set up an hour before its first stand-up on this board, sixteen sessions ago.
        var setUp = story.Session(16, -60);

        var teamCreated = TeamDecisions.Create(new CreateTeam(Guid.CreateVersion7(), "Team Werk", cadence), Coach, setUp);
        var team = Team.From(teamCreated);
        var teamEvents = new List<object> { teamCreated };
        foreach (var (name, email) in Members)
        {
            var added = TeamDecisions.AddMember(team, new AddTeamMember(Guid.CreateVersion7(), name, email), Coach, setUp);
            team = team.With(added);
            teamEvents.Add(added);
        }

        var coach = TeamDecisions.AssignCoach(team, new AssignCoach(Guid.CreateVersion7(), "Marieke", "marieke@werk.example.nl"), Coach, setUp);
        team = team.With(coach);
        teamEvents.Add(coach);

        var studyDay = DemoSessions.StudyDay(team, story);
        team = team.With(studyDay);
        teamEvents.Add(studyDay);

        // The stream is the track: its id must be the one its events name, or pushes and history miss it.
        var storyboard = StoryboardEvents(team, story);
        var seeded = new List<NewStream>
        {
            new(typeof(Team), team.Id, teamEvents),
            new(typeof(Track), ((TrackStarted)storyboard[0]).TrackId, storyboard),
        };
        seeded.AddRange(DemoSessions.Of(team, Track.Replay(storyboard), story));
        DemoObeya.Seed(seeded, team, Track.Replay(storyboard), story);
        DemoProcesses.Seed(seeded, story);
        DemoSignals.Seed(seeded, story);
        await writer.StartAll(seeded, ct);
    }

    private static readonly (string Name, string? Email)[] Members =
    [
        ("Emmy", "emmy@werk.example.nl"),
        ("Sander", null),
        ("Fatima", null),
        ("Joost", null),
    ];

    /// <summary>
    /// The storyboard "Kwaliteit van het klantgesprek", eight weeks into its first target condition: started sixteen
    /// stand-ups ago, a measurement every week since, obstacles named along the way, an experiment two weeks ago whose
    /// result came at a later stand-up, the next one planned at the last stand-up with the steps agreed there.
    /// </summary>
    private static List<object> StoryboardEvents(Team team, DemoStory story)
    {
        var zone = team.Cadence.GetZone();
        var today = story.Today;
        var trackId = Guid.CreateVersion7();
        var started = TrackDecisions.Start(team, new StartTrack(
            trackId,
            "Kwaliteit van het klantgesprek",
            "Over een jaar ervaart 80% van onze klanten het gesprek met hun klantmanager als helpend, en gaat 60% binnen " +
            "drie maanden aan de slag bij een re-integratiebedrijf."), "Emmy", story.Session(16));

        // Each step of the story decided at its own moment, on the board as it stood then; told in the order they happened.
        var steps = new List<(Instant At, Func<Track, Instant, object> Decide)>();
        void At(Instant at, Func<Track, Instant, object> decide) => steps.Add((at, decide));

        var metricId = Guid.CreateVersion7();
        At(story.Session(16, 5), (track, now) => TrackDecisions.DefineMetric(track, new DefineMetric(
            metricId, "% klanten binnen 3 maanden teruggemeld door re-integratiebedrijf", "%", BetterDirection.Higher, 60m), "Emmy", now));

        decimal[] weekly = [31m, 33m, 32m, 36m, 35m, 38m, 41m, 43m];
        for (var week = 0; week < weekly.Length; week++)
        {
            var on = today.PlusWeeks(week - weekly.Length + 1);
            var note = week == 4 ? "Twee klantmanagers op vakantie" : null;
            var value = weekly[week];
            At(story.On(on, 16), (track, now) => TrackDecisions.RecordMeasurement(track, new RecordMeasurement(metricId, Guid.CreateVersion7(), on, value, note), "Sander", now));
        }

        At(story.Session(15, 10), (track, now) => TrackDecisions.SetTargetCondition(track, new SetTargetCondition(
            Guid.CreateVersion7(),
            "Elke verwijzing naar een re-integratiebedrijf gaat met een besproken klantbeeld; 50% van de klanten wordt " +
            "binnen drie maanden teruggemeld.",
            today.PlusWeeks(5),
            [new MetricTarget(metricId, 50m)]), "Emmy", now, zone));

        At(story.Now, (track, now) => TrackDecisions.DescribeCurrentCondition(track, new DescribeCurrentCondition(
            Guid.CreateVersion7(), today,
            "43% wordt binnen drie maanden teruggemeld. Bij ongeveer een op de vier terugmeldingen ontbreekt de reden, " +
            "en de helft van de gesprekken wordt zonder klantbeeld voorbereid."), "Fatima", now));

        var withoutReason = Guid.CreateVersion7();
        At(story.Session(12, 5), (track, now) => TrackDecisions.AddObstacle(track, new AddObstacle(withoutReason, "Terugmeldingen van het re-integratiebedrijf komen zonder reden"), "Joost", now));
        At(story.Session(12, 8), (track, now) => TrackDecisions.AddObstacle(track, new AddObstacle(Guid.CreateVersion7(), "Het klantbeeld wordt niet voor het gesprek gelezen"), "Fatima", now));
        At(story.Session(10, 5), (track, now) => TrackDecisions.AddObstacle(track, new AddObstacle(Guid.CreateVersion7(), "Er is geen vaste tijd in de agenda om verwijzingen te bespreken"), "Sander", now));
        At(story.Session(6, 5), (track, now) => TrackDecisions.FocusObstacle(track, new FocusObstacle(withoutReason), "Emmy", now));

        var firstExperiment = Guid.CreateVersion7();
        var planned = story.Session(4, 10);
        At(planned, (track, now) => TrackDecisions.PlanExperiment(track, new PlanExperiment(
            firstExperiment, story.DayOf(planned),
            "Na elke terugmelding zonder reden belt de klantmanager het re-integratiebedrijf terug",
            "Voor 8 van de 10 terugmeldingen kennen we binnen een week de reden"), "Emmy", now));
        At(story.Session(2, 10), (track, now) => TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(
            firstExperiment,
            "Voor 6 van de 10 kregen we een reden; vier keer was niemand bereikbaar op het algemene nummer.",
            "Een vaste contactpersoon per re-integratiebedrijf werkt beter dan het algemene nummer.",
            AsExpected: false), "Emmy", now));

        var last = story.Session(1, 10);
        At(last, (track, now) => TrackDecisions.PlanExperiment(track, new PlanExperiment(
            Guid.CreateVersion7(), story.DayOf(last),
            "Spreek met Re-integratie Noord een vaste contactpersoon af en bel alleen die",
            "Voor 8 van de 10 terugmeldingen van Re-integratie Noord kennen we binnen een week de reden"), "Joost", now));

        // Agreed at the last stand-up, due by the next one (the one still to come).
        var nextSession = team.Cadence.NextSessionStart(story.Now).Date;
        At(story.Session(1, 20), (track, now) => TrackDecisions.AgreeSmallStep(track, team, new AgreeSmallStep(
            Guid.CreateVersion7(), "Contactpersoon bij Re-integratie Noord vragen en op het bord zetten", Member(team, "Joost"), nextSession), "Emmy", now));
        At(story.Session(1, 21), (track, now) => TrackDecisions.AgreeSmallStep(track, team, new AgreeSmallStep(
            Guid.CreateVersion7(), "Terugmeldingen van deze week zonder reden turven", Member(team, "Fatima"), nextSession), "Emmy", now));
        At(story.Session(1, 22), (track, now) => TrackDecisions.AgreeSmallStep(track, team, new AgreeSmallStep(
            Guid.CreateVersion7(), "Werkinstructie klantbeeld herschrijven", Member(team, "Sander"), today.PlusWeeks(3)), "Emmy", now));

        var board = Track.From(started);
        var events = new List<object> { started };
        // OrderBy is stable: steps at the same moment keep the order they are written in.
        foreach (var (at, decide) in steps.OrderBy(s => s.At))
        {
            var e = decide(board, at);
            board = board.With(e);
            events.Add(e);
        }

        return events;
    }

    private static Guid Member(Team team, string name) => team.Members.Single(m => m.Name == name).Id;

    private sealed class DemoSeeder(
        IDocumentStore store, Writer writer, IClock clock, IServiceProvider services, IHostEnvironment environment, ILogger<DemoSeeder> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await SeedAsync(store, writer, clock, cancellationToken);
            // Their passwords are public (README): never on a production store.
            if (!environment.IsProduction())
            {
                await DemoAccounts.SeedAsync(services, cancellationToken);
            }

            logger.LogInformation("Demo data is in place (start with --no-demo to leave the store empty)");
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
