using Obeya.Domain.Accounts;
using Obeya.Web.Access;

namespace Obeya.Web.Accounts;

public sealed record CreateAccountRequest(string Name, string Email, string? Password, IReadOnlyList<GlobalRole>? Roles = null);

public sealed record ChangeRolesRequest(IReadOnlyList<GlobalRole> Roles);

/// <summary>What the beheerder sees of an account: never its password hash.</summary>
public sealed record AccountSummary(Guid Id, string Name, string Email, IReadOnlyList<GlobalRole> Roles, bool SignsInWithPassword, long Version)
{
    public static AccountSummary Of(Account a) => new(a.Id, a.Name, a.Email, a.Roles, a.PasswordHash is not null, a.Version);
}

/// <summary>The beheerder's API for accounts: list them, make one, give one its global roles.</summary>
public static class AccountAdministration
{
    public static IEndpointRouteBuilder MapAccountAdministration(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").Requires(GlobalRole.Administrator);
        accounts.MapGet("/", async (AccountService service, CancellationToken ct) =>
                (await service.ListAsync(ct)).Select(AccountSummary.Of).ToList())
            .WithSummary("All accounts, by e-mail");
        accounts.MapPost("/", async (CreateAccountRequest r, HttpContext http, AccountService service, CancellationToken ct) =>
            {
                // No password: the account signs in through the organisation (OpenID Connect) only.
                var account = await service.CreateAsync(r.Name, r.Email, r.Password, r.Roles ?? [], Infrastructure.Actor.Of(http), ct);
                return Results.Created($"/api/v1/accounts/{account.Id}", AccountSummary.Of(account));
            })
            .WithSummary("Make an account; without a password it signs in through the organisation only");
        accounts.MapPut("/{accountId:guid}/roles", async (Guid accountId, ChangeRolesRequest r, HttpContext http, AccountService service, CancellationToken ct) =>
                AccountSummary.Of(await service.ChangeRolesAsync(accountId, r.Roles, CurrentUser.Of(http)!, ct)))
            .WithSummary("Give an account exactly these global roles (beheerder, programmadirecteur); teamlid and coach come from the teams");
        return api;
    }
}
