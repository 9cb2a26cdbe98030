using NodaTime;
using Obeya.Domain.Programmes;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Demo;

/// <summary>
/// The demo's Obeya room: "Transformatie naar publieke dienstverlener" with three transition goals, eight tactical
/// goals and twelve team tracks (Team Werk's storyboard among them, and eleven smaller ones of four teams), one
/// obstacle escalated, one impediment raised in the room, and two dependencies; the other teams have a coach and
/// their last three weeks of stand-ups. All through the domain's decisions.
/// </summary>
public static class DemoObeya
{
    private const string Director = "Pieter de Vries";

    private sealed record TrackPlan(string Team, string Title, string Obstacle, int DaysSinceExperiment);

    // The number of each entry is the tactical goal it serves (see Goals below).
    private static readonly (int Goal, TrackPlan Plan)[] Tracks =
    [
        (0, new("Team Werk", "Werkfit in zes weken", "Klanten wachten weken op een intake", 3)),
        (4, new("Team Werk", "Leren van elke uitstroom", "Niemand vraagt een uitgestroomde klant wat hielp", 20)),
        (1, new("Team Inkomen", "Aanvraag in één gesprek", "Bewijsstukken worden drie keer opgevraagd", 2)),
        (1, new("Team Inkomen", "Terugbellen binnen een dag", "Terugbelverzoeken staan in drie systemen", 5)),
        (4, new("Team Inkomen", "Bezwaren voorkomen", "Een afwijzing legt niet uit wat wel kan", 9)),
        (2, new("Team Schulden", "Eerste gesprek binnen twee weken", "Het budgetbeheer heeft een wachtlijst van zes weken", 4)),
        (2, new("Team Schulden", "Vroegsignalering op tijd", "Signalen van woningcorporaties komen per post", 16)),
        (6, new("Team Schulden", "Klantbeleving meten", "Er is geen vaste vraag na het gesprek", 1)),
        (3, new("Team Wijkzorg", "Maatwerk zonder formulier", "Elke afwijking moet langs de teamleider", 2)),
        (3, new("Team Wijkzorg", "Eén plan per huishouden", "Elk team schrijft een eigen plan", 6)),
        (5, new("Team Wijkzorg", "Intervisie elke maand", "Er is geen vaste tijd voor casusbespreking", 8)),
    ];

    /// <summary>Each other team's coach, who came by at one of its recent stand-ups.</summary>
    private static readonly Dictionary<string, string> Coaches = new()
    {
        ["Team Inkomen"] = "Joost Bakker", ["Team Schulden"] = "Sanne Mulder", ["Team Wijkzorg"] = "Karim El Idrissi",
    };

    private static readonly (int Strategic, string Result, string Owner)[] Goals =
    [
        (0, "Klant in regie over het eigen plan", "Anna Jansen"),
        (0, "Eén loket voor werk en inkomen", "Bram de Boer"),
        (0, "Schuldhulp binnen twee weken gestart", "Chantal Visser"),
        (1, "Ruimte voor maatwerk in de wijk", "Dirk Smit"),
        (1, "Leren van elke casus", "Anna Jansen"),
        (1, "Coaching in elk team", "Marieke"),
        (2, "Dashboard klantbeleving", "Bram de Boer"),
        (2, "Kosten per traject in beeld", "Chantal Visser"),
    ];

