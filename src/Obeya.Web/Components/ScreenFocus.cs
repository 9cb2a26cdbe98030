using Microsoft.JSInterop;
using Radzen;

namespace Obeya.Web.Components;

/// <summary>Moves focus after an action to where the person works next, so it never falls back to the page body.</summary>
public static class ScreenFocus
{
    /// <summary>Focuses the first element matching <paramref name="selector"/> (and text), waiting briefly for it to render.</summary>
    public static async Task On(IJSRuntime js, string selector, string? text = null)
    {
        try
        {
            await js.InvokeAsync<bool>("obeyaFocus", selector, text);
        }
        catch (JSDisconnectedException)
        {
            // The browser went away: there is no focus to move.
        }
    }

    /// <summary>
    /// A confirmation that opens on its safe button (cancel), so Enter on an opened dialog never removes or revokes
    /// anything. True only when the person chose <paramref name="ok"/>.
    /// </summary>
    public static async Task<bool> ConfirmSafely(this DialogService dialogs, IJSRuntime js, string message, string title, string ok, string cancel)
    {
        var answer = dialogs.Confirm(message, title, new ConfirmOptions
        {
            OkButtonText = ok,
            CancelButtonText = cancel,
            AutoFocusFirstElement = false,
        });
        await On(js, ".rz-dialog-confirm-buttons button", cancel);
        return await answer == true;
    }
}
