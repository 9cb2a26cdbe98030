using NodaTime;
using Obeya.Domain.Rhythm;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Programmes;

/// <summary>
/// What the tactical board shows of a team's track: its KATA in one line, whether its team's rhythm holds (the same
/// cadence health the team page shows) and whether its metrics' forecasts reach their targets.
/// </summary>
/// <param name="RhythmWarnings">The team's cadence warnings; none when the rhythm holds.</param>
/// <param name="ForecastsMissing">The track's metrics whose forecast falls short of the target by the date.</param>
public sealed record KataSummary(
    Guid TrackId, Guid TeamId, string Title, string? TargetCondition, LocalDate? AchieveBy, int? DaysLeft, string? FocusedObstacle,
    LocalDate? LastExperimentOn, IReadOnlyList<Phrase> RhythmWarnings, IReadOnlyList<Phrase> ForecastsMissing)
{
    public bool RhythmHolds => RhythmWarnings.Count == 0;

    /// <summary>The summary of <paramref name="track"/>; <paramref name="rhythm"/> is its team's cadence health.</summary>
    public static KataSummary Of(Track track, LocalDate today, CadenceHealth? rhythm)
    {
        var target = track.ActiveTargetCondition;
        var lastExperiment = track.Experiments.Count == 0 ? (LocalDate?)null : track.Experiments.Max(e => e.On);
        var missing = track.IsClosed
            ? []
            : track.Metrics.Select(m => (Metric: m, Forecast: MetricForecast.Of(track, m)))
                .Where(x => x.Forecast is { Misses: true, AtTarget: not null })
                .Select(x => Phrase.Of("rollup.forecastMisses", track.Title, x.Metric.Name, x.Forecast.AtTarget!.Expected, x.Metric.Unit, x.Forecast.By, x.Forecast.Target))
                .ToList();
        return new KataSummary(
            track.Id, track.TeamId, track.Title, target?.Description, target?.AchieveBy,
            target is null ? null : Period.Between(today, target.AchieveBy, PeriodUnits.Days).Days,
            track.FocusedObstacle?.Text, lastExperiment,
            // A team whose rhythm is unknown (its team is gone) has none to keep.
            rhythm?.Warnings ?? [], missing);
    }
}

/// <summary>A goal's or track's status as the Obeya shows it, and why (each reason a phrase the web layer words).</summary>
public sealed record StatusView(GoalStatus Derived, GoalStatus Shown, IReadOnlyList<Phrase> Why, StatusOverride? Override, bool OverrideLapsed);

/// <summary>The statuses of a programme's goals and its tracks at one moment.</summary>
public sealed record RollupResult(IReadOnlyDictionary<Guid, StatusView> Goals, IReadOnlyDictionary<Guid, StatusView> Tracks, IReadOnlyDictionary<Guid, KataSummary> Summaries)
{
    public StatusView Of(Node node) => node.Kind == NodeKind.Goal ? Goals[node.Id] : Tracks[node.Id];
}

