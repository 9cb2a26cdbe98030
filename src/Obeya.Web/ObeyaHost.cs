using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Audit;
using Obeya.Web.Calendars;
using Obeya.Web.Components;
using Obeya.Web.Demo;
using Obeya.Web.Infrastructure;
using Obeya.Web.Language;
using Obeya.Web.Live;
using Obeya.Web.Processes;
using Obeya.Web.Signals;
using Obeya.Web.Programmes;
using Obeya.Web.Rhythm;
using Obeya.Web.Security;
using Obeya.Web.Sessions;
using Obeya.Web.Teams;
using Obeya.Web.Tracks;
using Obeya.Web.WallScreens;
using Radzen;

namespace Obeya.Web;

/// <summary>Composes the features into one host. Program.cs calls these two and nothing else.</summary>
public static class ObeyaHost
{
    public static WebApplicationBuilder AddObeya(this WebApplicationBuilder builder)
    {
        // Serves Radzen's and Blazor's static files from a plain build too, not only from a publish.
        builder.WebHost.UseStaticWebAssets();
        // Nothing tells a visitor which server software answers.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.AddObeyaProxies();

        builder.AddObeyaStore();
        builder.Services.AddObeyaApi();
        builder.Services.AddObeyaHealth();
        builder.Services.AddObeyaLive();
        builder.AddObeyaScaleOut();
        builder.AddObeyaTelemetry();
        AccessCheck.AddObeyaAccess(builder.Services);
        // Before the demo data, so an administrator from the environment is the first account.
        builder.AddObeyaAccounts();
        builder.Services.AddDemoData(builder.Configuration);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents(options => options.DetailedErrors = builder.Environment.IsDevelopment())
            // A text field's value travels in one message: room for measurements pasted from Excel (10,000 rows are
            // some 200 KB), where SignalR's default of 32 KB would drop the circuit.
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 1024 * 1024);
        // A circuit reads its signed-in account again on the cookie's interval, instead of keeping what it opened with.
        builder.Services.Replace(ServiceDescriptor.Scoped<AuthenticationStateProvider, CircuitSignIn>());
        builder.Services.AddSingleton<TrackTales>();
        builder.Services.AddSingleton<AuditReader>();
        // Screen text: the Dutch text is its own key, English in the .en.resx beside each feature's <Feature>Text class.
        builder.Services.AddLocalization();
        builder.Services.AddRadzenComponents();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILocalizer, RadzenDutch>());
        builder.Services.AddScoped<Home.SeenBoards>();
        return builder;
    }

    public static WebApplication MapObeya(this WebApplication app)
    {
        app.UseObeyaProxies();
        app.UseObeyaNodeStopping();
        app.UseObeyaSecurityHeaders();
        // Before the problem handler and the refusals it words: a culture set further in is gone by the time an
        // exception has travelled back out to it.
        app.UseRequestLocalization(ObeyaCulture.Options());
        app.UseObeyaApi();
        app.UseObeyaNotFoundPage();
        app.UseObeyaSameOrigin();
        app.UseObeyaAccounts();
        app.UseEndpointRules();
        app.UseAntiforgery();
        app.MapStaticAssets();

        app.MapObeyaHealth();
        app.MapObeyaLive();
        var api = app.MapGroup("/api/v1");
        api.MapTeams();
        api.MapTracks();
        api.MapMeasurementImport();
        api.MapSessions();
        api.MapWallScreens();
        api.MapCalendarFeeds();
        api.MapProcesses();
        api.MapSignals();
        api.MapAudit();
        api.MapAccountAdministration();
        api.MapProgrammes();
        api.MapRhythm();

        app.MapAccounts();
        app.MapLanguage();
        app.MapWallPages();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(page =>
        {
            // The not-found page shows nothing of anyone's, and someone signed out who follows an old link sees it too.
            if (page is RouteEndpointBuilder { RoutePattern.RawText: Components.NotFoundPages.Path })
            {
                page.Metadata.Add(new Access.AnyoneRule("says an address does not exist; shows nothing of a team"));
            }
        });
        return app;
    }
}
