using Marten;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Access;

/// <summary>The rule an endpoint declares: the route table says, for every endpoint, who may call it.</summary>
public abstract record EndpointRule;

/// <summary>A permission on the team of the thing the route names (teamId, trackId, sessionId or wallScreenId).</summary>
public sealed record TeamRule(Permission Permission) : EndpointRule;

/// <summary>A global role, whatever the team.</summary>
public sealed record RoleRule(GlobalRole Role) : EndpointRule;

/// <summary>Anyone signed in: nothing of a team's is shown.</summary>
public sealed record SignedInRule : EndpointRule;

/// <summary>No sign-in needed; <see cref="Why"/> says why, for the route-table test and the closing note.</summary>
public sealed record AnyoneRule(string Why) : EndpointRule;

/// <summary>
/// Every API endpoint declares its rule, and every call is checked against it before its handler runs. An endpoint
/// that declares no rule is refused to everyone: forgetting fails closed, and the route-table test names it.
/// </summary>
public static class EndpointRules
{
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TeamRule(permission));

    public static TBuilder Requires<TBuilder>(this TBuilder builder, GlobalRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RoleRule(role));

    public static TBuilder RequiresSignIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignedInRule());

    public static TBuilder OpenToAnyone<TBuilder>(this TBuilder builder, string why) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AnyoneRule(why));

    /// <summary>
    /// Asks every API endpoint's rule once routing chose it and before anything of the request is read, so a refused
    /// caller hears 401 or 403 even for a body that would not bind, and nothing is read or written for them.
    /// </summary>
    public static WebApplication UseEndpointRules(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is { } endpoint && http.Request.Path.StartsWithSegments("/api"))
            {
                // The last rule declared wins, so an endpoint narrows what its group declares.
                await Check(endpoint.Metadata.GetOrderedMetadata<EndpointRule>().LastOrDefault(), http);
            }

            await next(http);
        });
        return app;
    }

    /// <summary>The team the route's rule was asked on in this request, for the write to use instead of loading it again.</summary>
    public static CheckedTeam? CheckedTeamOf(HttpContext http) => http.Items[typeof(CheckedTeam)] as CheckedTeam;

    private static async Task Check(EndpointRule? rule, HttpContext http)
    {
        if (rule is AnyoneRule)
        {
            return;
        }

        // Routing chose no endpoint of ours but a framework's refusal (a method or content type the route does not
        // take): answer what it is, as a problem, rather than "nobody may use this address".
        if (rule is null && http.GetEndpoint() is { Metadata.Count: 0, DisplayName: var name })
        {
            throw name switch
            {
                string n when n.StartsWith("415", StringComparison.Ordinal) => new ApiProblemException(
                    StatusCodes.Status415UnsupportedMediaType, "Content-Type", Phrase.Of("api.wrongContentTypeTitle"), Phrase.Of("api.sendJson")),
                string n when n.StartsWith("405", StringComparison.Ordinal) => new ApiProblemException(
                    StatusCodes.Status405MethodNotAllowed, "method", Phrase.Of("api.methodNotAllowedTitle"), Phrase.Of("api.methodNotAllowed", http.Request.Method)),
                _ => DomainException.NotAllowed(Phrase.Of("access.noRuleForAddress")),
            };
        }

        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            throw DomainException.NotSignedIn();
        }

        var access = http.RequestServices.GetRequiredService<AccessCheck>();
        switch (rule)
        {
            case SignedInRule:
                return;
            case RoleRule role:
                await access.Demand(user, role.Role);
                return;
            case TeamRule team:
                var session = http.RequestServices.GetRequiredService<IQuerySession>();
                var owner = await TeamsOfThings.Of(session, http.Request.RouteValues, http.RequestAborted)
                    ?? throw new InvalidOperationException($"{http.Request.Path} declares a team rule but names no team's thing.");
                await access.Demand(user, team.Permission, owner);
                http.Items[typeof(CheckedTeam)] = new CheckedTeam(owner, team.Permission);
                return;
            default:
                throw DomainException.NotAllowed(Phrase.Of("access.noRuleForAddress"));
        }
    }
}
