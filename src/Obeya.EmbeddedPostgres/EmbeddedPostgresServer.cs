using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Obeya.EmbeddedPostgres;

/// <summary>
/// A PostgreSQL server of the locally installed binaries, on a private data folder, listening on a free port on
/// 127.0.0.1 only. Used by the web host when no connection string is configured, by the test suites and the bench.
/// The data folder is initialised on first start and reused afterwards; a lock file next to it keeps a second
/// process off the same cluster until <see cref="StopAsync"/>. A server that dies (killed, crashed) is started
/// again on the same port, so <see cref="ConnectionString"/> stays valid; <see cref="State"/> says where it is.
/// </summary>
public sealed partial class EmbeddedPostgresServer : IAsyncDisposable
{
    private const string SuperUser = "obeya";
    private const string MaintenanceDatabase = "postgres";
    private const int MaxIdentifierBytes = 63;
    private const int StartAttempts = 3;
    private const long MaxLogBytes = 10 * 1024 * 1024;

    private static readonly TimeSpan InitDbTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(60);
    // pg_ctl gives up after ServerTimeout itself (-t); this only catches a pg_ctl that hangs.
    private static readonly TimeSpan PgCtlTimeout = ServerTimeout + TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(30);
    // A stop must end in seconds: until it has, the folder is locked and a new start is refused. Fast shutdown ends the
    // sessions and writes a checkpoint; when that takes longer, immediate shutdown leaves the checkpoint to the next
    // start's recovery from the WAL, which holds every committed transaction (fsync stays on).
    private static readonly TimeSpan FastStopTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ImmediateStopTimeout = TimeSpan.FromSeconds(2);

    private readonly PostgresTools _tools;
    private readonly DataFolder _folder;
    private readonly DataFolderLock _folderLock;
    private readonly ILogger _logger;
    private readonly string _password;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _supervision = new();
    private readonly ConcurrentDictionary<string, byte> _handedOut = new(StringComparer.Ordinal);
    private Task _supervisor = Task.CompletedTask;
    private ServerProcess? _postmaster;
    private EmbeddedPostgresState _state = EmbeddedPostgresState.Running;
    private Task? _stopping;

    /// <summary>What the server was started with, so that a restart after its death starts it the same way.</summary>
    private readonly int? _maxConnections;

    private EmbeddedPostgresServer(
        PostgresTools tools, DataFolder folder, DataFolderLock folderLock, ILogger logger, string password, int port, string database,
        int? maxConnections)
    {
        _tools = tools;
        _maxConnections = maxConnections;
        _folder = folder;
        _folderLock = folderLock;
        _logger = logger;
        _password = password;
        Port = port;
        _postmaster = ServerProcess.Of(folder);
        ConnectionString = ConnectionStringFor(database);
        // A host that never disposes us (a static test fixture, a crash in startup code, a web host that cannot bind its
        // port) must not leave a server behind; an unhandled exception ends the process without ProcessExit.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    /// <summary>Raised (on a pool thread) whenever <see cref="State"/> changes.</summary>
    public event EventHandler? StateChanged;

    /// <summary>Connects to <see cref="EmbeddedPostgresOptions.Database"/> as the cluster's superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The port on 127.0.0.1; the same for the life of this object, restarts included.</summary>
    public int Port { get; }

    /// <summary>The cluster folder in use (the configured one, or where it was kept instead; see the README).</summary>
    public string DataDirectory => _folder.Path;

    /// <summary>The server's own log.</summary>
    public string LogFile => _folder.LogFile;

    /// <summary>Running, restarting after it died, or stopped for good.</summary>
    public EmbeddedPostgresState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The postmaster's PID while <see cref="State"/> is Running.</summary>
    public int? ServerProcessId
    {
        get
        {
            lock (_gate)
            {
                return _state == EmbeddedPostgresState.Running ? _postmaster?.Pid : null;
            }
        }
    }

    /// <summary>
    /// Initialises the data folder if needed, starts the server and creates the database if missing.
    /// Fails with an <see cref="EmbeddedPostgresException"/> that says what to do when PostgreSQL is missing,
    /// the folder is in use by another process, or the server does not come up.
    /// </summary>
    public static async Task<EmbeddedPostgresServer> StartAsync(
        EmbeddedPostgresOptions options, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ValidateDatabaseName(options.Database);
        if (OperatingSystem.IsWindows())
        {
            throw new EmbeddedPostgresException(
                "The embedded PostgreSQL server does not run on Windows. Set the connection string ConnectionStrings__Obeya to a PostgreSQL server.");
        }

        return await StartOnUnixAsync(options, logger, ct).ConfigureAwait(false);
    }

    /// <summary>Same server and credentials, another database (which must exist; see <see cref="CreateDatabaseAsync"/>).</summary>
    /// <remarks>
    /// Npgsql's pools of these strings are cleared when the server has been started again, so they hand out no
    /// connection to the server that died. A data source built from one (<c>NpgsqlDataSource</c>, as Marten's) has a
    /// pool of its own: clear it (<c>Clear()</c>) when <see cref="StateChanged"/> reports Running again.
    /// </remarks>
    public string ConnectionStringFor(string database)
    {
        ValidateDatabaseName(database);
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            Username = SuperUser,
            Password = _password,
            Database = database,
        }.ConnectionString;
        _handedOut.TryAdd(connectionString, 0);
        return connectionString;
    }

