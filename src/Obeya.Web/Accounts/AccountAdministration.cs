using Obeya.Domain.Accounts;
using Obeya.Web.Access;

namespace Obeya.Web.Accounts;

public sealed record CreateAccountRequest(string Name, string Email, string? Password, IReadOnlyList<GlobalRole>? Roles = null);

public sealed record ChangeRolesRequest(IReadOnlyList<GlobalRole> Roles);

/// <summary>What the beheerder sees of an account: never its password hash.</summary>
public sealed record AccountSummary(Guid Id, string Name, string Email, IReadOnlyList<GlobalRole> Roles, bool SignsInWithPassword, bool Locked)
{
    public static AccountSummary Of(Account a, NodaTime.Instant now) =>
        new(a.Id, a.Name, a.Email, a.Roles, a.PasswordHash is not null, a.IsLockedAt(now));
}

/// <summary>The beheerder's API for accounts: list them, make one, give one its global roles.</summary>
public static class AccountAdministration
{
    public static IEndpointRouteBuilder MapAccountAdministration(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").Requires(GlobalRole.Administrator);
        accounts.MapGet("/", async (AccountService service, NodaTime.IClock clock, CancellationToken ct) =>
                (await service.ListAsync(ct)).Select(a => AccountSummary.Of(a, clock.GetCurrentInstant())).ToList())
            .WithSummary("All accounts, by e-mail (removed ones are left out)");
        accounts.MapPost("/", async (CreateAccountRequest r, HttpContext http, AccountService service, NodaTime.IClock clock, CancellationToken ct) =>
            {
                // No password: the account signs in through the organisation (OpenID Connect) only.
                var account = await service.CreateAsync(r.Name, r.Email, r.Password, r.Roles ?? [], Infrastructure.Actors.Of(http.User), ct);
                return Results.Created($"/api/v1/accounts/{account.Id}", AccountSummary.Of(account, clock.GetCurrentInstant()));
            })
            .WithSummary("Make an account; without a password it signs in through the organisation only");
        accounts.MapPut("/{accountId:guid}/roles", async (Guid accountId, ChangeRolesRequest r, HttpContext http, AccountService service, NodaTime.IClock clock, CancellationToken ct) =>
                AccountSummary.Of(await service.ChangeRolesAsync(accountId, r.Roles, CurrentUser.Of(http)!, ct), clock.GetCurrentInstant()))
            .WithSummary("Give an account exactly these global roles (beheerder, programmadirecteur); teamlid and coach come from the teams");
        accounts.MapPost("/{accountId:guid}/unlock", async (Guid accountId, HttpContext http, AccountService service, NodaTime.IClock clock, CancellationToken ct) =>
                AccountSummary.Of(await service.UnlockAsync(accountId, CurrentUser.Of(http)!, ct), clock.GetCurrentInstant()))
            .WithSummary("Lift a lockout after five wrong passwords before its fifteen minutes are over");
        accounts.MapPost("/{accountId:guid}/removed", async (Guid accountId, HttpContext http, AccountService service, CancellationToken ct) =>
            {
                await service.RemoveAsync(accountId, CurrentUser.Of(http)!, ct);
                return Results.NoContent();
            })
            .WithSummary("Remove the account of someone who left: no more signing in; history names them 'voormalig medewerker'");
        return api;
    }
}
