using Microsoft.AspNetCore.Diagnostics;

namespace Obeya.Web.Components;

/// <summary>
/// An unknown address a person opens gets the app's own "Niet gevonden" page (in the reader's language), in its layout, with status 404.
/// The API, the hub and the framework's files keep their own answers (problem details for /api).
/// </summary>
public static class NotFoundPages
{
    public const string Path = "/niet-gevonden";

    public static WebApplication UseObeyaNotFoundPage(this WebApplication app)
    {
        // On the application itself, where re-execution routes the request again to the page's endpoint.
        app.UseStatusCodePagesWithReExecute(Path, createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            // Everything but a page a person opens keeps the status-code answer of the API (problem details).
            if (!IsPageRequest(http.Request) && http.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(http);
        });
        return app;
    }

    private static bool IsPageRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/api")
        && !request.Path.StartsWithSegments("/hubs")
        && !request.Path.StartsWithSegments("/health")
        && !request.Path.StartsWithSegments("/_framework")
        && !request.Path.StartsWithSegments("/_blazor")
        && !request.Path.StartsWithSegments("/_content");
}
