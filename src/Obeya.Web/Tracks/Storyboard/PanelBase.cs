using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using NodaTime;
using Obeya.Web.Components;
using Obeya.Domain.Tracks;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Tracks.Storyboard;

/// <summary>What every storyboard panel gets: the board, whether it may change it, and the one way to change it.</summary>
public abstract class PanelBase : ComponentBase
{
    [Parameter, EditorRequired] public Track Track { get; set; } = null!;

    [Parameter] public bool Editable { get; set; }

    [Parameter] public LocalDate Today { get; set; }

    /// <summary>Runs a decision against the shown version; true when it was stored.</summary>
    [Parameter, EditorRequired] public Func<Func<Track, Decision, object>, Task<bool>> Act { get; set; } = null!;

    [Inject] private IJSRuntime Js { get; set; } = null!;

    /// <summary>
    /// After an action, focus goes to the item acted on or back to the form, never to the page body (where it falls
    /// when the focused button goes away with its item). Renders first, so the element exists.
    /// </summary>
    protected async Task FocusOn(string selector, string? text = null)
    {
        StateHasChanged();
        await ScreenFocus.On(Js, selector, text);
    }

    protected static LocalDate? ToLocal(DateOnly? date) => date is { } d ? LocalDate.FromDateOnly(d) : null;

    protected static DateOnly ToDateOnly(LocalDate date) => date.ToDateOnly();
}
