using System.Globalization;
using System.Security.Claims;
using Obeya.Domain.Accounts;

namespace Obeya.Web.Accounts;

/// <summary>
/// The signed-in account as the cookie carries it. Meant to replace <c>Actor.Of(http)</c> once every write
/// requires sign-in: the actor is then who signed in, never a value the client sends.
/// <see cref="HasPassword"/> is false for an account that signs in through the organisation only.
/// </summary>
public sealed record CurrentUser(Guid AccountId, string Name, string Email, IReadOnlyList<GlobalRole> Roles, bool HasPassword = true)
{
    /// <summary>Carried only by accounts without a password, so a cookie from before it existed counts as having one.</summary>
    public const string WithoutPasswordClaim = "obeya:without_password";

    public bool Has(GlobalRole role) => Roles.Contains(role);

    /// <summary>How events name this person: the account, with the name it has now.</summary>
    public Obeya.Domain.Actor Actor => new(AccountId, Name);

    /// <summary>Null for an anonymous user.</summary>
    public static CurrentUser? Of(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var roles = user.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<GlobalRole>(c.Value, out var role) ? role : (GlobalRole?)null)
            .OfType<GlobalRole>()
            .ToList();
        return new CurrentUser(id, user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Email) ?? "", roles,
            HasPassword: !user.HasClaim(c => c.Type == WithoutPasswordClaim));
    }

    public static CurrentUser? Of(HttpContext http) => Of(http.User);

    /// <summary>The claims a signed-in account carries, whichever way it signed in.</summary>
    public static ClaimsPrincipal Principal(Account account, string authenticationType) =>
        new CurrentUser(account.Id, account.Name, account.Email, account.Roles, HasPassword: account.PasswordHash is not null).ToPrincipal(authenticationType);

    public ClaimsPrincipal ToPrincipal(string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, AccountId.ToString()),
                new Claim(ClaimTypes.Name, Name),
                new Claim(ClaimTypes.Email, Email),
                .. Roles.Select(role => new Claim(ClaimTypes.Role, role.ToString())),
                .. HasPassword ? Array.Empty<Claim>() : [new Claim(WithoutPasswordClaim, "true")],
            ],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role));
}
