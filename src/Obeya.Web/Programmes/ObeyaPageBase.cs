using Microsoft.AspNetCore.Components;
using Obeya.Domain;

namespace Obeya.Web.Programmes;

/// <summary>
/// What every Obeya view shares: its programme, rolled up and kept live. The views of one programme share the
/// circuit's <see cref="ObeyaState"/>, so moving between them reloads nothing.
/// </summary>
public abstract class ObeyaPageBase : ComponentBase, IDisposable
{
    [Parameter] public Guid ProgrammeId { get; set; }

    [Inject] protected ObeyaState State { get; set; } = null!;

    [Inject] protected ObeyaSteering Steering { get; set; } = null!;

    [Inject] private Home.SeenBoards Seen { get; set; } = null!;

    [Inject] private Infrastructure.Reads.StoredStreams Reads { get; set; } = null!;

    [Inject] private Microsoft.JSInterop.IJSRuntime Js { get; set; } = null!;

    /// <summary>After an action, focus goes back to the form or to what changed, never to the page body.</summary>
    protected async Task FocusAfter(string selector)
    {
        StateHasChanged();
        await Components.ScreenFocus.On(Js, selector);
    }

    /// <summary>A programme director gets the levers, and only once the page runs interactively.</summary>
    protected bool MaySteer { get; private set; }

    protected ObeyaView? View => State.View?.Programme.Id == ProgrammeId ? State.View : null;

    protected bool NotFound { get; private set; }

    private int? lease;
    private ObeyaView? markedSeen;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            if (RendererInfo.IsInteractive)
            {
                State.Changed -= Refresh;
                State.Changed += Refresh;
                lease = await State.Open(ProgrammeId);
            }
            else
            {
                await State.Load(ProgrammeId);
            }
        }
        catch (DomainException e) when (e.Refusal == Refusal.NotFound)
        {
            NotFound = true;
        }

        MaySteer = RendererInfo.IsInteractive && await Steering.MaySteer();
    }

    /// <summary>
    /// Remembers in this browser what the room showed (the programme and the tracks below it, by version), so the home
    /// page can say what changed since this visit.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (RendererInfo.IsInteractive && View is { } view && !ReferenceEquals(view, markedSeen))
        {
            markedSeen = view;
            var ids = view.Programme.TacticalGoals.SelectMany(g => g.TrackIds).Append(view.Programme.Id).Distinct().ToList();
            await Seen.MarkSeenInRoom(await Reads.Versions(ids, CancellationToken.None));
        }
    }

    /// <summary>How long ago, in whole days, as a board says it.</summary>
    protected string Age(NodaTime.Instant since) => DaysSince(since) switch
    {
        0 => Language.Words.Say("format.today"),
        var days => Components.Format.DayCount(days),
    };

    /// <summary>Whole days between that moment and today, in the programme's zone.</summary>
    private int DaysSince(NodaTime.Instant since) => (View!.Today - since.InZone(ProgrammeEndpoints.Zone).Date).Days;

    /// <summary>"vandaag", "gisteren", "3 dagen geleden".</summary>
    protected string Ago(NodaTime.Instant since) => Components.Format.DaysAgo(DaysSince(since));

    /// <summary>"van vandaag", "van gisteren", "3 dagen oud".</summary>
    protected string Old(NodaTime.Instant since) => Components.Format.DaysOld(DaysSince(since));

    private Task Refresh() => InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        State.Changed -= Refresh;
        if (lease is { } held)
        {
            State.Close(held);
        }

        GC.SuppressFinalize(this);
    }
}