    /// <summary>Adds the programme, its teams and their tracks to what is seeded; Team Werk's storyboard serves the first tactical goal.</summary>
    public static void Seed(List<NewStream> seeded, Team teamWerk, Track storyboard, DemoStory story)
    {
        var today = story.Today;
        // The room's story: teams set up ten weeks ago, their tracks a week later, the programme six weeks ago, its
        // dependencies the week after, the impediment three weeks ago and the escalation three days ago.
        var setUp = story.WeeksAgo(10);
        var tracksStarted = story.WeeksAgo(7, 10);
        var programmeStarted = story.WeeksAgo(6, 14);
        var teams = new Dictionary<string, Team> { [teamWerk.Name] = teamWerk };
        foreach (var name in Tracks.Select(t => t.Plan.Team).Distinct().Where(n => !teams.ContainsKey(n)))
        {
            var created = TeamDecisions.Create(new CreateTeam(Guid.CreateVersion7(), name, SessionCadence.Default), "Beheerder", setUp);
            var team = Team.From(created);
            var coach = TeamDecisions.AssignCoach(team, new AssignCoach(Guid.CreateVersion7(), Coaches[name], null), "Beheerder", setUp);
            teams[name] = team.With(coach);
            seeded.Add(new NewStream(typeof(Team), created.TeamId, [created, coach]));
        }

        var tracks = new List<(int Goal, Track Track)> { (0, storyboard) };
        var streams = new List<(Guid Id, List<object> Events)>();
        var escalateFrom = (Track: (Track?)null, Obstacle: Guid.Empty, Events: new List<object>());
        var seconds = 0;
        foreach (var (goal, plan) in Tracks)
        {
            // A second apart, so each team's tracks keep the order they were planned in.
            var (track, events, obstacle) = SmallTrack(teams[plan.Team], plan, tracksStarted.Plus(Duration.FromSeconds(++seconds)), story);
            streams.Add((track.Id, events));
            tracks.Add((goal, track));
            if (plan.Team != teamWerk.Name && tracks.All(t => t.Track.TeamId != track.TeamId || t.Track.Id == track.Id))
            {
                seeded.AddRange(DemoSessions.Recent(teams[plan.Team], track, story));
            }
            if (plan.Title == "Eerste gesprek binnen twee weken")
            {
                escalateFrom = (track, obstacle, events);
            }
        }

        var programme = Programme.From(ProgrammeDecisions.Start(new StartProgramme(Guid.CreateVersion7(), "Transformatie naar publieke dienstverlener"), Director, programmeStarted));
        var programmeEvents = new List<object> { new ProgrammeStarted(programme.Id, programme.Name, Director, programmeStarted) };
        var now = programmeStarted;
        void Add(object e)
        {
            programme = programme.With(e);
            programmeEvents.Add(e);
        }

        Guid[] strategic = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        string[] strategicResults = ["Inwoners ervaren één overheid", "Medewerkers werken vanuit vakmanschap", "Sturen op maatschappelijke waarde"];
        for (var i = 0; i < strategic.Length; i++)
        {
            Add(ProgrammeDecisions.AddTransitionGoal(programme, new AddTransitionGoal(strategic[i], strategicResults[i], Director, today.PlusYears(2)), Director, now));
        }

        var tactical = Goals.Select(_ => Guid.CreateVersion7()).ToArray();
        for (var i = 0; i < Goals.Length; i++)
        {
            Add(ProgrammeDecisions.AddTacticalGoal(programme, new AddTacticalGoal(tactical[i], strategic[Goals[i].Strategic], Goals[i].Result, Goals[i].Owner, today.PlusMonths(9)), Director, now));
        }

        foreach (var (goal, track) in tracks)
        {
            Add(ProgrammeDecisions.LinkTrack(programme, tactical[goal], track, Director, now));
        }

        now = story.WeeksAgo(5, 11);
        Add(ProgrammeDecisions.AddDependency(programme, new AddDependency(Guid.CreateVersion7(), new Node(NodeKind.Goal, tactical[1]), new Node(NodeKind.Goal, tactical[0]),
            "Eén loket kan pas als de klant zijn eigen plan heeft"), Director, now));
        Add(ProgrammeDecisions.AddDependency(programme, new AddDependency(Guid.CreateVersion7(), new Node(NodeKind.Goal, tactical[6]), new Node(NodeKind.Goal, tactical[2]),
            "Het dashboard meet ook de wachttijd van de schuldhulp"), Director, now));
        now = story.WeeksAgo(3, 15);
        Add(ProgrammeDecisions.Raise(programme, new RaiseImpediment(Guid.CreateVersion7(), tactical[7],
            "Geen afspraak met de financiële administratie over kosten per traject", Director, today.PlusWeeks(3)), Director, now));

        // After the track's last experiment (four days ago), so its board's events stay in the order they happened.
        now = story.On(today.PlusDays(-3), 11);
        var (raised, escalated) = ProgrammeDecisions.Escalate(programme, escalateFrom.Track!,
            new EscalateObstacle(Guid.CreateVersion7(), tactical[2], escalateFrom.Obstacle, "Chantal Visser", today.PlusWeeks(2)), "Chantal Visser", now);
        Add(raised);
        escalateFrom.Events.Add(escalated);
        seeded.AddRange(streams.Select(s => new NewStream(typeof(Track), s.Id, s.Events)));
        seeded.Add(new NewStream(typeof(Programme), programme.Id, programmeEvents));
    }

    /// <summary>A track with a metric, a target condition, its obstacle in focus and an experiment some days ago.</summary>
    private static (Track Track, List<object> Events, Guid Obstacle) SmallTrack(Team team, TrackPlan plan, Instant now, DemoStory story)
    {
        var today = story.Today;
        var started = TrackDecisions.Start(team, new StartTrack(Guid.CreateVersion7(), plan.Title, $"Over een jaar: {plan.Title.ToLowerInvariant()}, voor elke inwoner."), Director, now);
        var track = Track.From(started);
        var events = new List<object> { started };
        void Add(object e)
        {
            track = track.With(e);
            events.Add(e);
        }

        var metricId = Guid.CreateVersion7();
        Add(TrackDecisions.DefineMetric(track, new DefineMetric(metricId, "% op tijd", "%", BetterDirection.Higher, 90m), Director, now));
        Add(TrackDecisions.SetTargetCondition(track, new SetTargetCondition(Guid.CreateVersion7(), $"{plan.Title}: 60% op tijd",
            today.PlusWeeks(6), [new MetricTarget(metricId, 60m)]), Director, now, team.Cadence.GetZone()));
        var obstacle = Guid.CreateVersion7();
        // In focus for three weeks, before the latest experiment: not yet stuck (a team's threshold is four weeks).
        var focused = story.WeeksAgo(3, 9);
        Add(TrackDecisions.AddObstacle(track, new AddObstacle(obstacle, plan.Obstacle), Director, focused));
        Add(TrackDecisions.FocusObstacle(track, new FocusObstacle(obstacle), Director, focused));
        var experimentOn = today.PlusDays(-plan.DaysSinceExperiment);
        Add(TrackDecisions.PlanExperiment(track, new PlanExperiment(Guid.CreateVersion7(), experimentOn,
            $"Een week lang: {plan.Obstacle.ToLowerInvariant()} bijhouden en bespreken", "We weten waar het vastloopt"), Director, story.On(experimentOn, 10)));
        return (track, events, obstacle);
    }
}
