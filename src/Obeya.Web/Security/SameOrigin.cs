using Obeya.Domain;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Security;

/// <summary>
/// Refuses what another site makes a signed-in browser send: every state-changing request (whatever its content
/// type, with a body or without) and every connection to the live channels whose Origin is not this site's own, or
/// that the browser marks as cross-site. A browser always names the Origin of such a request; clients that are no
/// browser (the API's own users, the tests) send none and are checked by their sign-in as before.
/// </summary>
public static class SameOrigin
{
    public static WebApplication UseObeyaSameOrigin(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var request = http.Request;
            var guarded = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor");
            if (guarded && IsForeign(request))
            {
                throw new ApiProblemException(
                    StatusCodes.Status403Forbidden, "Origin", Phrase.Of("api.foreignSiteTitle"), Phrase.Of("api.foreignSite"));
            }

            return next(http);
        });
        return app;
    }

    private static bool IsForeign(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            // "null" is what sandboxed frames and file pages send: never this site.
            return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
                || !string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(from.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
                || from.Port != (request.Host.Port ?? (request.IsHttps ? 443 : 80));
        }

        // Without an Origin, a browser's own say: a request another site started.
        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";
    }
}
