using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Obeya.Domain.Access;
using Obeya.Domain.Teams;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Access;

/// <summary>
/// A screen's questions about the one signed in to its circuit: what to show and offer. The writes ask again on
/// the server side of every change, so what a screen hides is a courtesy, not the protection.
/// </summary>
public sealed class ScreenAccess(AuthenticationStateProvider authentication, AccessCheck access)
{
    public async Task<ClaimsPrincipal> User() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<bool> May(Permission permission, Team team) => await access.May(await User(), permission, team);

    public async Task<Acting> Acting(Permission permission) => new(await User(), permission, access);

    public async Task<bool> Holds(Obeya.Domain.Accounts.GlobalRole role) => await access.May(await User(), role);

    /// <summary>The access check itself, for writes that ask it with the circuit's user.</summary>
    public AccessCheck Check => access;
}
