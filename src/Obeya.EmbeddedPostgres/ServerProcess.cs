using System.Diagnostics;
using System.Globalization;

namespace Obeya.EmbeddedPostgres;

/// <summary>
/// One running postmaster, as /proc shows it. pg_ctl starts it in a session of its own and it is not our child,
/// so we cannot wait for it: we look. The start time tells it apart from a later process that got the same PID.
/// </summary>
internal readonly record struct ServerProcess(int Pid, long StartTime, int Session)
{
    /// <summary>The postmaster named in the folder's postmaster.pid, if that process is alive.</summary>
    public static ServerProcess? Of(DataFolder folder) => Recorded(folder) is { IsAlive: true } running ? running : null;

    /// <summary>The process named in the folder's postmaster.pid while /proc still lists it, alive or a zombie.</summary>
    public static ServerProcess? Recorded(DataFolder folder) =>
        ReadPostmasterPid(folder) is int pid && Stat.Read(pid) is { } stat
            ? new ServerProcess(pid, stat.StartTime, stat.Session)
            : null;

    /// <summary>False once it has exited, also while it is a zombie nobody reaps (containers without a reaping init).</summary>
    public bool IsAlive => Stat.Read(Pid) is { IsAlive: true } stat && stat.StartTime == StartTime;

    /// <summary>
    /// The server's other processes (backends, checkpointer, ...) notice their postmaster's death and exit, and until
    /// they have, they still use the cluster: a new server must not start beside them. Waits for them, then kills
    /// those left. They share the postmaster's session, which nothing else of ours is in.
    /// </summary>
    public async Task WaitForItsProcessesToEndAsync(TimeSpan grace, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (LiveProcessesOfSession(Session).Count > 0 && deadline.Elapsed < grace)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        foreach (var pid in LiveProcessesOfSession(Session))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone in the meantime, or not ours to kill: the check below decides.
            }
        }

        for (var waited = 0; LiveProcessesOfSession(Session).Count > 0; waited++)
        {
            if (waited == 40)
            {
                throw new EmbeddedPostgresException(
                    $"Processes of the PostgreSQL server that stopped (PID {Pid}) are still running: {string.Join(", ", LiveProcessesOfSession(Session))}.");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    public static int? ReadPostmasterPid(DataFolder folder)
    {
        try
        {
            var firstLine = File.ReadLines(folder.PostmasterPidFile).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<int> LiveProcessesOfSession(int session)
    {
        var members = new List<int>();
        if (session <= 0 || !Directory.Exists("/proc"))
        {
            return members;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat.Read(pid) is { IsAlive: true } stat
                && stat.Session == session)
            {
                members.Add(pid);
            }
        }

        return members;
    }

    private sealed record Stat(char State, int Session, long StartTime)
    {
        public bool IsAlive => State is not ('Z' or 'X' or 'x');

        public static Stat? Read(int pid)
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            // "PID (command) STATE PPID PGRP SESSION ... STARTTIME(22) ..."; the command may hold spaces and parentheses.
            var end = text.LastIndexOf(')');
            if (end < 0 || end + 2 >= text.Length)
            {
                return null;
            }

            var fields = text[(end + 2)..].Split(' ');
            return fields.Length > 19
                && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var session)
                && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime)
                    ? new Stat(fields[0][0], session, startTime)
                    : null;
        }
    }
}
