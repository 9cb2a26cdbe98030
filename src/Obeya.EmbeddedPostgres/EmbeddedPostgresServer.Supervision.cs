using Microsoft.Extensions.Logging;
using Npgsql;

namespace Obeya.EmbeddedPostgres;

/// <summary>
/// Supervision: the postmaster is not our child (pg_ctl starts it in a session of its own), so it is looked at a few
/// times a second; when it has died, it is started again on the same port, so every connection string handed out
/// stays valid. A failing restart is tried again after a pause that doubles up to <see cref="MaxRestartPause"/>.
/// </summary>
public sealed partial class EmbeddedPostgresServer
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan FirstRestartPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRestartPause = TimeSpan.FromSeconds(10);
    // Its backends exit as soon as they notice; one stuck in a long write gets this long before it is killed.
    private static readonly TimeSpan OrphanGrace = TimeSpan.FromSeconds(3);

    private void StartSupervising()
    {
        lock (_gate)
        {
            _supervisor = Task.Run(() => SuperviseAsync(_supervision.Token));
        }
    }

    private async Task StopSupervisingAsync()
    {
        Task supervisor;
        lock (_gate)
        {
            supervisor = _supervisor;
        }

        await _supervision.CancelAsync().ConfigureAwait(false);
        try
        {
            await supervisor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            ServerProcess? postmaster;
            lock (_gate)
            {
                postmaster = _postmaster;
            }

            if (postmaster is { IsAlive: true })
            {
                continue;
            }

            await RestartAsync(postmaster, ct).ConfigureAwait(false);
        }
    }

    private async Task RestartAsync(ServerProcess? died, CancellationToken ct)
    {
        // The check may have raced a stop: a server stopped on purpose is not started again.
        ct.ThrowIfCancellationRequested();
        SetState(EmbeddedPostgresState.Restarting);
        LogServerDied(_logger, died?.Pid ?? 0, Port, _folder.Path, _folder.LogTail(lines: 5));
        var pause = FirstRestartPause;
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (died is { } dead)
                {
                    await RemovePidFileOfDeadServerAsync(_folder, dead, _logger, ct).ConfigureAwait(false);
                }

                var (start, log) = await StartServerOnAsync(_tools, _folder, Port, _maxConnections, _logger, ct).ConfigureAwait(false);
                if (start.Succeeded && ServerProcess.Of(_folder) is { } restarted)
                {
                    lock (_gate)
                    {
                        _postmaster = restarted;
                    }

                    ClearPools();
                    LogRestarted(_logger, Port, restarted.Pid, attempt);
                    SetState(EmbeddedPostgresState.Running);
                    return;
                }

                LogRestartFailed(_logger, attempt, pause.TotalSeconds, $"{start.Output}{Environment.NewLine}{log}".Trim());
            }
            catch (EmbeddedPostgresException e)
            {
                LogRestartFailed(_logger, attempt, pause.TotalSeconds, e.Message);
            }

            await Task.Delay(pause, ct).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxRestartPause.Ticks));
        }
    }

    /// <summary>
    /// Idle pooled connections still point at the dead server (each holds its last words, "terminating connection due
    /// to unexpected postmaster exit"); without this, each would fail one command before Npgsql dropped it.
    /// </summary>
    private void ClearPools()
    {
        foreach (var connectionString in _handedOut.Keys)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private void SetState(EmbeddedPostgresState state)
    {
        lock (_gate)
        {
            if (_state == state || _state == EmbeddedPostgresState.Stopped)
            {
                return;
            }

            _state = state;
        }

        try
        {
            StateChanged?.Invoke(this, EventArgs.Empty);
        }
#pragma warning disable CA1031 // A failing listener must not end supervision.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogListenerFailed(_logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The embedded PostgreSQL server (PID {Pid}) on 127.0.0.1:{Port} died; starting it again. Data in {DataDirectory}; server log ends with: {LogTail}")]
    private static partial void LogServerDied(ILogger logger, int pid, int port, string dataDirectory, string logTail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Started the embedded PostgreSQL server again on 127.0.0.1:{Port} (PID {Pid}, attempt {Attempt})")]
    private static partial void LogRestarted(ILogger logger, int port, int pid, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting the embedded PostgreSQL server again failed (attempt {Attempt}); next try in {Seconds} s: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, int attempt, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener to the embedded PostgreSQL server's state failed")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception);
}
