using System.Security.Claims;
using Obeya.Domain;
using Obeya.Web.Accounts;

namespace Obeya.Web.Infrastructure;

/// <summary>Who acts: always the signed-in account, never a value the client sends.</summary>
public static class Actors
{
    /// <summary>What the events of what no account did (the demo data, the command line) name as their actor.</summary>
    public static readonly Actor Obeya = new(null, "Obeya");

    /// <summary>The account and its name now, as every event records it.</summary>
    public static Actor Of(ClaimsPrincipal user) =>
        CurrentUser.Of(user) is { Name.Length: > 0 } current ? new Actor(current.AccountId, current.Name) : throw DomainException.NotSignedIn();
}
