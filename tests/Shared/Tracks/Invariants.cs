using Obeya.Domain;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;

namespace Obeya.Testing.Tracks;

/// <summary>The rules of DOMAIN.md that hold on every board, whatever happened before.</summary>
public static class Invariants
{
    /// <summary>Each rule <paramref name="after"/> breaks, in words; none when it keeps them all.</summary>
    public static IReadOnlyList<string> Violations(Track before, Track after, Team team)
    {
        var broken = new List<string>();
        void Rule(bool holds, string rule)
        {
            if (!holds)
            {
                broken.Add(rule);
            }
        }

        Rule(after.TargetConditions.Count(t => t.State == TargetConditionState.Active) <= 1, "at most one target condition is active");
        Rule(after.FocusedObstacleId is not { } focused || after.Obstacles.Count(o => o.Id == focused && o.State == ObstacleState.Open) == 1,
            "the obstacle in focus is one open obstacle of the board");
        var open = after.Experiments.Where(e => e.IsOpen).ToList();
        Rule(open.Count <= 1, "at most one experiment runs");
        Rule(open.All(e => e.ObstacleId == after.FocusedObstacleId), "the running experiment is against the obstacle in focus");
        Rule(after.Experiments.All(e => after.Obstacles.Any(o => o.Id == e.ObstacleId)), "every experiment is against an obstacle of the board");
        Rule(after.Experiments.All(e => (e.WhatHappened is null) == (e.Learned is null) && (e.AsExpected is null) == (e.Learned is null)),
            "a result is recorded whole: what happened, what was learned, and whether as expected");
        Rule(after.SmallSteps.All(s => team.Member(s.OwnerId)?.Name == s.OwnerName), "every step has one owner, a member of the team, by name");
        Rule(after.TargetConditions.All(t => t.MetricTargets.Count > 0 && t.MetricTargets.All(m => after.Metrics.Any(x => x.Id == m.MetricId))),
            "every target condition is measurable by metrics of the board");
        Rule(after.Id == before.Id && after.TeamId == before.TeamId && after.StartedAt == before.StartedAt, "a track stays the team's track it started as");
        Rule(after.LastChangedAt >= before.LastChangedAt, "the last change never moves back");

        // Nothing is deleted: resolved, dropped or corrected, but still there.
        Rule(Kept(before.Metrics, after.Metrics, m => m.Id), "no metric disappears");
        Rule(Kept(before.Metrics.SelectMany(m => m.Measurements), after.Metrics.SelectMany(m => m.Measurements), x => x.Id), "no measurement disappears");
        Rule(Kept(before.TargetConditions, after.TargetConditions, t => t.Id), "no target condition disappears");
        Rule(Kept(before.CurrentConditions, after.CurrentConditions, c => c.Id), "no current condition disappears");
        Rule(Kept(before.Obstacles, after.Obstacles, o => o.Id), "no obstacle disappears");
        Rule(Kept(before.Experiments, after.Experiments, e => e.Id), "no experiment disappears");
        Rule(Kept(before.SmallSteps, after.SmallSteps, s => s.Id), "no step disappears");

        IEnumerable<Guid> ids =
        [
            after.Id, .. after.Metrics.Select(m => m.Id), .. after.Metrics.SelectMany(m => m.Measurements).Select(x => x.Id), .. after.TargetConditions.Select(t => t.Id),
            .. after.CurrentConditions.Select(c => c.Id), .. after.Obstacles.Select(o => o.Id), .. after.Experiments.Select(e => e.Id), .. after.SmallSteps.Select(s => s.Id),
        ];
        Rule(ids.GroupBy(id => id).All(g => g.Count() == 1), "each id names one thing on the board");
        return broken;
    }

    /// <summary>What is wrong with what the domain tells of an event (a phrase); null when nothing is.</summary>
    public static string? SentenceProblem(Phrase action) => action switch
    {
        { Key: "history.unknownEvent" } => "it does not know the event",
        _ when action.Values.Any(v => v is null or "") => "it names something the board did not have then",
        _ when action.Values.Contains("?") => "it has a value it could not find",
        _ => null,
    };

    /// <summary>What is wrong with a history sentence as a person reads it; null when nothing is.</summary>
    public static string? SentenceProblem(string action) => action switch
    {
        _ when string.IsNullOrWhiteSpace(action) => "it is empty",
        _ when action.Contains("''", StringComparison.Ordinal) => "it names something the board did not have then",
        _ when action.Contains(" ?", StringComparison.Ordinal) => "it has a value it could not find",
        _ when action.Contains("deed iets wat deze versie", StringComparison.Ordinal) => "it does not know the event",
        _ => null,
    };

    private static bool Kept<T>(IEnumerable<T> before, IEnumerable<T> after, Func<T, Guid> id)
    {
        var now = after.Select(id).ToHashSet();
        return before.Select(id).All(now.Contains) && now.Count >= before.Count();
    }
}
