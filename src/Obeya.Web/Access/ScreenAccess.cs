using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Obeya.Domain.Access;
using Obeya.Domain.Teams;

namespace Obeya.Web.Access;

/// <summary>
/// A screen's questions about the one signed in to its circuit: what to show and offer. The circuit's sign-in is read
/// again from the account on the API's interval (<see cref="Accounts.CircuitSignIn"/>); <see cref="Rechecked"/> then
/// tells the screens to ask again, so a screen open for days shows what its person may see today. The writes ask
/// again on every change anyway, so what a screen hides is a courtesy, not the protection.
/// </summary>
public sealed class ScreenAccess : IDisposable
{
    private readonly AuthenticationStateProvider authentication;

    public ScreenAccess(AuthenticationStateProvider authentication, AccessCheck access)
    {
        this.authentication = authentication;
        Check = access;
        authentication.AuthenticationStateChanged += OnChanged;
    }

    /// <summary>Raised (outside the renderer) after the signed-in person's account and roles were read again.</summary>
    public event Func<Task>? Rechecked;

    /// <summary>The access check itself, for writes that ask it with the circuit's user.</summary>
    public AccessCheck Check { get; }

    public async Task<ClaimsPrincipal> User() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<bool> May(Permission permission, Team team) => await Check.May(await User(), permission, team);

    public async Task<bool> Holds(Obeya.Domain.Accounts.GlobalRole role) => await Check.May(await User(), role);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;

    private async void OnChanged(Task<AuthenticationState> state)
    {
        try
        {
            await state;
            if (Rechecked is { } rechecked)
            {
                await rechecked();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A screen that could not ask again keeps what it had until the next recheck; its writes ask anyway.
        }
    }
}
