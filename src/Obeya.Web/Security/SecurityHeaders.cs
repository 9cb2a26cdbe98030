namespace Obeya.Web.Security;

/// <summary>
/// The browser-side defences every response carries: a Content-Security-Policy the app works under (proved by the
/// browser tests in Security/), no sniffing, no framing, no referrer beyond this site (none at all from a wall link),
/// no device features, and HSTS over HTTPS outside Development.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from files on this server: nothing inline, no eval. Styles also allow 'unsafe-inline' because
    /// Radzen's components render style="…" attributes (and Blazor sets them while diffing), which a strict
    /// style-src refuses; a style attribute cannot run script, so this does not reopen XSS. WebSockets to this
    /// server (Blazor's circuit, the wall's SignalR) are covered by 'self' in CSP Level 3 browsers.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; " +
        "font-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>A board needs no device: only features every current browser knows, so none logs an unknown one.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public const string DefaultReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>A wall link carries its secret token in the path; it must never leave in a Referer.</summary>
    public const string WallReferrerPolicy = "no-referrer";

    /// <summary>
    /// The policy, with forms also allowed on to the organisation's identity provider: signing out posts to Obeya,
    /// which redirects to the provider's end-session endpoint, and browsers hold that redirect to form-action.
    /// </summary>
    public static string ContentSecurityPolicyFor(string? identityProviderOrigin) => identityProviderOrigin is null
        ? ContentSecurityPolicy
        : ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {identityProviderOrigin}", StringComparison.Ordinal);

    public static WebApplication UseObeyaSecurityHeaders(this WebApplication app)
    {
        var policy = ContentSecurityPolicyFor(app.Services.GetRequiredService<Accounts.OrganisationSignIn>().Origin);
        if (!app.Environment.IsDevelopment())
        {
            // Only sent on HTTPS responses; in Development it would pin localhost to HTTPS in the developer's browser.
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            // Set as the response starts, so the headers survive the exception handler clearing a failed response.
            context.Response.OnStarting(() =>
            {
                Apply(context, policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void Apply(HttpContext context, string policy)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Referrer-Policy"] = IsWall(context.Request.Path) ? WallReferrerPolicy : DefaultReferrerPolicy;
        // What a signed-in person was shown is theirs: no shared cache or browser back-store keeps it. Static files
        // set their own caching, and keep it.
        if ((context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/api")) && !headers.ContainsKey("Cache-Control"))
        {
            headers.CacheControl = "no-store";
        }
    }

    private static bool IsWall(PathString path) =>
        path.StartsWithSegments("/wall", StringComparison.OrdinalIgnoreCase);
}
