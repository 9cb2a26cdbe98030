using System.Security.Claims;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Web.Access;
using Obeya.Web.Accounts;

namespace Obeya.Web.Infrastructure;

/// <summary>Who acts: always the signed-in user, never a value the client sends.</summary>
public static class Actor
{
    /// <summary>The name every event records as By.</summary>
    public static string Of(ClaimsPrincipal user) =>
        CurrentUser.Of(user) is { Name.Length: > 0 } current ? current.Name : throw DomainException.NotSignedIn();

    public static string Of(HttpContext http) => Of(http.User);
}

/// <summary>Who writes and what they must be allowed for it: a write checks it against the team it loads.</summary>
public sealed record Acting(ClaimsPrincipal User, Permission Permission, AccessCheck Access)
{
    public static Acting Of(HttpContext http, Permission permission) =>
        new(http.User, permission, http.RequestServices.GetRequiredService<AccessCheck>());
}