/// <summary>
/// The status roll-up (DOMAIN.md): from the tracks up to the transition goals.
/// <list type="bullet">
/// <item>A track is geblokkeerd while an impediment escalated from it is open; risico without an active target
/// condition, past its achieve-by date, when its team's rhythm does not hold, or when a metric's forecast misses its
/// target.</item>
/// <item>A tactical goal is bereikt once marked so; geblokkeerd by an open impediment of its own or a blocked track;
/// risico by a track at risk or past its due date.</item>
/// <item>A transition goal is bereikt once marked so or when all its tactical goals are; geblokkeerd by an open
/// impediment of its own or when every open tactical goal is blocked; risico when any is blocked or at risk, or past
/// its horizon.</item>
/// <item>Whatever depends on something blocked is at least risico.</item>
/// <item>An override shows its status while the roll-up still says what it said when the override was made.</item>
/// </list>
/// </summary>
public static class Rollup
{
    /// <param name="rhythms">The cadence health of the tracks' teams, by team id.</param>
    public static RollupResult Compute(
        Programme programme, IReadOnlyDictionary<Guid, Track> tracks, IReadOnlyDictionary<Guid, CadenceHealth> rhythms, LocalDate today)
    {
        var summaries = tracks.Values.ToDictionary(t => t.Id, t => KataSummary.Of(t, today, rhythms.GetValueOrDefault(t.TeamId)));
        var open = programme.Impediments.Where(i => i.IsOpen).ToList();

        var trackStatus = new Dictionary<Guid, (GoalStatus Status, List<Phrase> Why)>();
        foreach (var trackId in programme.TacticalGoals.SelectMany(g => g.TrackIds))
        {
            trackStatus[trackId] = TrackStatus(trackId, summaries.GetValueOrDefault(trackId), open, today);
        }

        var blocked = trackStatus.Where(t => t.Value.Status == GoalStatus.Blocked).Select(t => new Node(NodeKind.Track, t.Key)).ToHashSet();
        var tactical = new Dictionary<Guid, (GoalStatus Status, List<Phrase> Why)>();
        foreach (var goal in programme.TacticalGoals)
        {
            tactical[goal.Id] = TacticalStatus(goal, trackStatus, summaries, open, today);
        }

        blocked.UnionWith(tactical.Where(t => t.Value.Status == GoalStatus.Blocked).Select(t => new Node(NodeKind.Goal, t.Key)));
        var tacticalShown = new Dictionary<Guid, StatusView>();
        foreach (var goal in programme.TacticalGoals)
        {
            var (status, why) = AtRiskByDependency(programme, new Node(NodeKind.Goal, goal.Id), tactical[goal.Id], blocked);
            tacticalShown[goal.Id] = View(programme, goal.Id, status, why);
        }

        var goals = new Dictionary<Guid, StatusView>(tacticalShown);
        foreach (var goal in programme.TransitionGoals)
        {
            var (status, why) = TransitionStatus(programme, goal, tacticalShown, open, today);
            (status, why) = AtRiskByDependency(programme, new Node(NodeKind.Goal, goal.Id), (status, why), blocked);
            goals[goal.Id] = View(programme, goal.Id, status, why);
        }

        var trackViews = trackStatus.ToDictionary(
            t => t.Key,
            t =>
            {
                var (status, why) = AtRiskByDependency(programme, new Node(NodeKind.Track, t.Key), t.Value, blocked);
                return new StatusView(status, status, why, null, false);
            });
        return new RollupResult(goals, trackViews, summaries);
    }

    private static (GoalStatus, List<Phrase>) TrackStatus(Guid trackId, KataSummary? summary, List<Impediment> open, LocalDate today)
    {
        var escalated = open.Where(i => i.Source?.TrackId == trackId).ToList();
        if (escalated.Count > 0)
        {
            return (GoalStatus.Blocked, [.. escalated.Select(i => Phrase.Of("rollup.escalatedObstacleOpen", i.Text))]);
        }

        var why = new List<Phrase>();
        if (summary is null)
        {
            why.Add(Phrase.Of("rollup.trackGone"));
        }
        else if (summary.TargetCondition is null)
        {
            why.Add(Phrase.Of("rollup.noTargetCondition", summary.Title));
        }
        else if (summary.AchieveBy < today)
        {
            why.Add(Phrase.Of("rollup.targetConditionOverdue", summary.Title));
        }

        if (summary is not null)
        {
            why.AddRange(summary.RhythmWarnings.Select(w => Phrase.Of("rollup.rhythmSlips", summary.Title, w)));
            why.AddRange(summary.ForecastsMissing);
        }

        return (why.Count > 0 ? GoalStatus.AtRisk : GoalStatus.OnTrack, why);
    }

