namespace Obeya.Domain.Processes;

/// <summary>Whether a map shows the process as it runs now, or as the team wants it to run.</summary>
public enum MapState
{
    Current,
    Future,
}

/// <summary>
/// One step of a value stream: who does it, how long the work itself takes, how long a case waits before it, the share
/// that leaves it complete and accurate (%C&amp;A), and where a case that does not goes back to.
/// </summary>
/// <param name="ProcessMinutes">The work itself, per case.</param>
/// <param name="WaitMinutesBefore">How long a case waits in front of the step (in a queue, a tray, an inbox).</param>
/// <param name="FirstTimeRightPercent">Cases that leave the step complete and accurate, 0–100.</param>
/// <param name="ReworkTo">The step a case that is not right goes back to (this one or an earlier one); null: none.</param>
public sealed record ValueStreamStep(
    Guid Id, string Name, string Who, int ProcessMinutes, int WaitMinutesBefore, decimal FirstTimeRightPercent, Guid? ReworkTo = null)
{
    /// <summary>A year: longer than any wait or piece of work a map of a municipal process shows.</summary>
    public const int MaxMinutes = 365 * 24 * 60;

    /// <summary>The step as the domain accepts it: named, with times and a share in range.</summary>
    public ValueStreamStep Validated(string field) => this with
    {
        Name = Text.Name($"{field}.name", Name),
        Who = Text.Name($"{field}.who", Who),
        ProcessMinutes = Minutes($"{field}.processMinutes", ProcessMinutes),
        WaitMinutesBefore = Minutes($"{field}.waitMinutesBefore", WaitMinutesBefore),
        FirstTimeRightPercent = FirstTimeRightPercent is >= 0 and <= 100
            ? Bounds.Number($"{field}.firstTimeRightPercent", FirstTimeRightPercent)
            : throw new DomainException($"{field}.firstTimeRightPercent", Phrase.Of("number.between", 0, 100)),
    };

    private static int Minutes(string field, int minutes) =>
        minutes is >= 0 and <= MaxMinutes ? minutes : throw new DomainException(field, Phrase.Of("number.between", 0, MaxMinutes));
}

/// <summary>The steps of a map, in the order a case goes through them.</summary>
public static class ValueStreamSteps
{
    /// <summary>A map of more steps than this is a map of several processes.</summary>
    public const int MaxSteps = 40;

    /// <summary>
    /// The steps as a map may hold them: each valid, each id once, and rework only back to the step itself or an earlier
    /// one (going forward is not rework but the flow).
    /// </summary>
    public static IReadOnlyList<ValueStreamStep> Validated(IReadOnlyList<ValueStreamStep> steps)
    {
        if (steps.Count > MaxSteps)
        {
            throw new DomainException("steps", Phrase.Of("vsm.tooManySteps", MaxSteps));
        }

        var checkedSteps = new List<ValueStreamStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            var field = $"steps[{i}]";
            var step = steps[i].Validated(field);
            _ = Ids.New($"{field}.id", step.Id, checkedSteps.Any(s => s.Id == step.Id));

            if (step.ReworkTo is { } back && back != step.Id && checkedSteps.All(s => s.Id != back))
            {
                throw new DomainException($"{field}.reworkTo", Phrase.Of("vsm.reworkGoesBack"));
            }

            checkedSteps.Add(step);
        }

        return checkedSteps;
    }
}

/// <summary>
/// What a value stream map adds up to, as the timeline ladder beneath its steps shows it. Times are minutes of the
/// clock a case lives through (waiting counts in full, nights and weekends too), as value stream maps count them.
/// </summary>
/// <param name="LeadMinutes">A case straight through: every wait and every piece of work, once.</param>
/// <param name="ProcessMinutes">The work alone.</param>
/// <param name="FlowEfficiency">Work over lead time (0–1); null for a map without any time yet.</param>
/// <param name="RolledFirstTimeRight">The share of cases that pass every step right the first time: the product of the
/// steps' shares (0–1); 1 for a map without steps.</param>
/// <param name="ExpectedLeadMinutesWithRework">The lead time once rework is counted: a step right for a share p sends
/// the rest back to where its rework goes, so that stretch is walked 1/p times on average (each pass independent);
/// null when a step that sends cases back gets none right (they would loop for ever).</param>
public sealed record ValueStreamTotals(
    long LeadMinutes, long ProcessMinutes, decimal? FlowEfficiency, decimal RolledFirstTimeRight, decimal? ExpectedLeadMinutesWithRework)
{
    public static ValueStreamTotals Of(IReadOnlyList<ValueStreamStep> steps)
    {
        var lead = steps.Sum(s => (long)s.WaitMinutesBefore + s.ProcessMinutes);
        var work = steps.Sum(s => (long)s.ProcessMinutes);
        var rolled = steps.Aggregate(1m, (product, s) => product * s.FirstTimeRightPercent / 100m);
        decimal? expected = lead;
        for (var i = 0; i < steps.Count && expected is not null; i++)
        {
            var step = steps[i];
            if (step.ReworkTo is not { } back || step.FirstTimeRightPercent >= 100)
            {
                continue;
            }

            var from = IndexOf(steps, back, i);
            if (step.FirstTimeRightPercent == 0)
            {
                expected = null;
                continue;
            }

            // The stretch from where the case goes back to up to and including this step, walked again (1/p - 1) times.
            var stretch = steps.Skip(from).Take(i - from + 1).Sum(s => (decimal)s.WaitMinutesBefore + s.ProcessMinutes);
            expected += stretch * (100m / step.FirstTimeRightPercent - 1m);
        }

        return new ValueStreamTotals(
            lead, work, lead == 0 ? null : Math.Round((decimal)work / lead, 4), Math.Round(rolled, 4),
            expected is { } e ? Math.Round(e, 1) : null);
    }

    /// <summary>Where rework goes: a step at or before <paramref name="at"/>; one not found counts as the step itself.</summary>
    private static int IndexOf(IReadOnlyList<ValueStreamStep> steps, Guid id, int at)
    {
        for (var i = 0; i <= at; i++)
        {
            if (steps[i].Id == id)
            {
                return i;
            }
        }

        return at;
    }
}
