using Microsoft.AspNetCore.Components;
using NodaTime;
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

    protected static LocalDate? ToLocal(DateOnly? date) => date is { } d ? LocalDate.FromDateOnly(d) : null;

    protected static DateOnly ToDateOnly(LocalDate date) => date.ToDateOnly();
}
