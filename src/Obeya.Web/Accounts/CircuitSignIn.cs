using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Obeya.Web.Accounts;

/// <summary>
/// Who is signed in to a Blazor circuit, read again from the account on the same interval as the cookie
/// (<c>Obeya:SignIn:RecheckSeconds</c>): new roles and name take effect on an open screen, and a removed account
/// is signed out of it. A stand-up screen stays open for days; it must not keep the rights it opened with.
/// </summary>
public sealed class CircuitSignIn(ILoggerFactory loggers, IServiceScopeFactory scopes, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(configuration.GetValue("Obeya:SignIn:RecheckSeconds", 300));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (CurrentUser.Of(authenticationState.User) is not { } current)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<AccountService>().LoadAsync(current.AccountId, cancellationToken);
        if (account is null || account.Removed)
        {
            return false;
        }

        // Always the account as it is now, even when nothing changed: the screens then ask their questions again
        // (a team may have changed its members in the meantime).
        var principal = CurrentUser.Principal(account, authenticationState.User.Identity?.AuthenticationType ?? "obeya");
        SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return true;
    }
}
