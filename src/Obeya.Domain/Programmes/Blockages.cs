using NodaTime;

namespace Obeya.Domain.Programmes;

/// <summary>Where a goal or track on the Obeya sits.</summary>
public enum ItemLevel
{
    TransitionGoal,
    TacticalGoal,
    Track,
}

/// <summary>What holds something up: an impediment of its own, a team's escalated obstacle, something blocked it needs, or a status set by hand.</summary>
public enum BlockageCause
{
    Impediment,
    EscalatedObstacle,
    Dependency,
    Override,
}

/// <summary>
/// One line of "Wat is geblokkeerd en waarom": a blocked goal or track (or one held up by something blocked it needs)
/// and one cause behind it, with the team involved, who owns the cause, and since when. <see cref="Name"/> is null for a
/// track the Obeya no longer knows; <see cref="Owner"/> is null when the team involved owns the cause.
/// </summary>
public sealed record Blockage(
    Node Item, ItemLevel Level, string? Name, BlockageCause Cause, Phrase Why, Guid? TeamId, string? Owner, Instant Since, int AgeDays);

/// <summary>
/// The programme's blockages, read from the roll-up: every goal and track it shows as blocked, each with the root
/// causes below it (so a goal blocked by a team's track names that team's obstacle), and everything that needs
/// something blocked. Oldest first: what has stood longest is the first to talk about.
/// </summary>
public static class Blockages
{
    private sealed record Root(BlockageCause Cause, Phrase Why, Guid? TeamId, string? Owner, Instant Since, Guid? ImpedimentId = null);

    public static IReadOnlyList<Blockage> Of(Programme programme, RollupResult rollup, DateTimeZone zone, LocalDate today)
    {
        var open = programme.Impediments.Where(i => i.IsOpen).ToList();
        var rows = new List<Blockage>();
        int Age(Instant since) => Math.Max(0, Period.Between(since.InZone(zone).Date, today, PeriodUnits.Days).Days);
        void Add(Node item, ItemLevel level, string? name, Guid? teamId, IEnumerable<Root> roots) =>
            rows.AddRange(roots.Select(r => new Blockage(item, level, name, r.Cause, r.Why, r.TeamId ?? teamId, r.Owner, r.Since, Age(r.Since))));

        foreach (var goal in programme.TransitionGoals)
        {
            Add(new Node(NodeKind.Goal, goal.Id), ItemLevel.TransitionGoal, goal.Result, null, RootsOf(new Node(NodeKind.Goal, goal.Id)));
        }

        foreach (var goal in programme.TacticalGoals)
        {
            Add(new Node(NodeKind.Goal, goal.Id), ItemLevel.TacticalGoal, goal.Result, null, RootsOf(new Node(NodeKind.Goal, goal.Id)));
        }

        foreach (var trackId in programme.TacticalGoals.SelectMany(g => g.TrackIds).Distinct())
        {
            var summary = rollup.Summaries.GetValueOrDefault(trackId);
            Add(new Node(NodeKind.Track, trackId), ItemLevel.Track, summary?.Title, summary?.TeamId, RootsOf(new Node(NodeKind.Track, trackId)));
        }

        // Held up, not blocked: whatever needs something blocked, named with what it waits for.
        foreach (var dependency in programme.Dependencies)
        {
            if (!Exists(dependency.From) || !Exists(dependency.To) || rollup.Of(dependency.To).Shown != GoalStatus.Blocked
                || rollup.Of(dependency.From).Shown is GoalStatus.Blocked or GoalStatus.Achieved)
            {
                continue;
            }

            var behind = RootsOf(dependency.To);
            var (level, name, teamId) = Describe(dependency.From);
            var needed = Describe(dependency.To);
            var since = behind.Count == 0 ? programme.LastChangedAt : behind.Min(r => r.Since);
            Add(dependency.From, level, name, teamId,
                [new Root(BlockageCause.Dependency, Phrase.Of("blockage.needsBlocked", (object?)needed.Name ?? Phrase.Of("blockage.unknownTrack")), needed.TeamId, OwnerOf(dependency.To), since)]);
        }

        return [.. rows.OrderBy(r => r.Since).ThenBy(r => r.Level)];

        bool Exists(Node node) => node.Kind == NodeKind.Goal ? rollup.Goals.ContainsKey(node.Id) : rollup.Tracks.ContainsKey(node.Id);

        (ItemLevel Level, string? Name, Guid? TeamId) Describe(Node node)
        {
            if (node.Kind == NodeKind.Track)
            {
                var summary = rollup.Summaries.GetValueOrDefault(node.Id);
                return (ItemLevel.Track, summary?.Title, summary?.TeamId);
            }

            return programme.TransitionGoals.Any(g => g.Id == node.Id)
                ? (ItemLevel.TransitionGoal, programme.ResultOf(node.Id)!, null)
                : (ItemLevel.TacticalGoal, programme.ResultOf(node.Id)!, null);
        }

        Root RootOf(Impediment i) => i.Source is { } source
            ? new Root(BlockageCause.EscalatedObstacle, Phrase.Of("blockage.escalatedObstacle", i.Text, source.TrackTitle), source.TeamId, i.Owner, i.RaisedAt, i.Id)
            : new Root(BlockageCause.Impediment, Phrase.Of("blockage.impediment", i.Text), null, i.Owner, i.RaisedAt, i.Id);

        string? OwnerOf(Node node) =>
            node.Kind == NodeKind.Track
                ? null
                : programme.TransitionGoals.FirstOrDefault(g => g.Id == node.Id)?.Owner ?? programme.TacticalGoals.First(g => g.Id == node.Id).Owner;

        // The causes that make a blocked thing blocked, followed down to the impediments and obstacles at the root.
        List<Root> RootsOf(Node node)
        {
            var view = rollup.Of(node);
            if (view.Shown != GoalStatus.Blocked)
            {
                return [];
            }

            if (view.Derived != GoalStatus.Blocked && view.Override is { } set)
            {
                return [new Root(BlockageCause.Override, Phrase.Of("blockage.override", set.By.Name, set.Reason), null, set.By.Name, set.At)];
            }

            if (node.Kind == NodeKind.Track)
            {
                return [.. open.Where(i => i.Source?.TrackId == node.Id).Select(RootOf)];
            }

            var own = open.Where(i => i.GoalId == node.Id).Select(RootOf).ToList();
            if (own.Count > 0 && programme.TransitionGoals.Any(g => g.Id == node.Id))
            {
                return own;
            }

            var below = programme.TacticalGoals.FirstOrDefault(g => g.Id == node.Id) is { } tactical
                ? tactical.TrackIds.Select(t => new Node(NodeKind.Track, t))
                : programme.TacticalGoals.Where(t => t.TransitionGoalId == node.Id).Select(t => new Node(NodeKind.Goal, t.Id));
            // An obstacle escalated to the goal its track serves is one cause, not two.
            return [.. own.Concat(below.SelectMany(RootsOf)).DistinctBy(r => r.ImpedimentId ?? Guid.NewGuid())];
        }
    }

}
