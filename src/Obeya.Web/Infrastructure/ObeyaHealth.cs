using Obeya.Web.Access;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Obeya.Web.Infrastructure;

/// <summary>/health/live says the process runs; /health/ready also asks the database.</summary>
public static class ObeyaHealth
{
    private const string Ready = "ready";

    public static IServiceCollection AddObeyaHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapObeyaHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .OpenToAnyone("a load balancer or orchestrator probes it without signing in; it tells nothing of any team");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) })
            .OpenToAnyone("a load balancer or orchestrator probes it without signing in; it tells nothing of any team");
        return app;
    }

    private sealed class DatabaseCheck(IDocumentStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.Storage.Database.AssertConnectivityAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("De database is niet bereikbaar.", e);
            }
        }
    }
}
