using JasperFx.Events;
using Marten;
using NodaTime;
using Npgsql;
using Obeya.EmbeddedPostgres;
using Obeya.Web.Accounts;
using Obeya.Web.Audit;
using Obeya.Web.Calendars;
using Obeya.Web.Processes;
using Obeya.Web.Signals;
using Obeya.Web.Programmes;
using Obeya.Web.Sessions;
using Obeya.Web.Teams;
using Obeya.Web.Tracks;
using Obeya.Web.WallScreens;
using Weasel.Core;

namespace Obeya.Web.Infrastructure;

/// <summary>The event store: Marten on PostgreSQL, the configured server or an embedded one.</summary>
public static class ObeyaStore
{
    public static WebApplicationBuilder AddObeyaStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);

        var connectionString = builder.Configuration.GetConnectionString("Obeya");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = StartEmbeddedPostgres(builder);
        }

        // One pool for Marten and the reads that need one statement of their own (Reads/StoredStreams).
        var dataSource = NpgsqlDataSource.Create(Tuned(connectionString));
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton<Reads.StoredStreams>();
        builder.Services.AddSingleton<Writes.StreamLocks>();
        builder.Services.AddSingleton<Writes.Writer>();
        builder.Services.AddSingleton<Reads.AsyncProjections>();
        builder.Services.AddMarten(options =>
            {
                options.Connection(dataSource);
                // The same JSON as the API, so a stored board can be served as it is stored.
                options.UseSystemTextJsonForSerialization(casing: Casing.CamelCase, configure: ObeyaApi.Configure);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.ConfigureTeams();
                options.ConfigureTracks();
                options.ConfigureSessions();
                options.ConfigureWallScreens();
                options.ConfigureCalendarFeeds();
                options.ConfigureProcesses();
                options.ConfigureSignals();
                options.ConfigureAccounts();
                options.ConfigureProgrammes();
                options.ConfigureAudit();
                // The async projections run on one node at a time (a PostgreSQL advisory lock); when that node goes,
                // another takes them over within a second or two.
                options.Projections.LeadershipPollingTime = 1000;
                // A read of an async projection waits for the events before it (Reads/AsyncProjections): the daemon
                // looks for new events every 100 ms when quiet (Marten's default is a second, which every audit page
                // opened just after a change would wait out), every 50 ms when busy.
                options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);
                options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
            })
            .AddAsyncDaemon(JasperFx.Events.Daemon.DaemonMode.HotCold)
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup();
        return builder;
    }

    /// <summary>
    /// Connection settings for a write path of a few short statements, unless the configured string says otherwise:
    /// the same statements run on every write, so PostgreSQL keeps their plans per connection (auto-prepare) instead
    /// of parsing and planning each time; and a connection back in the pool keeps them, because Marten leaves no
    /// session state behind (no SET, no temp tables, no LISTEN) that a reset would have to clear.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        // Both are off by default, so a value other than the default was chosen by whoever configured the string.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    private static string StartEmbeddedPostgres(WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration["Obeya:DataDirectory"]
            ?? Path.Combine(Directory.GetCurrentDirectory(), ".obeya", "pg");
        // Lives as long as the process: the server logs again when it stops, and when it dies and is started again.
        var loggerFactory = LoggerFactory.Create(logging => logging.AddConsole());
        var postgres = EmbeddedPostgresServer
            .StartAsync(new EmbeddedPostgresOptions(dataDirectory), loggerFactory.CreateLogger<EmbeddedPostgresServer>())
            .GetAwaiter().GetResult();

        // Registered before Marten's own services, so it is stopped after them on shutdown.
        builder.Services.AddSingleton(postgres);
        builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        // The data folder stays locked until the host has stopped, and a start in the meantime is refused: give open
        // requests a few seconds, not the default 30 (SignalR and Blazor connections are closed at once anyway).
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(3));
        return postgres.ConnectionString;
    }

    /// <summary>
    /// Stops the embedded server cleanly when the host stops. When the server has been started again after dying,
    /// Marten's pool is emptied: its idle connections still point at the server that died.
    /// </summary>
    private sealed class EmbeddedPostgresLifetime(EmbeddedPostgresServer postgres, IDocumentStore store, NpgsqlDataSource dataSource) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            postgres.StateChanged += OnStateChanged;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            postgres.StateChanged -= OnStateChanged;
            return postgres.StopAsync();
        }

        private void OnStateChanged(object? sender, EventArgs e)
        {
            if (postgres.State != EmbeddedPostgresState.Running)
            {
                return;
            }

            // The one pool Marten and the reads share; and Marten's own, should it ever hold one of its own.
            dataSource.Clear();
            if (store.Storage.Database is Weasel.Postgresql.PostgresqlDatabase { DataSource: var marten } && !ReferenceEquals(marten, dataSource))
            {
                marten.Clear();
            }
        }
    }
}
