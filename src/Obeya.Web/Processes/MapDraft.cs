using Obeya.Domain.Processes;

namespace Obeya.Web.Processes;

/// <summary>A step as the map editor holds it while it is being changed.</summary>
public sealed class StepDraft
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string Who { get; set; } = "";

    public int ProcessMinutes { get; set; }

    public int WaitMinutesBefore { get; set; }

    public decimal FirstTimeRightPercent { get; set; } = 100;

    public Guid? ReworkTo { get; set; }

    public ValueStreamStep ToStep() => new(Id, Name, Who, ProcessMinutes, WaitMinutesBefore, FirstTimeRightPercent, ReworkTo);
}

/// <summary>A value stream map as the editor holds it: drawn again whole when saved, as the API takes it.</summary>
public sealed class MapDraft
{
    public Guid MapId { get; init; }

    public bool IsNew { get; init; }

    public MapState State { get; set; }

    public string Name { get; set; } = "";

    public int DemandPerWeek { get; set; }

    public List<StepDraft> Steps { get; } = [];

    public DrawValueStreamMap ToCommand() => new(MapId, State, Name, DemandPerWeek, [.. Steps.Select(s => s.ToStep())]);

    public static MapDraft New(MapState state, string name) => new() { MapId = Guid.CreateVersion7(), IsNew = true, State = state, Name = name };

    public static MapDraft Of(ValueStreamMap map)
    {
        var draft = new MapDraft { MapId = map.Id, State = map.State, Name = map.Name, DemandPerWeek = map.DemandPerWeek };
        draft.Steps.AddRange(map.Steps.Select(s => new StepDraft
        {
            Id = s.Id, Name = s.Name, Who = s.Who, ProcessMinutes = s.ProcessMinutes, WaitMinutesBefore = s.WaitMinutesBefore,
            FirstTimeRightPercent = s.FirstTimeRightPercent, ReworkTo = s.ReworkTo,
        }));
        return draft;
    }

    /// <summary>Moves a step one place; rework that would then point forward points at the step itself.</summary>
    public void Move(int index, int by)
    {
        var to = index + by;
        if (to < 0 || to >= Steps.Count)
        {
            return;
        }

        (Steps[index], Steps[to]) = (Steps[to], Steps[index]);
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].ReworkTo is { } back && Steps.FindIndex(s => s.Id == back) is var at && (at < 0 || at > i))
            {
                Steps[i].ReworkTo = null;
            }
        }
    }

    /// <summary>Removes a step; rework that went back to it goes nowhere.</summary>
    public void Remove(int index)
    {
        var gone = Steps[index].Id;
        Steps.RemoveAt(index);
        foreach (var step in Steps.Where(s => s.ReworkTo == gone))
        {
            step.ReworkTo = null;
        }
    }
}
