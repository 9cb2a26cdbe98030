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

        var now = clock.GetCurrentInstant();
        var cadence = SessionCadence.Default;
        var today = now.InZone(cadence.GetZone()).Date;

        var teamCreated = TeamDecisions.Create(new CreateTeam(Guid.CreateVersion7(), "Team Werk", cadence), Coach, now);
        var team = Team.From(teamCreated);
        var teamEvents = new List<object> { teamCreated };
        foreach (var (name, email) in Members)
        {
            var added = TeamDecisions.AddMember(team, new AddTeamMember(Guid.CreateVersion7(), name, email), Coach, now);
            team = team.With(added);
            teamEvents.Add(added);
        }

        var coach = TeamDecisions.AssignCoach(team, new AssignCoach(Guid.CreateVersion7(), "Marieke", "marieke@werk.example.nl"), Coach, now);
        team = team.With(coach);
        teamEvents.Add(coach);

        // The stream is the track: its id must be the one its events name, or pushes and history miss it.
        var storyboard = StoryboardEvents(team, now, today);
        var seeded = new List<NewStream>
        {
            new(typeof(Team), team.Id, teamEvents),
            new(typeof(Track), ((TrackStarted)storyboard[0]).TrackId, storyboard),
        };
        DemoObeya.Seed(seeded, team, Track.Replay(storyboard), now, today);
        await writer.StartAll(seeded, ct);
    }

    private static readonly (string Name, string? Email)[] Members =
    [
        ("Emmy", "emmy@werk.example.nl"),
        ("Sander", null),
        ("Fatima", null),
        ("Joost", null),
    ];

    /// <summary>The storyboard "Kwaliteit van het klantgesprek", eight weeks into its first target condition.</summary>
    private static List<object> StoryboardEvents(Team team, Instant now, LocalDate today)
    {
        var zone = team.Cadence.GetZone();
        var events = new List<object>();
        var started = TrackDecisions.Start(team, new StartTrack(
            Guid.CreateVersion7(),
            "Kwaliteit van het klantgesprek",
            "Over een jaar ervaart 80% van onze klanten het gesprek met hun klantmanager als helpend, en gaat 60% binnen " +
            "drie maanden aan de slag bij een re-integratiebedrijf."), "Emmy", now);
        var track = Track.From(started);
        events.Add(started);

        void Add(object e)
        {
            track = track.With(e);
            events.Add(e);
        }

        var metricId = Guid.CreateVersion7();
        Add(TrackDecisions.DefineMetric(track, new DefineMetric(
            metricId, "% klanten binnen 3 maanden teruggemeld door re-integratiebedrijf", "%", BetterDirection.Higher, 60m), "Emmy", now));

        decimal[] weekly = [31m, 33m, 32m, 36m, 35m, 38m, 41m, 43m];
        for (var week = 0; week < weekly.Length; week++)
        {
            var on = today.PlusWeeks(week - weekly.Length + 1);
            var note = week == 4 ? "Twee klantmanagers op vakantie" : null;
            Add(TrackDecisions.RecordMeasurement(track, new RecordMeasurement(metricId, Guid.CreateVersion7(), on, weekly[week], note), "Sander", now));
        }

        Add(TrackDecisions.SetTargetCondition(track, new SetTargetCondition(
            Guid.CreateVersion7(),
            "Elke verwijzing naar een re-integratiebedrijf gaat met een besproken klantbeeld; 50% van de klanten wordt " +
            "binnen drie maanden teruggemeld.",
            today.PlusWeeks(5),
            [new MetricTarget(metricId, 50m)]), "Emmy", now, zone));

        Add(TrackDecisions.DescribeCurrentCondition(track, new DescribeCurrentCondition(
            Guid.CreateVersion7(), today,
            "43% wordt binnen drie maanden teruggemeld. Bij ongeveer een op de vier terugmeldingen ontbreekt de reden, " +
            "en de helft van de gesprekken wordt zonder klantbeeld voorbereid."), "Fatima", now));

        var withoutReason = Guid.CreateVersion7();
        Add(TrackDecisions.AddObstacle(track, new AddObstacle(withoutReason, "Terugmeldingen van het re-integratiebedrijf komen zonder reden"), "Joost", now));
        Add(TrackDecisions.AddObstacle(track, new AddObstacle(Guid.CreateVersion7(), "Het klantbeeld wordt niet voor het gesprek gelezen"), "Fatima", now));
        Add(TrackDecisions.AddObstacle(track, new AddObstacle(Guid.CreateVersion7(), "Er is geen vaste tijd in de agenda om verwijzingen te bespreken"), "Sander", now));
        Add(TrackDecisions.FocusObstacle(track, new FocusObstacle(withoutReason), "Emmy", now));

        var firstExperiment = Guid.CreateVersion7();
        Add(TrackDecisions.PlanExperiment(track, new PlanExperiment(
            firstExperiment, today.PlusDays(-14),
            "Na elke terugmelding zonder reden belt de klantmanager het re-integratiebedrijf terug",
            "Voor 8 van de 10 terugmeldingen kennen we binnen een week de reden"), "Emmy", now));
        Add(TrackDecisions.RecordExperimentResult(track, new RecordExperimentResult(
            firstExperiment,
            "Voor 6 van de 10 kregen we een reden; vier keer was niemand bereikbaar op het algemene nummer.",
            "Een vaste contactpersoon per re-integratiebedrijf werkt beter dan het algemene nummer.",
            AsExpected: false), "Emmy", now));

        Add(TrackDecisions.PlanExperiment(track, new PlanExperiment(
            Guid.CreateVersion7(), today.PlusDays(-2),
            "Spreek met Re-integratie Noord een vaste contactpersoon af en bel alleen die",
            "Voor 8 van de 10 terugmeldingen van Re-integratie Noord kennen we binnen een week de reden"), "Joost", now));

        var nextSession = team.Cadence.NextSessionStart(now).Date;
        Add(TrackDecisions.AgreeSmallStep(track, team, new AgreeSmallStep(
            Guid.CreateVersion7(), "Contactpersoon bij Re-integratie Noord vragen en op het bord zetten", Member(team, "Joost"), nextSession), "Emmy", now));
        Add(TrackDecisions.AgreeSmallStep(track, team, new AgreeSmallStep(
            Guid.CreateVersion7(), "Terugmeldingen van deze week zonder reden turven", Member(team, "Fatima"), nextSession), "Emmy", now));
        Add(TrackDecisions.AgreeSmallStep(track, team, new AgreeSmallStep(
            Guid.CreateVersion7(), "Werkinstructie klantbeeld herschrijven", Member(team, "Sander"), today.PlusWeeks(3)), "Emmy", now));
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
