using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Obeya.EmbeddedPostgres;
using Obeya.Web.Access;

namespace Obeya.Web.Infrastructure;

/// <summary>
/// /health/live says the process runs; /health/ready also asks the database, and says in Dutch why it is not ready
/// (the store unreachable, or the embedded PostgreSQL restarting after it died).
/// </summary>
public static class ObeyaHealth
{
    /// <summary>The checks /health/ready asks.</summary>
    public const string Ready = "ready";

    public static IServiceCollection AddObeyaHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapObeyaHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .OpenToAnyone("a load balancer or orchestrator probes it without signing in; it tells nothing of any team");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .OpenToAnyone("a load balancer or orchestrator probes it without signing in; it tells nothing of any team");
        return app;
    }

    /// <summary>"Healthy", or the status with the reasons ("Unhealthy: De database is niet bereikbaar."); never an exception.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var reasons = report.Entries.Values
            .Where(entry => entry.Status != HealthStatus.Healthy && !string.IsNullOrEmpty(entry.Description))
            .Select(entry => entry.Description);
        context.Response.ContentType = "text/plain; charset=utf-8";
        var text = report.Status == HealthStatus.Healthy ? "Healthy" : $"{report.Status}: {string.Join(" ", reasons)}".TrimEnd(' ', ':');
        return context.Response.WriteAsync(text);
    }

    private sealed class DatabaseCheck(IDocumentStore store, IServiceProvider services) : IHealthCheck
    {
        // A probe wants an answer, not a wait for a connection that will not come.
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            switch (services.GetService<EmbeddedPostgresServer>()?.State)
            {
                case EmbeddedPostgresState.Restarting:
                    return HealthCheckResult.Unhealthy("De ingebouwde database is uitgevallen. Obeya start hem opnieuw.");
                case EmbeddedPostgresState.Stopped:
                    return HealthCheckResult.Unhealthy("De ingebouwde database is gestopt.");
            }

            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(Patience);
            try
            {
                await store.Storage.Database.AssertConnectivityAsync(patience.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (ProblemResponses.IsStoreUnreachable(e)
                || e is Npgsql.NpgsqlException or TimeoutException
                || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("De database is niet bereikbaar.", e);
            }
        }
    }
}