    private static (GoalStatus, List<Phrase>) TacticalStatus(
        TacticalGoal goal, Dictionary<Guid, (GoalStatus Status, List<Phrase> Why)> tracks, Dictionary<Guid, KataSummary> summaries,
        List<Impediment> open, LocalDate today)
    {
        if (goal.Achieved)
        {
            return (GoalStatus.Achieved, [Phrase.Of("rollup.achieved")]);
        }

        var own = open.Where(i => i.GoalId == goal.Id).ToList();
        var blockedTracks = goal.TrackIds.Where(t => tracks[t].Status == GoalStatus.Blocked).ToList();
        if (own.Count > 0 || blockedTracks.Count > 0)
        {
            return (GoalStatus.Blocked,
                [.. own.Select(i => Phrase.Of("rollup.impedimentOpen", i.Text)), .. blockedTracks.Select(t => Phrase.Of("rollup.trackBlocked", TitleOf(t, summaries)))]);
        }

        var why = goal.TrackIds.Where(t => tracks[t].Status == GoalStatus.AtRisk).SelectMany(t => tracks[t].Why).ToList();
        if (goal.Due < today)
        {
            why.Add(Phrase.Of("rollup.duePassed", goal.Due));
        }

        return (why.Count > 0 ? GoalStatus.AtRisk : GoalStatus.OnTrack, why);
    }

    private static (GoalStatus, List<Phrase>) TransitionStatus(
        Programme programme, TransitionGoal goal, Dictionary<Guid, StatusView> tactical, List<Impediment> open, LocalDate today)
    {
        var below = programme.TacticalGoals.Where(t => t.TransitionGoalId == goal.Id).ToList();
        if (goal.Achieved || (below.Count > 0 && below.All(t => tactical[t.Id].Shown == GoalStatus.Achieved)))
        {
            return (GoalStatus.Achieved, [Phrase.Of("rollup.achieved")]);
        }

        var own = open.Where(i => i.GoalId == goal.Id).ToList();
        var unfinished = below.Where(t => tactical[t.Id].Shown != GoalStatus.Achieved).ToList();
        if (own.Count > 0 || (unfinished.Count > 0 && unfinished.All(t => tactical[t.Id].Shown == GoalStatus.Blocked)))
        {
            return (GoalStatus.Blocked,
                [.. own.Select(i => Phrase.Of("rollup.impedimentOpen", i.Text)), .. unfinished.Where(_ => own.Count == 0).Select(t => Phrase.Of("rollup.goalBlocked", t.Result))]);
        }

        var why = unfinished
            .Where(t => tactical[t.Id].Shown is GoalStatus.Blocked or GoalStatus.AtRisk)
            .Select(t => tactical[t.Id].Shown == GoalStatus.Blocked ? Phrase.Of("rollup.goalBlocked", t.Result) : Phrase.Of("rollup.goalAtRisk", t.Result))
            .ToList();
        if (goal.Horizon < today)
        {
            why.Add(Phrase.Of("rollup.horizonPassed", goal.Horizon));
        }

        return (why.Count > 0 ? GoalStatus.AtRisk : GoalStatus.OnTrack, why);
    }

    /// <summary>A goal or track that needs something blocked is at least at risk.</summary>
    private static (GoalStatus, List<Phrase>) AtRiskByDependency(Programme programme, Node node, (GoalStatus Status, List<Phrase> Why) status, HashSet<Node> blocked)
    {
        if (status.Status is GoalStatus.Blocked or GoalStatus.Achieved)
        {
            return status;
        }

        var waitingOn = programme.Dependencies.Where(d => d.From == node && blocked.Contains(d.To)).ToList();
        return waitingOn.Count == 0
            ? status
            : (GoalStatus.AtRisk, [.. status.Why, .. waitingOn.Select(d => Phrase.Of("rollup.dependsOnBlocked", NameOf(programme, d.To)))]);
    }

    private static StatusView View(Programme programme, Guid goalId, GoalStatus derived, List<Phrase> why)
    {
        var overridden = programme.Overrides.GetValueOrDefault(goalId);
        var holds = overridden is not null && overridden.DerivedWhenSet == derived;
        return new StatusView(derived, holds ? overridden!.Status : derived, why, overridden, overridden is not null && !holds);
    }

    private static object TitleOf(Guid trackId, Dictionary<Guid, KataSummary> summaries) =>
        summaries.TryGetValue(trackId, out var summary) ? summary.Title : (object)Phrase.Of("rollup.unknown");

    private static Phrase NameOf(Programme programme, Node node) =>
        node.Kind == NodeKind.Goal ? Phrase.Of("rollup.goalNamed", programme.ResultOf(node.Id)) : Phrase.Of("rollup.aTrack");
}