    /// <summary>Creates <paramref name="database"/> unless it exists; safe to call concurrently.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken ct = default)
    {
        ValidateDatabaseName(database);
        ObjectDisposedException.ThrowIf(IsStopping, this);

        // Unpooled: no idle connections to the maintenance database linger.
        var maintenance = new NpgsqlConnectionStringBuilder(ConnectionStringFor(MaintenanceDatabase)) { Pooling = false };
        var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);

            var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection)
            {
                Parameters = { new NpgsqlParameter("name", database) },
            };
            await using (exists.ConfigureAwait(false))
            {
                if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }

            // template0: nobody can connect to it, so "source database is being accessed by other users" cannot happen.
            var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)} TEMPLATE template0", connection);
            await using (create.ConfigureAwait(false))
            {
                try
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    LogCreatedDatabase(_logger, database);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
                {
                    // Created concurrently by another caller: just as good. The name check in CREATE DATABASE is not
                    // atomic, so a race ends in pg_database's unique index (after the other creator committed).
                }
            }
        }
    }

    /// <summary>
    /// Stops supervising, then stops the server (fast shutdown: open sessions are ended, committed data is safe; after a
    /// few seconds immediate shutdown) and releases the data folder. Idempotent; concurrent callers share one stop.
    /// </summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Test hook: behaves as if the owning process were killed. The folder lock is released, the server keeps running.
    /// </summary>
    internal async Task AbandonWithoutStoppingAsync()
    {
        lock (_gate)
        {
            _stopping ??= Task.CompletedTask;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        await StopSupervisingAsync().ConfigureAwait(false);
        _folderLock.Dispose();
    }

    private bool IsStopping
    {
        get
        {
            lock (_gate)
            {
                return _stopping is not null;
            }
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<EmbeddedPostgresServer> StartOnUnixAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken ct)
    {
        var folder = DataFolder.For(options.DataDirectory);
        try
        {
            var tools = await PostgresTools.LocateAsync(folder.HasCluster ? folder.ClusterMajorVersion() : null, ct).ConfigureAwait(false);
            var configured = folder;
            folder = await ChooseFolderAsync(tools, configured, options.ReachableRoot, logger, ct).ConfigureAwait(false);
            if (folder != configured && folder.HasCluster && folder.ClusterMajorVersion() != tools.MajorVersion)
            {
                tools = await PostgresTools.LocateAsync(folder.ClusterMajorVersion(), ct).ConfigureAwait(false);
            }

            var folderLock = DataFolderLock.Acquire(folder);
            try
            {
                await tools.EnsureServerUserCanReachAsync(folder, ct).ConfigureAwait(false);
                await StopLeftoverServerAsync(tools, folder, logger, ct).ConfigureAwait(false);
                var password = await PrepareClusterAsync(tools, folder, logger, ct).ConfigureAwait(false);
                await PrepareLogFileAsync(tools, folder, ct).ConfigureAwait(false);
                var port = await StartServerAsync(tools, folder, options.MaxConnections, logger, ct).ConfigureAwait(false);

                var postgres = new EmbeddedPostgresServer(tools, folder, folderLock, logger, password, port, options.Database, options.MaxConnections);
                try
                {
                    await postgres.CreateDatabaseAsync(options.Database, ct).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    await postgres.StopAfterFailedStartAsync().ConfigureAwait(false);
                    if (e is NpgsqlException)
                    {
                        throw new EmbeddedPostgresException(
                            $"The embedded PostgreSQL server on {folder.Path} started, but Obeya could not log in to it or create " +
                            $"the database '{options.Database}': {EmbeddedPostgresException.Sentence(e.Message)} If {folder.PasswordFile} was changed, restore it, " +
                            $"or move {folder.Path} away to start over with an empty database.",
                            e);
                    }

                    throw;
                }

                LogStarted(logger, tools.MajorVersion, port, folder.Path);
                postgres.StartSupervising();
                return postgres;
            }
            catch
            {
                folderLock.Dispose();
                throw;
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EmbeddedPostgresException(
                $"No access to the data folder {folder.Path} or the files beside it: {EmbeddedPostgresException.Sentence(e.Message)} " +
                "Run Obeya as the user that owns that folder, or choose another one via the configuration value Obeya:DataDirectory.",
                e);
        }
    }

    /// <summary>The configured folder, or as root the one the postgres user can reach (see <see cref="DataFolderChoice"/>).</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<DataFolder> ChooseFolderAsync(
        PostgresTools tools, DataFolder configured, string reachableRoot, ILogger logger, CancellationToken ct)
    {
        if (!tools.RunsAsServerUser)
        {
            return configured;
        }

        Directory.CreateDirectory(configured.Parent);
        var reachable = await tools.ServerUserCanReachAsync(configured.Parent, ct).ConfigureAwait(false);
        var elsewhere = DataFolderChoice.Elsewhere(configured, Path.GetFullPath(reachableRoot));
        var chosen = DataFolderChoice.Choose(configured, elsewhere, tools.RunsAsServerUser, reachable);
        if (chosen == configured)
        {
            return configured;
        }

        // Searchable by others, so the postgres user can reach the folders in it; each of those is its own (0700).
        Directory.CreateDirectory(elsewhere.Parent, (UnixFileMode)0b111_101_101);
        LogKeptElsewhere(logger, elsewhere.Path, configured.Parent);
        try
        {
            await File.WriteAllTextAsync(DataFolderChoice.NoteFile(configured), DataFolderChoice.Note(configured, elsewhere), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNoteFailed(logger, DataFolderChoice.NoteFile(configured), e.Message);
        }

        return elsewhere;
    }

    /// <summary>Makes sure the folder holds a cluster of the installed version; returns the superuser password.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<string> PrepareClusterAsync(PostgresTools tools, DataFolder folder, ILogger logger, CancellationToken ct)
    {
        if (File.Exists(folder.InitMarkerFile) && Directory.Exists(folder.Path))
        {
            // An earlier first start died during initdb: nothing in there was ever used.
            LogInterruptedInit(logger, folder.Path);
            foreach (var entry in new DirectoryInfo(folder.Path).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        if (!folder.HasCluster)
        {
            if (!folder.IsMissingOrEmpty)
            {
                throw new EmbeddedPostgresException(
                    $"The data folder {folder.Path} is not empty, but it holds no PostgreSQL database. " +
                    "Choose another (new or empty) folder via the configuration value Obeya:DataDirectory.");
            }

            return await InitializeClusterAsync(tools, folder, logger, ct).ConfigureAwait(false);
        }

        var clusterVersion = folder.ClusterMajorVersion();
        if (clusterVersion != tools.MajorVersion)
        {
            throw new EmbeddedPostgresException(
                $"The data folder {folder.Path} was made by PostgreSQL {clusterVersion}, but the server found in {tools.BinDirectory} " +
                $"is PostgreSQL {tools.MajorVersion}. Install PostgreSQL {clusterVersion} (apt-get install -y postgresql-{clusterVersion}), " +
                "or choose a new data folder via the configuration value Obeya:DataDirectory.");
        }

        if (!File.Exists(folder.PasswordFile))
        {
            throw new EmbeddedPostgresException(
                $"The data folder {folder.Path} holds a database, but its password file {folder.PasswordFile} is missing, " +
                $"so Obeya cannot log in. Restore that file, or move {folder.Path} away to start over with an empty database.");
        }

        // Also repairs ownership of a cluster made by an earlier run as a normal user.
        await tools.GiveToServerUserAsync([folder.Path, folder.PasswordFile], ct).ConfigureAwait(false);
        var password = (await File.ReadAllTextAsync(folder.PasswordFile, ct).ConfigureAwait(false)).Trim();
        return password.Length > 0
            ? password
            : throw new EmbeddedPostgresException(
                $"The password file {folder.PasswordFile} is empty. Restore it, or move {folder.Path} away to start over with an empty database.");
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task<string> InitializeClusterAsync(PostgresTools tools, DataFolder folder, ILogger logger, CancellationToken ct)
    {
        LogInitializing(logger, tools.MajorVersion, folder.Path);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        await File.WriteAllTextAsync(folder.InitMarkerFile, "initdb is running or was interrupted\n", ct).ConfigureAwait(false);
        Directory.CreateDirectory(folder.Path, ownerOnly | UnixFileMode.UserExecute);

        // Written fresh with owner-only rights from the first byte; initdb reads it via --pwfile.
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        File.Delete(folder.PasswordFile);
        var passwordFile = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly };
        var writer = new StreamWriter(folder.PasswordFile, Encoding.ASCII, passwordFile);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(password + "\n").ConfigureAwait(false);
        }

        await tools.GiveToServerUserAsync([folder.Path, folder.PasswordFile], ct).ConfigureAwait(false);

        List<string> arguments =
        [
            "--pgdata", folder.Path,
            "--username", SuperUser,
            "--pwfile", folder.PasswordFile,
            "--auth", "scram-sha-256",
            "--encoding", "UTF8",
            // C collation: byte order, fast, and immune to glibc collation changes that corrupt text indexes.
            "--locale", "C",
        ];
        if (Directory.Exists("/usr/lib/locale/C.utf8"))
        {
            // Character classes and upper/lower that know letters beyond ASCII (é, ë); no effect on index order.
            arguments.AddRange(["--lc-ctype", "C.UTF-8"]);
        }

        var initdb = await tools.RunAsync("initdb", arguments, InitDbTimeout, ct).ConfigureAwait(false);
        if (!initdb.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"initdb could not create a PostgreSQL cluster in {folder.Path}: {EmbeddedPostgresException.Sentence(initdb.Output)} " +
                "Fix the cause above, or choose another data folder via the configuration value Obeya:DataDirectory.");
        }

        LogToolOutput(logger, initdb.CommandLine, initdb.Output);
        File.Delete(folder.InitMarkerFile);
        return password;
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task PrepareLogFileAsync(PostgresTools tools, DataFolder folder, CancellationToken ct)
    {
        // The server appends across restarts; keep one old generation instead of growing for ever.
        if (folder.LogLength > MaxLogBytes)
        {
            File.Move(folder.LogFile, folder.LogFile + ".1", overwrite: true);
        }

        if (!File.Exists(folder.LogFile))
        {
            await File.WriteAllTextAsync(folder.LogFile, "", ct).ConfigureAwait(false);
        }

        // pg_ctl opens the log as the server user.
        await tools.GiveToServerUserAsync([folder.LogFile], ct).ConfigureAwait(false);
    }

    /// <summary>
    /// We hold the lock, so a server still running on the folder was left by an owner that died without stopping it:
    /// stop it, so that this process starts (and later stops) its own.
    /// </summary>
    private static async Task StopLeftoverServerAsync(PostgresTools tools, DataFolder folder, ILogger logger, CancellationToken ct)
    {
        if (!File.Exists(folder.PostmasterPidFile))
        {
            return;
        }

        var status = await tools.RunAsync("pg_ctl", ["status", "--pgdata", folder.Path], StatusTimeout, ct).ConfigureAwait(false);
        if (status.ExitCode != 0)
        {
            // Not running: the server itself replaces a postmaster.pid whose process is gone.
            return;
        }

        var recorded = ServerProcess.Recorded(folder);
        if (recorded is { IsAlive: false } dead)
        {
            await RemovePidFileOfDeadServerAsync(folder, dead, logger, ct).ConfigureAwait(false);
            return;
        }

        var pid = recorded?.Pid ?? ServerProcess.ReadPostmasterPid(folder);
        LogStoppingLeftoverServer(logger, pid ?? 0, folder.Path);
        var (outcome, output) = await StopServerAsync(tools, folder, logger, ct).ConfigureAwait(false);
        if (outcome == StopOutcome.StillRunning)
        {
            throw new EmbeddedPostgresException(
                $"A PostgreSQL server (PID {pid}) left running on the data folder {folder.Path} by an earlier Obeya process " +
                $"could not be stopped: {EmbeddedPostgresException.Sentence(output)} Stop that process, then start Obeya again.");
        }
    }

    /// <summary>
    /// A dead server not yet reaped (containers without a reaping init) is a zombie that pg_ctl and postgres take for a
    /// live server, so they refuse to start: its pid file has to go, once the rest of that server has ended too.
    /// (A pid file whose process is gone altogether the server replaces by itself.)
    /// </summary>
    private static async Task RemovePidFileOfDeadServerAsync(DataFolder folder, ServerProcess dead, ILogger logger, CancellationToken ct)
    {
        var killed = await dead.WaitForItsProcessesToEndAsync(OrphanGrace, ct).ConfigureAwait(false);
        if (killed.Count > 0)
        {
            LogKilledOrphans(logger, string.Join(", ", killed), dead.Pid, OrphanGrace.TotalSeconds);
        }

        if (ServerProcess.ReadPostmasterPid(folder) == dead.Pid && !dead.IsAlive)
        {
            LogRemovedStalePidFile(logger, dead.Pid, folder.Path);
            File.Delete(folder.PostmasterPidFile);
        }
    }

    /// <summary>Fast shutdown, and immediate shutdown when that does not finish in a few seconds.</summary>
    private static async Task<(StopOutcome Outcome, string Output)> StopServerAsync(
        PostgresTools tools, DataFolder folder, ILogger logger, CancellationToken ct)
    {
        if (ServerProcess.Of(folder) is null)
        {
            // Nothing to stop; pg_ctl would wait for ever on the pid file of a zombie.
            return (StopOutcome.NotRunning, "");
        }

        var fast = await PgCtlStopAsync(tools, folder, "fast", FastStopTimeout, ct).ConfigureAwait(false);
        if (fast.Succeeded || ServerProcess.Of(folder) is null)
        {
            return (StopOutcome.Stopped, fast.Output);
        }

        LogFastStopTooSlow(logger, FastStopTimeout.TotalSeconds, folder.Path);
        var immediate = await PgCtlStopAsync(tools, folder, "immediate", ImmediateStopTimeout, ct).ConfigureAwait(false);
        return immediate.Succeeded || ServerProcess.Of(folder) is null
            ? (StopOutcome.StoppedImmediately, immediate.Output)
            : (StopOutcome.StillRunning, immediate.Output);
    }

    private static Task<ChildProcessResult> PgCtlStopAsync(PostgresTools tools, DataFolder folder, string mode, TimeSpan timeout, CancellationToken ct) =>
        tools.RunAsync(
            "pg_ctl",
            ["stop", "--pgdata", folder.Path, "--mode", mode, "--wait", "--timeout", Seconds(timeout)],
            timeout + TimeSpan.FromSeconds(5),
            ct);

    /// <summary>Starts the server on a free port; a port taken in the meantime by someone else means another try.</summary>
    private static async Task<int> StartServerAsync(PostgresTools tools, DataFolder folder, int? maxConnections, ILogger logger, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var (start, log) = await StartServerOnAsync(tools, folder, port, maxConnections, logger, ct).ConfigureAwait(false);
            if (start.Succeeded)
            {
                return port;
            }

            if (attempt < StartAttempts && log.Contains("Address already in use", StringComparison.Ordinal))
            {
                LogPortTaken(logger, port);
                continue;
            }

            throw new EmbeddedPostgresException(
                $"PostgreSQL did not start on the data folder {folder.Path}: {start.Output}{Environment.NewLine}" +
                $"Last lines of the server log {folder.LogFile}:{Environment.NewLine}{log}");
        }
    }

    /// <summary>pg_ctl start on <paramref name="port"/>; a server that did not come up is stopped again. Returns the log it wrote.</summary>
    private static async Task<(ChildProcessResult Start, string Log)> StartServerOnAsync(
        PostgresTools tools, DataFolder folder, int port, int? maxConnections, ILogger logger, CancellationToken ct)
    {
        var logOffset = folder.LogLength;
        // pg_ctl hands -o to /bin/sh, hence the shell quotes of the empty list: no Unix socket at all, only TCP on
        // 127.0.0.1 (pg_ctl -w reads readiness from postmaster.pid, so it needs no socket to wait).
        // Boards are stored whole as ~20 KB jsonb and rewritten on every change: lz4 compresses and decompresses them
        // (TOAST) several times faster than the default pglz, and compresses the full-page images a commit writes to
        // the WAL after each checkpoint. Durability is untouched: fsync and synchronous_commit stay on.
        var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            + "-c default_toast_compression=lz4 -c wal_compression=lz4"
            + (maxConnections is { } max ? FormattableString.Invariant($" -c max_connections={max}") : "");
        ChildProcessResult start;
        try
        {
            start = await tools.RunAsync(
                    "pg_ctl",
                    ["start", "--pgdata", folder.Path, "--log", folder.LogFile, "--wait", "--timeout", Seconds(ServerTimeout), "-o", serverOptions],
                    PgCtlTimeout,
                    ct)
                .ConfigureAwait(false);
        }
        catch
        {
            await StopQuietlyAsync(tools, folder, logger).ConfigureAwait(false);
            throw;
        }

        if (start.Succeeded)
        {
            return (start, "");
        }

        var log = folder.LogTail(logOffset);
        // A server that is still coming up (pg_ctl stopped waiting) must not outlive our lock.
        await StopQuietlyAsync(tools, folder, logger).ConfigureAwait(false);
        return (start, log);
    }

    private async Task StopCoreAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        try
        {
            // First, so that the stop is not taken for a death and undone.
            await StopSupervisingAsync().ConfigureAwait(false);
            var (outcome, output) = await StopServerAsync(_tools, _folder, _logger, CancellationToken.None).ConfigureAwait(false);
            switch (outcome)
            {
                case StopOutcome.Stopped:
                    LogStopped(_logger, Port, _folder.Path);
                    break;
                case StopOutcome.StoppedImmediately:
                    LogStoppedImmediately(_logger, Port, _folder.Path);
                    break;
                case StopOutcome.NotRunning:
                    LogAlreadyStopped(_logger, _folder.Path, _folder.LogTail(lines: 5));
                    break;
                default:
                    throw new EmbeddedPostgresException(
                        $"The embedded PostgreSQL server on {_folder.Path} did not stop: {output}{Environment.NewLine}" +
                        $"Last lines of the server log {_folder.LogFile}:{Environment.NewLine}{_folder.LogTail()}");
            }
        }
        finally
        {
            SetState(EmbeddedPostgresState.Stopped);
            // Released even when the stop failed: the next owner stops a leftover server itself.
            _folderLock.Dispose();
        }
    }

    private async Task StopAfterFailedStartAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        catch (EmbeddedPostgresException e)
        {
            LogCleanupFailed(_logger, e);
        }
    }

    private static async Task StopQuietlyAsync(PostgresTools tools, DataFolder folder, ILogger logger)
    {
        try
        {
            await StopServerAsync(tools, folder, logger, CancellationToken.None).ConfigureAwait(false);
        }
        catch (EmbeddedPostgresException e)
        {
            LogCleanupFailed(logger, e);
        }
    }

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.IsTerminating)
        {
            OnProcessExit(sender, e);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            StopAsync().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // The process is ending: there is no one left to report a failure to.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        // The kernel picks an unused port; it is released again so the server can bind it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void ValidateDatabaseName(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (Encoding.UTF8.GetByteCount(database) > MaxIdentifierBytes)
        {
            // PostgreSQL would silently cut the name, and connections by the full name would fail.
            throw new ArgumentException($"A database name has at most {MaxIdentifierBytes} bytes: '{database}'.", nameof(database));
        }
    }

    private enum StopOutcome
    {
        NotRunning,
        Stopped,
        StoppedImmediately,
        StillRunning,
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Seconds(TimeSpan timeout) => ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started embedded PostgreSQL {Version} on 127.0.0.1:{Port}, data in {DataDirectory}")]
    private static partial void LogStarted(ILogger logger, int version, int port, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped embedded PostgreSQL on 127.0.0.1:{Port}, data in {DataDirectory}")]
    private static partial void LogStopped(ILogger logger, int port, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped embedded PostgreSQL on 127.0.0.1:{Port} with immediate shutdown (the next start recovers from the WAL), data in {DataDirectory}")]
    private static partial void LogStoppedImmediately(ILogger logger, int port, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded PostgreSQL server on {DataDirectory} did not finish a fast shutdown within {Seconds} s; stopping it with immediate shutdown")]
    private static partial void LogFastStopTooSlow(ILogger logger, double seconds, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded PostgreSQL server on {DataDirectory} had already stopped. Server log ends with: {LogTail}")]
    private static partial void LogAlreadyStopped(ILogger logger, string dataDirectory, string logTail);

    // In Dutch, as the brief for people running Obeya as root asks; the folder names are what matters.
    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL-data staat in {DataDirectory} (de map {Unreachable} is niet bereikbaar voor de gebruiker postgres)")]
    private static partial void LogKeptElsewhere(ILogger logger, string dataDirectory, string unreachable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {NoteFile} to say where the data is: {Reason}")]
    private static partial void LogNoteFailed(ILogger logger, string noteFile, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating a PostgreSQL {Version} cluster in {DataDirectory}")]
    private static partial void LogInitializing(ILogger logger, int version, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An earlier initdb in {DataDirectory} was interrupted; creating the cluster again")]
    private static partial void LogInterruptedInit(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A PostgreSQL server (PID {Pid}) was left running on {DataDirectory} by an Obeya process that ended without stopping it; stopping it")]
    private static partial void LogStoppingLeftoverServer(ILogger logger, int pid, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killed processes {Pids} of the PostgreSQL server (PID {Pid}) that died: they were still running {Seconds} s after it")]
    private static partial void LogKilledOrphans(ILogger logger, string pids, int pid, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the postmaster.pid of exited server PID {Pid} in {DataDirectory}")]
    private static partial void LogRemovedStalePidFile(ILogger logger, int pid, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} was taken before PostgreSQL could bind it; trying another port")]
    private static partial void LogPortTaken(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreatedDatabase(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{CommandLine}: {Output}")]
    private static partial void LogToolOutput(ILogger logger, string commandLine, string output);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not stop the embedded PostgreSQL server after a failed start")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception);
}
