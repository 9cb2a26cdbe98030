using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Access;
using Obeya.Web.Language;

namespace Obeya.Web.Accounts;

/// <summary>
/// Signing in and out: local accounts with a cookie, and OpenID Connect when <c>Obeya:Oidc</c> is configured.
/// The pages are plain HTML forms rendered by these endpoints, so they need no circuit.
/// </summary>
public static class AccountEndpoints
{
    public const string OidcScheme = OrganisationSignInFlow.Scheme;

    public const string SignInRateLimit = "inloggen";

    public static WebApplicationBuilder AddObeyaAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountNames>();
        services.AddHostedService<FirstAdministrator>();

        var authentication = services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "obeya.auth";
                options.Cookie.HttpOnly = true;
                // Secure whenever the request came over HTTPS; plain HTTP only on a developer's own machine.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // A working day, renewed while in use.
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/inloggen";
                options.LogoutPath = "/uitloggen";
                options.AccessDeniedPath = "/inloggen";
                options.ReturnUrlParameter = "returnUrl";
                // An API client gets a status, not an HTML login page.
                options.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
                // The cookie carries the global roles: every few minutes they are read again, so a role a beheerder
                // takes away stops working within minutes rather than when the cookie expires.
                var recheck = Duration.FromSeconds(configuration.GetValue("Obeya:SignIn:RecheckSeconds", 300));
                options.Events.OnValidatePrincipal = context => RecheckAccount(context, recheck);
            });

        var organisation = OrganisationSignIn.From(configuration, builder.Environment);
        services.AddSingleton(organisation);
        if (organisation.Enabled)
        {
            authentication.AddOrganisationSignIn(organisation);
        }

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(
                        title: Words.Say("account.tooManySignInsTitle"),
                        detail: Words.Say("account.tooManySignIns"),
                        statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
            var permits = configuration.GetValue("Obeya:SignIn:PermitsPerMinute", 10);
            // Per address, so one machine guessing does not lock out the rest of the office.
            options.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "onbekend",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>Before antiforgery, whose tokens are bound to who is signed in.</summary>
    public static WebApplication UseObeyaAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        const string signingIn = "signing in is what one does before one is signed in";
        app.MapGet("/inloggen", (HttpContext http, IAntiforgery antiforgery, IStringLocalizer<AccountsText> T, string? returnUrl, bool? uitgelogd, string? fout) =>
            SignInForm(http, antiforgery, returnUrl, email: null, error: OrganisationSignInFlow.NoticeFrom(http, fout),
                notice: uitgelogd == true ? T["Je bent uitgelogd."].Value : null))
            .OpenToAnyone(signingIn);
        app.MapPost("/inloggen", SignIn).RequireRateLimiting(SignInRateLimit).OpenToAnyone(signingIn);
        app.MapGet("/inloggen/organisatie", (HttpContext http, string? returnUrl) =>
            !http.RequestServices.GetRequiredService<OrganisationSignIn>().Enabled
                ? Task.FromResult(Results.NotFound())
                : OrganisationSignInFlow.ChallengeAsync(http, LocalOrHome(returnUrl)))
            .OpenToAnyone(signingIn);

        app.MapGet("/uitloggen", (HttpContext http, IAntiforgery antiforgery) => CurrentUser.Of(http) is { } user
            ? (IResult)Page<SignOutPage>(new() { ["Tokens"] = antiforgery.GetAndStoreTokens(http), ["Name"] = user.Name, ["HasPassword"] = user.HasPassword })
            : Results.LocalRedirect("/inloggen"))
            .OpenToAnyone("someone whose sign-in expired is sent to the sign-in page rather than refused");
        app.MapPost("/uitloggen", SignOut).OpenToAnyone("signing out needs the form's antiforgery token, not a sign-in that may have expired");

        app.MapGet("/wachtwoord", (HttpContext http, IAntiforgery antiforgery) =>
            Page<PasswordPage>(new() { ["Tokens"] = antiforgery.GetAndStoreTokens(http), ["HasPassword"] = CurrentUser.Of(http)!.HasPassword }))
            .RequireAuthorization();
        app.MapPost("/wachtwoord", ChangePassword).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> SignIn(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, IAntiforgery antiforgery, AccountService accounts, IClock clock)
    {
        var (account, refusal) = await accounts.SignInAsync(email, password, http.RequestAborted);
        if (account is null)
        {
            return SignInForm(http, antiforgery, returnUrl, email, refusal, notice: null, StatusCodes.Status400BadRequest);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            CurrentUser.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { Items = { [CheckedAt] = InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()) } });
        RememberLanguage(http, account);
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary>POST only, with the form's antiforgery token: a link or an image elsewhere cannot sign anyone out.</summary>
    private static async Task<IResult> SignOut(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(title: Words.Say("api.invalidRequestTitle"), detail: Words.Say("account.formExpired"), statusCode: 400);
        }

        return await OrganisationSignInFlow.SignOutAsync(http, "/inloggen?uitgelogd=true");
    }

    private static async Task<IResult> ChangePassword(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? repeatPassword,
        HttpContext http, IAntiforgery antiforgery, AccountService accounts, IStringLocalizer<AccountsText> T)
    {
        var user = CurrentUser.Of(http)!;
        string? error = null;
        try
        {
            await accounts.ChangePasswordAsync(user.AccountId, currentPassword, newPassword, repeatPassword, http.RequestAborted);
        }
        catch (DomainException e)
        {
            error = e.Says.Worded();
        }

        return Page<PasswordPage>(
            new()
            {
                ["Tokens"] = antiforgery.GetAndStoreTokens(http), ["HasPassword"] = user.HasPassword,
                ["Error"] = error, ["Notice"] = error is null ? T["Je wachtwoord is gewijzigd."].Value : null,
            },
            error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static RazorComponentResult SignInForm(
        HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? email, string? error, string? notice,
        int status = StatusCodes.Status200OK) =>
        Page<SignInPage>(new()
        {
            ["Tokens"] = antiforgery.GetAndStoreTokens(http),
            ["ReturnUrl"] = LocalOrHome(returnUrl),
            ["Email"] = email,
            ["Error"] = error,
            ["Notice"] = notice,
            ["OrganisationSignIn"] = http.RequestServices.GetRequiredService<OrganisationSignIn>().Enabled,
        }, status);

    private static RazorComponentResult Page<TPage>(Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status };

    /// <summary>Only a path on this site, so the login page cannot be used to send someone elsewhere.</summary>
    /// <summary>A browser someone signs in from opens in the language they chose before, wherever that was.</summary>
    internal static void RememberLanguage(HttpContext http, Account account)
    {
        if (account.Language is { } language)
        {
            Language.ObeyaCulture.Remember(http.Response, language);
        }
    }

    internal static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            // A tab or line break inside makes a browser read another address than the one checked here.
            && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? url
            : "/";

    /// <summary>When the account behind a cookie was last read; set at every sign-in.</summary>
    internal const string CheckedAt = "obeya.checked";

    /// <summary>Re-reads the account behind a cookie once <paramref name="every"/> has passed: new roles or name, or gone.</summary>
    private static async Task RecheckAccount(CookieValidatePrincipalContext context, Duration every)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();
        if (context.Properties.Items.TryGetValue(CheckedAt, out var text) && InstantPattern.ExtendedIso.Parse(text ?? "") is { Success: true } checkedAt
            && now - checkedAt.Value < every)
        {
            return;
        }

        var current = CurrentUser.Of(context.Principal!);
        var account = current is null ? null
            : await context.HttpContext.RequestServices.GetRequiredService<AccountService>().LoadAsync(current.AccountId, context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(CurrentUser.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        context.Properties.Items[CheckedAt] = InstantPattern.ExtendedIso.Format(now);
        context.ShouldRenew = true;
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
