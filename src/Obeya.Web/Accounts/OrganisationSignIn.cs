using System.Net.Http;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Language;

namespace Obeya.Web.Accounts;

/// <summary>
/// Signing in through the organisation's OpenID Connect provider, as configured under <c>Obeya:Oidc</c> and
/// checked at start: a setting that cannot work stops Obeya with the reason, rather than failing every request.
/// </summary>
/// <param name="TrustEmailAddresses">Accept the provider's e-mail addresses without <c>email_verified</c>.</param>
/// <param name="AllowHttp">A plain-http authority, for a provider on a developer's machine only.</param>
/// <param name="TrustedCertificates">The CA certificates the provider's TLS certificate must chain to, in place of the system's.</param>
public sealed record OrganisationSignIn(
    bool Enabled,
    Uri? Authority = null,
    string? ClientId = null,
    string? ClientSecret = null,
    bool TrustEmailAddresses = false,
    bool AllowHttp = false,
    X509Certificate2Collection? TrustedCertificates = null)
{
    public const string Section = "Obeya:Oidc";

    /// <summary>Where the provider lives, for the forms that post on to it (signing out).</summary>
    public string? Origin => Authority?.GetLeftPart(UriPartial.Authority);

    public static OrganisationSignIn From(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        var authorityText = section["Authority"];
        if (string.IsNullOrWhiteSpace(authorityText))
        {
            return new(false);
        }

        if (!Uri.TryCreate(authorityText.Trim(), UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            throw new InvalidSettingException(
                $"{Section}:Authority '{authorityText}' is not an https:// address (for example https://login.gemeente.nl/realms/obeya).");
        }

        var allowHttp = section.GetValue("AllowHttp", false);
        if (allowHttp && environment.IsProduction())
        {
            throw new InvalidSettingException(
                $"{Section}:AllowHttp is for a provider on a developer's machine and is refused in Production; give {Section}:Authority an https:// address.");
        }

        if (authority.Scheme == "http" && !allowHttp)
        {
            throw new InvalidSettingException(
                $"{Section}:Authority '{authorityText}' uses http://, so anyone on the network could read or forge sign-ins: give the provider's https:// address. " +
                $"Only for a provider on a developer's machine, outside Production: set {Section}:AllowHttp=true.");
        }

        var clientId = section["ClientId"];
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new InvalidSettingException($"{Section}:ClientId is missing: the client id the provider registered for Obeya.");
        }

        return new(true, authority, clientId.Trim(), section["ClientSecret"], section.GetValue("TrustEmailAddresses", false), allowHttp,
            TrustedCertificatesFrom(section["TrustedCertificate"]));
    }

    private static X509Certificate2Collection? TrustedCertificatesFrom(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidSettingException($"{Section}:TrustedCertificate '{path}' does not exist.");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidSettingException($"{Section}:TrustedCertificate '{path}' cannot be read as PEM certificates: {e.Message}", e);
        }

        return certificates.Count > 0
            ? certificates
            : throw new InvalidSettingException($"{Section}:TrustedCertificate '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }
}

/// <summary>
/// The OpenID Connect handler and what Obeya does at its steps: the account is decided once the provider's
/// claims are complete (ID token and userinfo), every failure becomes a reason on the login page in the reader's language, and
/// signing out also ends the session at the provider when it offers that.
/// </summary>
public static partial class OrganisationSignInFlow
{
    public const string Scheme = "oidc";

    private const string IdToken = "id_token";

    public static AuthenticationBuilder AddOrganisationSignIn(this AuthenticationBuilder authentication, OrganisationSignIn settings)
    {
        authentication.AddOpenIdConnect(Scheme, "Organisatie", options =>
        {
            options.Authority = settings.Authority!.ToString();
            options.RequireHttpsMetadata = !settings.AllowHttp;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                options.Scope.Add(scope);
            }

            // The code flow gives profile and e-mail claims through userinfo (the ID token may have none).
            options.GetClaimsFromUserInfoEndpoint = true;
            // Keep the provider's own claim names ("email", "name"), whatever the provider.
            options.MapInboundClaims = false;
            options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            // The issuer is half of who someone is (issuer + subject): keep it, where the handler drops it by default.
            options.ClaimActions.Remove("iss");
            // The ID token is kept (in the cookie) only as the hint for signing out at the provider.
            options.SaveTokens = true;
            // A login click should not hang for the default minute when the provider does not answer.
            options.BackchannelTimeout = TimeSpan.FromSeconds(15);
            if (settings.TrustedCertificates is { } trusted)
            {
                options.BackchannelHttpHandler = TrustingOnly(trusted);
            }

            options.Events.OnTicketReceived = OnTicketReceived;
            options.Events.OnAccessDenied = OnAccessDenied;
            options.Events.OnRemoteFailure = OnRemoteFailure;
            options.Events.OnRedirectToIdentityProviderForSignOut = OnRedirectToIdentityProviderForSignOut;
        });
        // Anything else the handler would refuse, refused at start too rather than on every request.
        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme).ValidateOnStart();
        return authentication;
    }

    /// <summary>To the provider; an unreachable or untrusted provider sends the user back with the reason.</summary>
    public static async Task<IResult> ChallengeAsync(HttpContext http, string returnUrl)
    {
        try
        {
            await http.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = returnUrl });
            return Results.Empty;
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Unreachable, slow or untrusted for the metadata; a provider refusing the pushed request (PAR) is a refusal.
            // Only the browser going away is not answered (a backchannel timeout is a cancellation too).
            LogChallengeFailed(Logger(http), e);
            return Results.Redirect(SignInPageWith(http, IsUnreachable(e) ? Unreachable(Text(http)) : Failed(Text(http)), returnUrl));
        }
    }

    /// <summary>
    /// Signs out of Obeya and, for someone who signed in through the organisation, at the provider as well
    /// (RP-initiated logout), so the next sign-in asks for credentials again.
    /// </summary>
    public static async Task<IResult> SignOutAsync(HttpContext http, string signedOutPage)
    {
        var throughOrganisation = http.RequestServices.GetRequiredService<OrganisationSignIn>().Enabled
            && await http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, IdToken) is not null;
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (throughOrganisation)
        {
            try
            {
                await http.SignOutAsync(Scheme, new AuthenticationProperties { RedirectUri = signedOutPage });
                return Results.Empty;
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
            {
                // Signed out of Obeya all the same; the provider's session stays until it ends there.
                LogSignOutAtProviderFailed(Logger(http), e);
            }
        }

        return Results.LocalRedirect(signedOutPage);
    }

    /// <summary>After the ID token and userinfo: the claims are complete, so this is where the account is decided.</summary>
    private static async Task OnTicketReceived(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal!;
        var signIn = new ExternalSignIn(
            principal.FindFirstValue("iss"),
            principal.FindFirstValue("sub"),
            principal.FindFirstValue("email"),
            bool.TryParse(principal.FindFirstValue("email_verified"), out var verified) && verified,
            principal.FindFirstValue("name"));
        var settings = http.RequestServices.GetRequiredService<OrganisationSignIn>();
        Account account;
        try
        {
            account = await http.RequestServices.GetRequiredService<AccountService>()
                .SignedInExternallyAsync(signIn, settings.TrustEmailAddresses, http.RequestAborted);
        }
        catch (DomainException e)
        {
            LogRefused(Logger(http), signIn.Issuer, signIn.Subject, signIn.EmailVerified, e.Says.ToString());
            context.Response.Redirect(SignInPageWith(http, e.Says.Worded(), context.ReturnUri));
            context.HandleResponse();
            return;
        }

        context.Principal = CurrentUser.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme);
        var properties = context.Properties!;
        properties.StoreTokens([.. properties.GetTokens().Where(token => token.Name == IdToken)]);
        properties.Items[AccountEndpoints.CheckedAt] =
            InstantPattern.ExtendedIso.Format(http.RequestServices.GetRequiredService<IClock>().GetCurrentInstant());
        AccountEndpoints.RememberLanguage(http, account);
    }

    /// <summary>The user cancelled at the provider (<c>error=access_denied</c>).</summary>
    private static Task OnAccessDenied(AccessDeniedContext context)
    {
        LogCancelled(Logger(context.HttpContext));
        context.Response.Redirect(SignInPageWith(context.HttpContext, Cancelled(Text(context.HttpContext)), context.ReturnUrl));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>Any other failure on the way back: a provider error, a failed token exchange, an expired attempt.</summary>
    private static Task OnRemoteFailure(RemoteFailureContext context)
    {
        LogFailed(Logger(context.HttpContext), context.Failure);
        context.Response.Redirect(SignInPageWith(context.HttpContext,
            context.Failure is { } failure && IsUnreachable(failure) ? Unreachable(Text(context.HttpContext)) : Failed(Text(context.HttpContext)),
            context.Properties?.RedirectUri));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>A provider without an end-session endpoint: signed out of Obeya, which is all there is to do.</summary>
    private static Task OnRedirectToIdentityProviderForSignOut(RedirectContext context)
    {
        if (string.IsNullOrEmpty(context.ProtocolMessage.IssuerAddress))
        {
            context.Response.Redirect(context.Properties.RedirectUri ?? "/inloggen?uitgelogd=true");
            context.HandleResponse();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The login page showing <paramref name="message"/>. The message travels protected, so a link made elsewhere
    /// cannot put words of its own on Obeya's login page.
    /// </summary>
    private static string SignInPageWith(HttpContext http, string message, string? returnUrl)
    {
        var protectedMessage = Notices(http).Protect(message);
        var page = $"/inloggen?fout={Uri.EscapeDataString(protectedMessage)}";
        return returnUrl is { Length: > 0 } url && url != "/" ? $"{page}&returnUrl={Uri.EscapeDataString(url)}" : page;
    }

    /// <summary>The message <see cref="SignInPageWith"/> sent, or null for none or one Obeya did not write.</summary>
    public static string? NoticeFrom(HttpContext http, string? protectedMessage)
    {
        if (string.IsNullOrEmpty(protectedMessage))
        {
            return null;
        }

        try
        {
            return Notices(http).Unprotect(protectedMessage);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>What the user reads when the provider cannot be reached or trusted; the log says which.</summary>
    private static string Unreachable(IStringLocalizer<AccountsText> T) =>
        T["Obeya kan de inlogdienst van je organisatie nu niet bereiken. Probeer het later opnieuw, of log in met je e-mailadres en wachtwoord."];

    private static string Cancelled(IStringLocalizer<AccountsText> T) => T["Je hebt het inloggen bij je organisatie afgebroken. Je bent niet ingelogd."];

    private static string Failed(IStringLocalizer<AccountsText> T) =>
        T["Inloggen via je organisatie is niet gelukt. Probeer het opnieuw. Lukt het weer niet? Vraag je beheerder om hulp."];

    /// <summary>The sign-in page's words in the language of the browser coming back: its cookie still holds it.</summary>
    private static IStringLocalizer<AccountsText> Text(HttpContext http) => http.RequestServices.GetRequiredService<IStringLocalizer<AccountsText>>();

    private static IDataProtector Notices(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("Obeya.Accounts.SignInNotice");

    /// <summary>A backchannel that accepts the provider's certificate only when it chains to one of these (the name is checked as ever).</summary>
    private static SocketsHttpHandler TrustingOnly(X509Certificate2Collection trusted)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust };
        policy.CustomTrustStore.AddRange(trusted);
        // A CA of the organisation's own often publishes no revocation list that Obeya could reach.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        return new SocketsHttpHandler { SslOptions = { CertificateChainPolicy = policy } };
    }

    /// <summary>No answer, no connection or no trusted TLS, somewhere down the chain of causes.</summary>
    private static bool IsUnreachable(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TaskCanceledException or TimeoutException or System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrganisationSignIn).FullName!);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the user to the OpenID provider failed (its metadata or its pushed authorization request)")]
    private static partial void LogChallengeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing out at the OpenID provider failed; signed out of Obeya only")]
    private static partial void LogSignOutAtProviderFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Sign-in through the organisation refused for issuer {Issuer}, subject {Subject} (email_verified {EmailVerified}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string? issuer, string? subject, bool emailVerified, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in through the organisation cancelled at the provider (access_denied)")]
    private static partial void LogCancelled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in through the organisation failed")]
    private static partial void LogFailed(ILogger logger, Exception? exception);
}
