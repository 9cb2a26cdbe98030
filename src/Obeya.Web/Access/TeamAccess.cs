using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Domain.Teams;
using Obeya.Web.Accounts;

namespace Obeya.Web.Access;

/// <summary>A resource-based requirement: may this user do <see cref="Permission"/> with this team?</summary>
public sealed record TeamAccess(Permission Permission) : IAuthorizationRequirement;

/// <summary>A requirement without a team: the global roles.</summary>
public sealed record GlobalAccess(GlobalRole Role) : IAuthorizationRequirement;

/// <summary>ASP.NET Core's authorization asks the domain's <see cref="AccessRules"/>: the rules stay in one place.</summary>
public sealed class TeamAccessHandler : AuthorizationHandler<TeamAccess, Team>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TeamAccess requirement, Team resource)
    {
        if (AccessRules.May(Requesters.Of(context.User), requirement.Permission, resource))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public sealed class GlobalAccessHandler : AuthorizationHandler<GlobalAccess>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, GlobalAccess requirement)
    {
        var who = Requesters.Of(context.User);
        var allowed = requirement.Role switch
        {
            GlobalRole.Administrator => AccessRules.MayManageAccounts(who),
            GlobalRole.ProgrammeDirector => AccessRules.MaySteerObeya(who),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class Requesters
{
    /// <summary>The person a signed-in user is to the rules; null for nobody signed in.</summary>
    public static Person? Of(ClaimsPrincipal user) =>
        CurrentUser.Of(user) is { } current ? new Person(current.Email, current.Roles.ToHashSet()) : null;
}

/// <summary>
/// What the endpoints, the hub, the screens and the writes ask before they read or change a team's things. A refusal
/// is a <see cref="DomainException"/>: 401 for nobody signed in, 403 for someone who may not, a notice on a screen in the reader's language.
/// </summary>
public sealed class AccessCheck(IAuthorizationService authorization)
{
    public const string AdministratorPolicy = "beheerder";

    public const string ProgrammeDirectorPolicy = "programmadirecteur";

    public async Task<bool> May(ClaimsPrincipal user, Permission permission, Team team) =>
        (await authorization.AuthorizeAsync(user, team, new TeamAccess(permission))).Succeeded;

    public async Task Demand(ClaimsPrincipal user, Permission permission, Team team)
    {
        if (!await May(user, permission, team))
        {
            throw Refused(user, permission, team.Name);
        }
    }

    public async Task<bool> May(ClaimsPrincipal user, GlobalRole role) =>
        (await authorization.AuthorizeAsync(user, null, new GlobalAccess(role))).Succeeded;

    public async Task Demand(ClaimsPrincipal user, GlobalRole role)
    {
        if (!await May(user, role))
        {
            throw user.Identity?.IsAuthenticated == true
                ? DomainException.NotAllowed(role == GlobalRole.Administrator ? Phrase.Of("access.administratorOnly") : Phrase.Of("access.programmeDirectorOnly"))
                : DomainException.NotSignedIn();
        }
    }

    private static DomainException Refused(ClaimsPrincipal user, Permission permission, string teamName) =>
        user.Identity?.IsAuthenticated != true
            ? DomainException.NotSignedIn()
            : DomainException.NotAllowed(permission switch
            {
                Permission.ReadBoards => Phrase.Of("access.readBoards", teamName),
                Permission.ChangeBoards => Phrase.Of("access.changeBoards", teamName),
                Permission.RecordCoaching => Phrase.Of("access.recordCoaching", teamName),
                Permission.ManageWallScreens => Phrase.Of("access.manageWallScreens", teamName),
                _ => Phrase.Of("access.manageTeams"),
            });

    public static IServiceCollection AddObeyaAccess(IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, TeamAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, GlobalAccessHandler>();
        services.AddSingleton<AccessCheck>();
        services.AddScoped<ScreenAccess>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdministratorPolicy, policy => policy.AddRequirements(new GlobalAccess(GlobalRole.Administrator)))
            .AddPolicy(ProgrammeDirectorPolicy, policy => policy.AddRequirements(new GlobalAccess(GlobalRole.ProgrammeDirector)));
        return services;
    }
}
